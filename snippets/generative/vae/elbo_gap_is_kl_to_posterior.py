"""The ELBO's gap is a KL divergence: log p(x) - ELBO(q) = KL(q || p(z|x)), exactly.

On a linear-Gaussian model every term has a closed form, so the identity can be checked
to rounding error rather than to Monte Carlo precision. The three numbers come from three
separate formulas (the Gaussian marginal of x, the ELBO's expected log-likelihood minus its
KL to the prior, and the KL between two Gaussians with the posterior found by Bayes' rule).

Conditions: no training; a linear-Gaussian model with a 3-d latent and 5-d observation, decoder noise 0.5; 100 random models, each with a random full-covariance Gaussian encoder; float64, to 1e-9; seeds 0-4.
"""

import os

import numpy as np

from snippets.generative.vae._linear_gaussian import (
    elbo,
    kl_gaussians,
    log_evidence,
    posterior,
    random_model,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-9  # float64 rounding through a few 5x5 solves and determinants

# --8<-- [start:check]
worst = 0.0
for _ in range(100):
    x, w, b, s = random_model(rng, d=3, big_d=5, s=0.5)
    m = rng.normal(size=3)  # any encoder mean (3,)
    a = rng.normal(size=(3, 3))
    cov = a @ a.T + 0.1 * np.eye(3)  # any encoder covariance (3, 3)
    gap = log_evidence(x, w, b, s) - elbo(x, w, b, s, m, cov)
    mu_post, precision = posterior(x, w, b, s)
    kl = kl_gaussians(m, cov, mu_post, np.linalg.inv(precision))
    assert abs(gap - kl) < TOL, f"gap {gap:.12f} should equal KL(q || p(z|x)) {kl:.12f}"
    worst = max(worst, abs(gap - kl))
# --8<-- [end:check]
print(f"largest |gap - KL| over 100 models: {worst:.2e}")
