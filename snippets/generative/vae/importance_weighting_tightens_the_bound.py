"""Averaging K importance weights inside the log tightens the ELBO towards log p(x) as K grows.

The ELBO is E_q[log w] with w = p(x, z) / q(z); log p(x) is log E_q[w]. Jensen's
inequality puts the first below the second; the importance-weighted bound
E[log (1/K) sum_k w_k] (Burda et al. 2016) sits between them and rises with K. The check
estimates it on a linear-Gaussian model, where log p(x) and the ELBO are exact, with an
encoder that is deliberately off (the posterior mean, the prior's unit variance).

Conditions: no training; a linear-Gaussian model with a 3-d latent and 5-d observation, decoder noise 0.5; 4,000 independent estimates per K, K in 1, 10, 100; orderings with a 4-standard-error margin, the K = 1 estimate within 4 standard errors of the closed-form ELBO; float64; seeds 0-9.
"""

import os

import numpy as np

from snippets.generative.vae._linear_gaussian import (
    LOG_2PI,
    elbo,
    log_evidence,
    posterior,
    random_model,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
REPEATS, Z_TOL = 4_000, 4.0  # independent estimates per K; margin in standard errors

x, w, b, s = random_model(rng, d=3, big_d=5, s=0.5)
m, _ = posterior(x, w, b, s)  # the encoder's mean is right, its unit variance is not


def log_weights(z: np.ndarray) -> np.ndarray:
    """log p(x, z) - log q(z) for latents z (..., 3), with q = N(m, I)."""
    r = x - z @ w.T - b
    log_lik = -0.5 * (len(x) * (LOG_2PI + np.log(s**2)) + (r**2).sum(-1) / s**2)
    log_prior = -0.5 * ((z**2).sum(-1) + 3 * LOG_2PI)
    log_q = -0.5 * (((z - m) ** 2).sum(-1) + 3 * LOG_2PI)
    return log_lik + log_prior - log_q


# --8<-- [start:check]
bounds, errors = {}, {}
for k in (1, 10, 100):
    lw = log_weights(m + rng.normal(size=(REPEATS, k, 3)))  # (REPEATS, K)
    top = lw.max(axis=1, keepdims=True)
    estimates = top[:, 0] + np.log(np.exp(lw - top).mean(axis=1))  # log (1/K) sum_k w_k, stably
    bounds[k], errors[k] = estimates.mean(), estimates.std() / np.sqrt(REPEATS)

exact_elbo, log_px = elbo(x, w, b, s, m, np.eye(3)), log_evidence(x, w, b, s)
assert abs(bounds[1] - exact_elbo) < Z_TOL * errors[1], f"K=1 is the ELBO: {bounds[1]:.3f} vs {exact_elbo:.3f}"
assert bounds[1] + Z_TOL * errors[1] < bounds[10] - Z_TOL * errors[10], f"K=10 should beat K=1: {bounds}"
assert bounds[10] + Z_TOL * errors[10] < bounds[100] - Z_TOL * errors[100], f"K=100 should beat K=10: {bounds}"
assert bounds[100] + Z_TOL * errors[100] < log_px, f"K=100 should stay below log p(x) {log_px:.3f}: {bounds}"
# --8<-- [end:check]
print({k: round(v, 3) for k, v in bounds.items()}, {k: round(v, 3) for k, v in errors.items()}, f"elbo {exact_elbo:.3f} log p(x) {log_px:.3f}")
