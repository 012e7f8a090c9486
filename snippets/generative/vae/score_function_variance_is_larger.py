"""The score-function estimator pays for needing no derivative of f with a much larger variance.

Same target, same model and same draws as reparameterisation_and_score_function_agree.py:
the gradient of E_q[log p(x | z)] with respect to the encoder's mean and log standard
deviation. Both estimators are unbiased; what differs is how far a single-sample estimate
strays. The reparameterised estimate uses the slope of f at z; the score function multiplies
the value f(z) (a large negative log-likelihood) by a zero-mean score, so most of what it
carries is noise. Subtracting a baseline (the mean of f over separate draws, which keeps it
unbiased) removes part of that, not all.

Conditions: no training; a linear-Gaussian model with a 3-d latent and 5-d observation, decoder noise 0.5, a random diagonal encoder; 20,000 single-sample estimates of each kind; variance summed over the 6 gradient coordinates; float64; seeds 0-9 (ratios 17 to 132 without a baseline, 7.5 to 23 with one).
"""

import os

import numpy as np

from snippets.generative.vae._linear_gaussian import LOG_2PI, random_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
N = 20_000  # estimates of each kind

x, w, b, s = random_model(rng, d=3, big_d=5, s=0.5)
m, log_sigma = rng.normal(size=3) * 0.5, rng.normal(size=3) * 0.3 - 0.5  # the encoder
sigma = np.exp(log_sigma)


def log_likelihood(z: np.ndarray) -> np.ndarray:
    """log p(x | z) for a batch of latents z (N, 3) -> (N,)."""
    r = x - z @ w.T - b  # (N, 5)
    return -0.5 * (len(x) * (LOG_2PI + np.log(s**2)) + (r**2).sum(axis=1) / s**2)


# --8<-- [start:check]
eps = rng.normal(size=(N, 3))
z = m + sigma * eps  # (N, 3): one draw per estimate, shared by all three estimators
grad_z = (x - z @ w.T - b) @ w / s**2  # d log p(x|z) / dz (N, 3)
reparam = np.concatenate([grad_z, grad_z * sigma * eps], axis=1)  # (N, 6)
score_of_q = np.concatenate([eps / sigma, eps**2 - 1], axis=1)  # d log q(z) / d(m, log sigma) (N, 6)
score = log_likelihood(z)[:, None] * score_of_q
baseline = log_likelihood(m + sigma * rng.normal(size=(N, 3))).mean()  # from separate draws
score_baselined = (log_likelihood(z) - baseline)[:, None] * score_of_q

ratio = score.var(axis=0).sum() / reparam.var(axis=0).sum()
ratio_baselined = score_baselined.var(axis=0).sum() / reparam.var(axis=0).sum()
assert ratio > 10, f"the score function's variance should exceed 10x the reparameterised one: {ratio:.1f}x"
assert ratio_baselined > 4, f"even with a baseline it should exceed 4x: {ratio_baselined:.1f}x"
# --8<-- [end:check]
print(f"variance ratio {ratio:.1f}x, with a baseline {ratio_baselined:.1f}x")
