"""The ELBO lies below log p(x) for every encoder, and reaches it when q is the exact posterior.

Because the gap is a KL divergence, it is never negative and is zero only when the two
distributions are the same. The check draws random Gaussian encoders (the gap must be
positive for each) and then sets q to the posterior found by Bayes' rule (the gap must
vanish).

Conditions: no training; a linear-Gaussian model with a 3-d latent and 5-d observation, decoder noise 0.5; 100 random models, each with a random full-covariance encoder and then the exact posterior; float64, tightness to 1e-9; seeds 0-4.
"""

import os

import numpy as np

from snippets.generative.vae._linear_gaussian import elbo, log_evidence, posterior, random_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-9  # float64 rounding through a few 5x5 solves and determinants

# --8<-- [start:check]
smallest_gap = np.inf
for _ in range(100):
    x, w, b, s = random_model(rng, d=3, big_d=5, s=0.5)
    log_px = log_evidence(x, w, b, s)
    a = rng.normal(size=(3, 3))
    random_q = elbo(x, w, b, s, rng.normal(size=3), a @ a.T + 0.1 * np.eye(3))
    assert random_q < log_px, f"a random encoder's ELBO {random_q:.4f} should be below log p(x) {log_px:.4f}"
    smallest_gap = min(smallest_gap, log_px - random_q)
    mu_post, precision = posterior(x, w, b, s)
    exact_q = elbo(x, w, b, s, mu_post, np.linalg.inv(precision))
    assert abs(exact_q - log_px) < TOL, f"at the posterior the ELBO {exact_q:.12f} should equal {log_px:.12f}"
# --8<-- [end:check]
print(f"smallest gap of a random encoder: {smallest_gap:.3f} nats")
