"""A diagonal (mean-field) encoder cannot reach a correlated posterior: it stays below log p(x)
and its variances come out too small.

The best diagonal Gaussian q is found here by plain gradient ascent on the ELBO (its
gradient taken by central finite differences of the closed-form ELBO, so nothing about the
answer is assumed). Theory says where it lands: the posterior's mean, and variances
1 / Lambda_ii, the inverse of the posterior's precision diagonal, which for two latents is
the true marginal variance times (1 - rho^2). The encoder is confidently wrong about how
uncertain it is, and the ELBO keeps a gap, the KL it cannot remove: -log(1 - rho^2) / 2
nats for two latents.

Conditions: optimisation, no data beyond one observation; a linear-Gaussian model with a 2-d latent, 4-d observation, decoder noise 0.5, decoder columns chosen nearly parallel so the posterior is strongly correlated; 700 gradient-ascent steps (step 0.02); variances and gap to a relative 1e-3; float64; seeds 0-9 (rho -0.61 to -0.96).
"""

import os

import numpy as np

from snippets.generative.vae._linear_gaussian import elbo, log_evidence, posterior

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
REL_TOL = 1e-3  # gradient ascent stops close to, not at, the optimum
STEPS, STEP_SIZE, H = 700, 0.02, 1e-5

column = rng.normal(size=4)
w = np.stack([column, column + 0.3 * rng.normal(size=4)], axis=1)  # (4, 2), nearly parallel columns
b, s = rng.normal(size=4), 0.5
x = w @ rng.normal(size=2) + b + s * rng.normal(size=4)


def objective(theta: np.ndarray) -> float:
    """ELBO of q = N(theta[:2], diag(exp(2 * theta[2:])))."""
    return elbo(x, w, b, s, theta[:2], np.diag(np.exp(2 * theta[2:])))


# --8<-- [start:check]
theta = np.zeros(4)  # mean (2,) and log standard deviation (2,) of a diagonal q
for _ in range(STEPS):
    grad = np.array([(objective(theta + H * e) - objective(theta - H * e)) / (2 * H) for e in np.eye(4)])
    theta += STEP_SIZE * grad
q_var = np.exp(2 * theta[2:])

mu_post, precision = posterior(x, w, b, s)
post_cov = np.linalg.inv(precision)
rho = post_cov[0, 1] / np.sqrt(post_cov[0, 0] * post_cov[1, 1])
assert np.allclose(q_var, 1 / np.diag(precision), rtol=REL_TOL), f"{q_var} vs 1/Lambda_ii {1 / np.diag(precision)}"
assert np.allclose(q_var, np.diag(post_cov) * (1 - rho**2), rtol=REL_TOL), "variances shrink by 1 - rho^2"
assert (np.diag(post_cov) - q_var).min() > 0, f"q's variances {q_var} should be below the posterior's {np.diag(post_cov)}"
gap = log_evidence(x, w, b, s) - objective(theta)
assert np.isclose(gap, -0.5 * np.log(1 - rho**2), rtol=REL_TOL), f"gap {gap:.4f} vs -log(1 - rho^2)/2"
# --8<-- [end:check]
print(f"rho {rho:.3f}, q var {q_var.round(4)}, posterior var {np.diag(post_cov).round(4)}, gap {gap:.3f}")
