"""Predicting the noise is predicting x_0, rescaled; and the rescaling can be huge.

Since ``x_t = sqrt(a) x_0 + sqrt(1 - a) eps`` (a = alpha_bar_t), a guess of the noise
fixes a guess of the data: ``x0_hat = (x_t - sqrt(1 - a) eps_hat) / sqrt(a)``. Ho et al.
write the reverse step's mean from the noise guess (their Eq. 11); the same mean is the
mean of the true posterior q(x_{t-1} | x_t, x_0) (their Eq. 7) with x0_hat put in for
x_0. The two formulas are checked against each other, and the rescaling is measured:
an error in the noise becomes an error in x_0 multiplied by sqrt((1 - a) / a).

Conditions: no training; arbitrary numbers for x_t and the noise guess (standard
normal, 1,000 two-dimensional points at every step), the paper's linear schedule
(T = 1000, from `published.toml`); float64 numpy, the two means equal to 1e-10; seeds 0-9.
"""

import os

import numpy as np

from snippets.generative.diffusion._schedule import PAPER_T, alpha_bar, linear_betas

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-10  # float64 rounding; the coefficients reach ~1e2 at t = T

betas = linear_betas(PAPER_T)
a_bars = alpha_bar(betas)

# --8<-- [start:identity]
worst = 0.0
for t in range(2, PAPER_T + 1):
    beta, a, a_prev = betas[t - 1], a_bars[t - 1], a_bars[t - 2]
    x_t = rng.standard_normal((1000, 2))  # any noisy points
    eps_hat = rng.standard_normal((1000, 2))  # any guess of the noise
    # Eq. 11: the reverse mean, written with the noise guess
    mean_eps = (x_t - beta / np.sqrt(1 - a) * eps_hat) / np.sqrt(1 - beta)
    # Eq. 7: the posterior mean given x_0, with x_0 replaced by the guess it implies
    x0_hat = (x_t - np.sqrt(1 - a) * eps_hat) / np.sqrt(a)
    mean_x0 = np.sqrt(a_prev) * beta / (1 - a) * x0_hat + np.sqrt(1 - beta) * (1 - a_prev) / (1 - a) * x_t
    worst = max(worst, np.abs(mean_eps - mean_x0).max())
assert worst < TOL, f"the two reverse means differ by {worst:.1e}"
# --8<-- [end:identity]

# --8<-- [start:amplification]
x0 = rng.standard_normal((1000, 2))
eps = rng.standard_normal((1000, 2))
error = 1e-3 * rng.standard_normal((1000, 2))  # a small error in the noise guess
gain = {}
for t in (1, PAPER_T):
    a = a_bars[t - 1]
    x_t = np.sqrt(a) * x0 + np.sqrt(1 - a) * eps
    x0_hat = (x_t - np.sqrt(1 - a) * (eps + error)) / np.sqrt(a)
    measured = np.linalg.norm(x0_hat - x0) / np.linalg.norm(error)
    formula = np.sqrt((1 - a) / a)
    assert np.isclose(measured, formula, rtol=1e-6), f"t={t}: gain {measured:.4f} vs {formula:.4f}"
    gain[t] = measured
assert gain[PAPER_T] > 150, f"at t = T a noise error grows only {gain[PAPER_T]:.1f} times"
assert gain[1] < 0.011, f"at t = 1 a noise error shrinks only to {gain[1]:.4f}"
# --8<-- [end:amplification]
