"""A linear-Gaussian latent-variable model, the one VAE whose every quantity has a closed form.

The model is $p(z) = \\mathcal N(0, I_d)$ and $p(x \\mid z) = \\mathcal N(Wz + b, s^2 I_D)$.
Its evidence, its exact posterior, the ELBO of any Gaussian encoder and the KL between
two Gaussians are each written out here from their own formula, so that the checks on
the VAE page can compare them with one another (and with Monte Carlo estimates) without
any of them being derived from the identity under test.
"""

from __future__ import annotations

import numpy as np

LOG_2PI = float(np.log(2 * np.pi))


def log_evidence(x: np.ndarray, w: np.ndarray, b: np.ndarray, s: float) -> float:
    """The exact $\\log p(x)$: $x$ is Gaussian with mean $b$ and covariance $WW^\\top + s^2 I$.

    Args:
        x: one observation, shape (D,).
        w: decoder weights, shape (D, d).
        b: decoder bias, shape (D,).
        s: decoder noise standard deviation.

    Returns:
        The log-density of ``x`` under the model, latent integrated out.
    """
    cov = w @ w.T + s**2 * np.eye(len(x))
    r = x - b
    _, logdet = np.linalg.slogdet(cov)
    return float(-0.5 * (len(x) * LOG_2PI + logdet + r @ np.linalg.solve(cov, r)))


def posterior(x: np.ndarray, w: np.ndarray, b: np.ndarray, s: float) -> tuple[np.ndarray, np.ndarray]:
    """The exact posterior $p(z \\mid x) = \\mathcal N(\\mu, \\Lambda^{-1})$ by Bayes' rule.

    Args:
        x: one observation, shape (D,).
        w: decoder weights, shape (D, d).
        b: decoder bias, shape (D,).
        s: decoder noise standard deviation.

    Returns:
        ``(mean, precision)``: the mean, shape (d,), and the precision matrix
        $\\Lambda = I + W^\\top W / s^2$, shape (d, d).
    """
    precision = np.eye(w.shape[1]) + w.T @ w / s**2
    mean = np.linalg.solve(precision, w.T @ (x - b) / s**2)
    return mean, precision


def elbo(x: np.ndarray, w: np.ndarray, b: np.ndarray, s: float, m: np.ndarray, cov: np.ndarray) -> float:
    """The ELBO of the Gaussian encoder $q(z) = \\mathcal N(m, \\Sigma_q)$, in closed form.

    $\\mathbb E_q[\\log p(x \\mid z)] - \\mathrm{KL}(q \\,\\|\\, p(z))$, with the expected
    squared error $\\lVert x - Wm - b\\rVert^2 + \\operatorname{tr}(W \\Sigma_q W^\\top)$.

    Args:
        x: one observation, shape (D,).
        w: decoder weights, shape (D, d).
        b: decoder bias, shape (D,).
        s: decoder noise standard deviation.
        m: encoder mean, shape (d,).
        cov: encoder covariance, shape (d, d).

    Returns:
        The evidence lower bound, in nats.
    """
    r = x - w @ m - b
    expected_sq = r @ r + np.trace(w @ cov @ w.T)
    reconstruction = -0.5 * (len(x) * (LOG_2PI + np.log(s**2)) + expected_sq / s**2)
    return float(reconstruction - kl_gaussians(m, cov, np.zeros_like(m), np.eye(len(m))))


def kl_gaussians(m1: np.ndarray, cov1: np.ndarray, m2: np.ndarray, cov2: np.ndarray) -> float:
    """$\\mathrm{KL}(\\mathcal N(m_1, \\Sigma_1) \\,\\|\\, \\mathcal N(m_2, \\Sigma_2))$ in closed form.

    Args:
        m1: mean of the first Gaussian, shape (d,).
        cov1: its covariance, shape (d, d).
        m2: mean of the second Gaussian, shape (d,).
        cov2: its covariance, shape (d, d).

    Returns:
        $\\tfrac12[\\operatorname{tr}(\\Sigma_2^{-1}\\Sigma_1) + \\Delta^\\top\\Sigma_2^{-1}\\Delta
        - d + \\log\\det\\Sigma_2 - \\log\\det\\Sigma_1]$ with $\\Delta = m_2 - m_1$, in nats.
    """
    delta = m2 - m1
    _, logdet1 = np.linalg.slogdet(cov1)
    _, logdet2 = np.linalg.slogdet(cov2)
    return float(0.5 * (np.trace(np.linalg.solve(cov2, cov1)) + delta @ np.linalg.solve(cov2, delta)
                        - len(m1) + logdet2 - logdet1))


def random_model(
    rng: np.random.Generator, d: int = 3, big_d: int = 5, s: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """A random model and one observation drawn from it.

    Args:
        rng: the random generator.
        d: latent dimension.
        big_d: observed dimension.
        s: decoder noise standard deviation.

    Returns:
        ``(x, w, b, s)``: an observation, shape (big_d,), and the model's parameters.
    """
    w = rng.normal(size=(big_d, d))
    b = rng.normal(size=big_d)
    x = w @ rng.normal(size=d) + b + s * rng.normal(size=big_d)
    return x, w, b, s
