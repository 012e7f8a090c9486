"""Three routes to the principal subspace, and a ruler to compare subspaces with.

The lesson on mental models asks one question three ways: which $k$-dimensional
subspace do the data vary most along? This module answers it by maximising the
variance of projections directly (no covariance matrix is ever formed), by
diagonalising the covariance, and by the singular value decomposition of the
centred data. Principal angles then say how far apart two answers are, whatever
bases they came in.

Arrays follow one convention: data are ``(samples, features)``; a subspace is a
``(features, k)`` matrix whose columns span it (they need not be orthonormal).
"""

from __future__ import annotations

import numpy as np
import torch


def centre(x: np.ndarray) -> np.ndarray:
    """Subtract the mean of every feature.

    Args:
        x: data, ``(samples, features)``.

    Returns:
        The centred data, same shape; each column sums to zero.
    """
    return x - x.mean(axis=0, keepdims=True)


def principal_angles(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Principal angles between the column spaces of ``a`` and ``b``, in degrees.

    Both bases are orthonormalised first (QR), so the answer depends on the
    subspaces alone, not on the vectors that span them. The cosines of the angles
    are the singular values of ``Qa.T @ Qb``; small angles are taken from their
    sines instead (the singular values of the part of ``Qb`` outside ``Qa``), since
    ``arccos`` loses precision near 1 (Björck and Golub, 1973).

    Args:
        a: ``(features, k)``, columns spanning the first subspace.
        b: ``(features, k)``, columns spanning the second; same ``k`` as ``a``.

    Returns:
        ``(k,)`` angles in degrees, smallest first: all zero for the same subspace,
        all 90 for orthogonal ones.

    Raises:
        ValueError: if the two subspaces have different dimensions.
    """
    if a.shape != b.shape:
        raise ValueError(f"compare subspaces of one size: got {a.shape} and {b.shape}")
    qa, _ = np.linalg.qr(a)
    qb, _ = np.linalg.qr(b)
    cosines = np.linalg.svd(qa.T @ qb, compute_uv=False)  # descending: small angles first
    sines = np.linalg.svd(qb - qa @ (qa.T @ qb), compute_uv=False)[::-1]  # ascending
    from_cos = np.arccos(np.clip(cosines, -1.0, 1.0))
    from_sin = np.arcsin(np.clip(sines, -1.0, 1.0))
    angles = np.where(from_cos < np.pi / 4, from_sin, from_cos)
    return np.degrees(angles)


def pca_by_eigh(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Principal components as eigenvectors of the sample covariance.

    Args:
        x: data, ``(samples, features)``; centred here.
        k: how many components to return.

    Returns:
        ``(eigenvalues, components)``: every eigenvalue of the covariance, largest
        first, ``(features,)``; and the top ``k`` eigenvectors as columns,
        ``(features, k)``.
    """
    xc = centre(x)
    cov = xc.T @ xc / (len(x) - 1)  # (features, features)
    values, vectors = np.linalg.eigh(cov)  # ascending
    order = np.argsort(values)[::-1]
    return values[order], vectors[:, order[:k]]


def pca_by_svd(x: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Principal components as right singular vectors of the centred data.

    Args:
        x: data, ``(samples, features)``; centred here.
        k: how many components to return.

    Returns:
        ``(variances, components)``: the variance along every right singular
        vector, $s^2/(n-1)$, largest first, ``(features,)``; and the top ``k``
        right singular vectors as columns, ``(features, k)``.
    """
    xc = x - x.mean(dim=0, keepdim=True)
    _, s, vh = torch.linalg.svd(xc, full_matrices=False)  # s descending
    return s**2 / (len(x) - 1), vh[:k].T


def pca_by_max_variance(x: torch.Tensor, k: int, steps: int = 200, lr: float = 1.0,
                        generator: torch.Generator | None = None) -> torch.Tensor:
    """Find ``k`` directions of greatest variance by gradient ascent, one at a time.

    Each direction $w$ starts random and climbs the variance of the projections
    $\\operatorname{var}(X w)$ (the Rayleigh quotient of the covariance, computed
    from the data; no covariance matrix is formed). After each step $w$ is put back
    on the unit sphere and made orthogonal to the directions already found, so the
    second direction is the best one left once the first is taken.

    Args:
        x: data, ``(samples, features)``; centred here.
        k: how many directions to find.
        steps: gradient steps per direction.
        lr: step size of the ascent.
        generator: source of the random starting directions.

    Returns:
        ``(features, k)``, orthonormal columns, greatest variance first.
    """
    xc = x - x.mean(dim=0, keepdim=True)
    found: list[torch.Tensor] = []
    for _ in range(k):
        w = torch.randn(x.shape[1], dtype=x.dtype, generator=generator)  # (features,)
        for _ in range(steps):
            w = w.detach().requires_grad_(True)
            variance = (xc @ w).pow(2).sum() / (len(x) - 1)
            (grad,) = torch.autograd.grad(variance, w)
            with torch.no_grad():
                w = w + lr * grad
                for u in found:  # stay orthogonal to the directions already taken
                    w = w - (u @ w) * u
                w = w / w.norm()
        found.append(w.detach())
    return torch.stack(found, dim=1)
