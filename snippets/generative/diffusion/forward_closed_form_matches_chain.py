"""Noising step by step and noising in one jump give the same distribution.

One forward step is ``x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) eps``. Ho et al.'s
closed form says that after ``t`` steps, ``x_t ~ N(sqrt(alpha_bar_t) x_0, (1 - alpha_bar_t) I)``.
Two independent checks against it, under the paper's linear schedule: (1) the chain's
mean and variance, carried through all 1000 steps exactly (a Gaussian stays Gaussian,
so two numbers per step describe it), and (2) a Monte Carlo simulation of the chain
itself, step by step.

Conditions: no training; the paper's linear schedule (T = 1000, read from
`published.toml`), float64 numpy; the moment recursion agrees to 1e-12 at every step;
the Monte Carlo run (20,000 chains from x_0 = 1.5) agrees within 4 standard errors at
t = 100, 500 and 1000 (seeds 0-9: largest miss 0.5 to 2.8 standard errors).
"""

import os

import numpy as np

from snippets.generative.diffusion._schedule import PAPER_T, alpha_bar, linear_betas

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-12  # float64 rounding accumulated over 1000 multiplications
SE_TOL = 4  # standard errors: a 4-sigma miss happens by chance about once in 16,000 tries

# --8<-- [start:moments]
betas = linear_betas(PAPER_T)  # (1000,): beta_1 = 1e-4 ... beta_T = 0.02
x0 = 1.5
mean, var = x0, 0.0  # x_0 is known exactly
chain_mean, chain_var = [], []
for beta in betas:  # one step: scale by sqrt(1 - beta), add noise of variance beta
    mean, var = np.sqrt(1 - beta) * mean, (1 - beta) * var + beta
    chain_mean.append(mean)
    chain_var.append(var)

a_bar = alpha_bar(betas)  # the closed form: a cumulative product
mean_gap = np.abs(np.array(chain_mean) - np.sqrt(a_bar) * x0).max()
var_gap = np.abs(np.array(chain_var) - (1 - a_bar)).max()
assert mean_gap < TOL, f"the chain's mean leaves sqrt(alpha_bar) x0 by {mean_gap:.1e}"
assert var_gap < TOL, f"the chain's variance leaves 1 - alpha_bar by {var_gap:.1e}"
# --8<-- [end:moments]

# --8<-- [start:monte_carlo]
chains = 20_000
x = np.full(chains, x0)  # (chains,): every chain starts at x_0 = 1.5
worst = 0.0  # the largest gap, in standard errors
for t, beta in enumerate(betas, start=1):
    x = np.sqrt(1 - beta) * x + np.sqrt(beta) * rng.standard_normal(chains)
    if t in (100, 500, 1000):
        m, v = np.sqrt(a_bar[t - 1]) * x0, 1 - a_bar[t - 1]  # closed form
        se_mean = np.sqrt(v / chains)  # standard error of a sample mean
        se_var = v * np.sqrt(2 / (chains - 1))  # ... and of a Gaussian sample variance
        worst = max(worst, abs(x.mean() - m) / se_mean, abs(x.var(ddof=1) - v) / se_var)
assert worst < SE_TOL, f"the simulated chain left the closed form by {worst:.1f} standard errors"
# --8<-- [end:monte_carlo]
