"""Two known 1-D densities and a discriminator fitted to tell them apart.

The GAN page checks the optimal discriminator and the value of the game on a case where
everything is known: the data is $\\mathcal N(0, 1)$, the generator's distribution is
$\\mathcal N(1, 0.5^2)$. Their log-density ratio is quadratic in $x$, so a logistic
regression on the features $(1, x, x^2)$ can represent the optimal discriminator exactly;
whether fitting it to samples finds that discriminator is what the checks ask.
"""

from __future__ import annotations

import numpy as np

DATA = (0.0, 1.0)  # mean and standard deviation of p_data
MODEL = (1.0, 0.5)  # mean and standard deviation of p_g


def density(x: np.ndarray, mean: float, std: float) -> np.ndarray:
    """The normal density $\\mathcal N(x; \\text{mean}, \\text{std}^2)$, elementwise."""
    return np.exp(-0.5 * ((x - mean) / std) ** 2) / (std * np.sqrt(2 * np.pi))


def features(x: np.ndarray) -> np.ndarray:
    """The discriminator's features $(1, x, x^2)$, shape (n, 3)."""
    return np.stack([np.ones_like(x), x, x**2], axis=1)


def fit_discriminator(real: np.ndarray, fake: np.ndarray, steps: int = 25) -> np.ndarray:
    """Maximise the GAN discriminator's objective over logistic discriminators.

    $\\frac{1}{n}\\sum \\log D(x_\\text{real}) + \\frac{1}{n}\\sum \\log(1 - D(x_\\text{fake}))$ with
    $D(x) = \\sigma(w \\cdot (1, x, x^2))$, by Newton's method (the objective is concave in $w$).

    Args:
        real: samples from the data, shape (n,).
        fake: samples from the generator, shape (n,).
        steps: Newton iterations.

    Returns:
        The weights $w$, shape (3,).
    """
    phi = features(np.concatenate([real, fake]))  # (2n, 3)
    label = np.concatenate([np.ones_like(real), np.zeros_like(fake)])  # 1 for data
    w = np.zeros(3)
    for _ in range(steps):
        d = 1 / (1 + np.exp(-phi @ w))
        grad = phi.T @ (label - d)
        hessian = (phi * (d * (1 - d))[:, None]).T @ phi
        w += np.linalg.solve(hessian, grad)
    return w


def discriminator(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    """$D(x) = \\sigma(w \\cdot (1, x, x^2))$, elementwise."""
    return 1 / (1 + np.exp(-features(x) @ w))
