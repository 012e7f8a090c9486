"""Posterior collapse without a powerful decoder: a latent direction whose data variance is
below the decoder's noise variance is switched off.

A VAE with a linear decoder and fixed noise sigma^2 is probabilistic PCA (Tipping & Bishop
1999); its best encoder is the exact posterior, so maximising the ELBO is maximising the
exact likelihood. The decoder W is fitted here by gradient ascent on that likelihood
(analytic gradient). Theory (the pPCA solution, and Lucas et al. 2019 for the VAE reading):
along a data direction with variance lambda the decoder has a singular value
sqrt(max(lambda - sigma^2, 0)); a direction with lambda < sigma^2 is explained as noise, W
gets a zero singular value, and along that direction of the latent the posterior is the
prior. The decoder is fixed only up to a rotation of the latent (W R fits as well as W for
any orthogonal R), so the check reads W's singular values, not its columns: no single
column need vanish. The information the latent carries about x is then
1/2 log det(I + W^T W / sigma^2) = sum over kept directions of 1/2 log(lambda / sigma^2).

Conditions: optimisation of the exact expected log-likelihood (population covariance, no sampling noise) for 4-d data with variances 4, 1, 0.25, 0.25 along random orthogonal directions, 3 latents, decoder noise variance fixed at 0.5; 1,000 gradient-ascent steps (step 0.05) from a small random W; to 1e-6; float64; seeds 0-9.
"""

import os

import numpy as np

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-6  # gradient ascent converges geometrically; 1,000 steps leave far less than this
STEPS, STEP_SIZE = 1_000, 0.05

# --8<-- [start:check]
data_variances, noise_var, latents = np.array([4.0, 1.0, 0.25, 0.25]), 0.5, 3
rotation, _ = np.linalg.qr(rng.normal(size=(4, 4)))
data_cov = rotation @ np.diag(data_variances) @ rotation.T  # (4, 4)

w = 0.1 * rng.normal(size=(4, latents))  # linear decoder (4, 3)
for _ in range(STEPS):  # ascend E[log p(x)] = -1/2 [log det C + tr(C^-1 S)], C = W W^T + sigma^2 I
    c_inv = np.linalg.inv(w @ w.T + noise_var * np.eye(4))
    w += STEP_SIZE * (c_inv @ data_cov @ c_inv @ w - c_inv @ w)

singular_values = np.linalg.svd(w, compute_uv=False)  # (3,) singular values, largest first
predicted = np.sqrt(np.maximum(data_variances[:latents] - noise_var, 0))  # sqrt(3.5), sqrt(0.5), 0
assert np.allclose(singular_values, predicted, atol=TOL), f"{singular_values} vs {predicted}"
assert singular_values[-1] < TOL, f"one direction of the latent should be switched off: {singular_values[-1]:.2e}"

information = 0.5 * np.linalg.slogdet(np.eye(latents) + w.T @ w / noise_var)[1]  # I(x; z), nats
kept = data_variances[data_variances > noise_var]
assert abs(information - 0.5 * np.log(kept / noise_var).sum()) < TOL, f"I(x; z) = {information:.6f}"
# --8<-- [end:check]
print(f"singular values {singular_values.round(6)}, information {information:.6f} nats = log 4 = {np.log(4):.6f}")
