"""The reparameterisation and score-function estimators are both unbiased for the ELBO's gradient.

Target: the gradient, with respect to the encoder's mean m and log standard deviation,
of E_q[log p(x | z)] for a linear-Gaussian decoder and a diagonal q = N(m, diag(sigma^2)).
It has a closed form (the exact gradient):
d/dm = W^T (x - b - W m) / s^2 and d/d log sigma_i = -sigma_i^2 (W^T W)_ii / s^2.

- Reparameterisation: z = m + sigma * eps, differentiate f(z) = log p(x | z) through z.
- Score function (REINFORCE): f(z) * d log q(z) / d(m, log sigma), with z ~ q; it needs
  only values of f, never its derivative.

Conditions: no training; a linear-Gaussian model with a 3-d latent and 5-d observation, decoder noise 0.5, a random diagonal encoder; 20,000 single-sample estimates of each kind, no baseline; each of the 6 gradient coordinates within 4 standard errors of the exact value; float64; seeds 0-9.
"""

import os

import numpy as np

from snippets.generative.vae._linear_gaussian import LOG_2PI, random_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
N, Z_TOL = 20_000, 4.0  # estimates of each kind; agreement bound in standard errors

x, w, b, s = random_model(rng, d=3, big_d=5, s=0.5)
m, log_sigma = rng.normal(size=3) * 0.5, rng.normal(size=3) * 0.3 - 0.5  # the encoder
sigma = np.exp(log_sigma)


def log_likelihood(z: np.ndarray) -> np.ndarray:
    """log p(x | z) for a batch of latents z (N, 3) -> (N,)."""
    r = x - z @ w.T - b  # (N, 5)
    return -0.5 * (len(x) * (LOG_2PI + np.log(s**2)) + (r**2).sum(axis=1) / s**2)


def estimators(eps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-sample gradient estimates (N, 6) of d/d(m, log sigma) E_q[log p(x|z)], both kinds."""
    z = m + sigma * eps  # (N, 3), the same draws for both estimators
    grad_z = (x - z @ w.T - b) @ w / s**2  # d log p(x|z) / dz (N, 3)
    reparam = np.concatenate([grad_z, grad_z * sigma * eps], axis=1)
    score_of_q = np.concatenate([eps / sigma, eps**2 - 1], axis=1)  # d log q(z) / d(m, log sigma)
    score = log_likelihood(z)[:, None] * score_of_q
    return reparam, score


# --8<-- [start:check]
exact = np.concatenate([w.T @ (x - b - w @ m) / s**2, -sigma**2 * np.diag(w.T @ w) / s**2])  # (6,)
reparam, score = estimators(rng.normal(size=(N, 3)))  # (N, 6) each
for name, grads in (("reparameterisation", reparam), ("score function", score)):
    mean, standard_error = grads.mean(axis=0), grads.std(axis=0) / np.sqrt(N)
    z_scores = np.abs(mean - exact) / standard_error
    assert z_scores.max() < Z_TOL, f"{name}: {mean.round(3)} should match {exact.round(3)} (z {z_scores.round(1)})"
# --8<-- [end:check]
print("exact   ", exact.round(3))
print("reparam ", reparam.mean(0).round(3), "z", (np.abs(reparam.mean(0) - exact) / (reparam.std(0) / np.sqrt(N))).round(2))
print("score   ", score.mean(0).round(3), "z", (np.abs(score.mean(0) - exact) / (score.std(0) / np.sqrt(N))).round(2))
print("variance ratio", (score.var(0) / reparam.var(0)).round(1))
f = log_likelihood(m + sigma * rng.normal(size=(N, 3)))
print("f mean", f.mean())
