"""SGD with a learning rate above 2 / λ_max diverges on a smooth regression that a slightly smaller rate solves.

For a least-squares loss, gradient descent multiplies the error along each eigenvector
of the Hessian H = XᵀX / n by 1 − lr · λ_i at every step. Along the steepest one the
factor has magnitude below one only if lr < 2 / λ_max; 10% above it the factor is 1.2
in magnitude and that component grows without bound, however small it started, while
10% below it shrinks by 0.8 per step. Nothing else about the data matters.

Assumption: the learning rate is below 2 / λ_max, the stability limit set by the loss's sharpest curvature.
Broken by: a learning rate 10% above that limit.

Conditions: trained 200 full-batch SGD steps on 40 points of sin(3x) plus noise of
standard deviation 0.1, x uniform in [-1, 1], fitted with 12 Gaussian bumps of width
0.3 (a structured, ill-conditioned regression); λ_max from numpy's eigvalsh; five seeds
inside the check (the suite's seed and the next four), float64. Measured over seeds
0-9: the loss at 1.1 · 2/λ_max ends 2e28 to 2e31 times its start (asserted above 1e6);
at 0.9 · 2/λ_max it ends at 0.009 to 0.021 of its start (asserted below 0.5).
"""

import os

import numpy as np

from snippets.foundations.optimizers._optim import sgd

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
STEPS = 200
centres = np.linspace(-1, 1, 12)  # one Gaussian bump every 2/11 along the input range


def regression(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Features and targets of the smooth regression: 40 points of sin(3x) plus noise."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, 40)
    y = np.sin(3 * x) + 0.1 * rng.standard_normal(40)
    features = np.exp(-((x[:, None] - centres[None]) ** 2) / (2 * 0.3**2))  # (40, 12)
    return features, y


# --8<-- [start:check]
for seed in range(SEED, SEED + 5):
    X, y = regression(seed)
    lambda_max = np.linalg.eigvalsh(X.T @ X / len(y)).max()  # the sharpest curvature

    def loss(w):
        return 0.5 * np.mean((X @ w - y) ** 2)

    def grad(w):
        return X.T @ (X @ w - y) / len(y)

    w0 = np.zeros(12)
    too_big = sgd(grad, w0, lr=1.1 * 2 / lambda_max, steps=STEPS)[-1]
    just_under = sgd(grad, w0, lr=0.9 * 2 / lambda_max, steps=STEPS)[-1]
    growth, shrink = loss(too_big) / loss(w0), loss(just_under) / loss(w0)
    assert growth > 1e6, f"seed {seed}: above 2/λ_max the loss only grew ×{growth:.2g}"
    assert shrink < 0.5, f"seed {seed}: below 2/λ_max the loss only fell to {shrink:.2f} of its start"
# --8<-- [end:check]
