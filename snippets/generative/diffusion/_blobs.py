"""The toy data, Gaussian blobs on a circle, and its exact denoiser, in float64 numpy.

Because the data are a mixture of Gaussians, a noisy point ``x_t`` is a mixture of
Gaussians too, and the best possible noise prediction, ``E[eps | x_t, t]``, has a closed
form. The checks use it as a ceiling that no trained network can beat, and to tell a
failure of the sampler from a failure of training.
"""

from __future__ import annotations

import math

import numpy as np

BLOBS = 6  # blobs, evenly spaced on a circle
RADIUS = 1.0  # of that circle
BLOB_STD = 0.1  # each blob's standard deviation
NEAR = 0.3  # a sample "lands on the data" when it is this close to a blob's centre


def centres() -> np.ndarray:
    """The blobs' centres, shaped (BLOBS, 2)."""
    angle = np.arange(BLOBS) * (2 * math.pi / BLOBS)
    return RADIUS * np.stack([np.cos(angle), np.sin(angle)], axis=1)


def data(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` points drawn from the blobs, shaped (n, 2)."""
    return centres()[rng.integers(0, BLOBS, n)] + BLOB_STD * rng.standard_normal((n, 2))


def _log_weights(x: np.ndarray, a_bar: np.ndarray) -> np.ndarray:
    """log p(x_t, blob k | t) up to a constant shared by all t and k, shaped (n, k)."""
    var = a_bar * BLOB_STD**2 + (1 - a_bar)  # (n, 1): the variance of x_t given the blob
    mean = np.sqrt(a_bar)[:, :, None] * centres()[None]  # (n, k, 2)
    sq = ((x[:, None, :] - mean) ** 2).sum(axis=-1)  # (n, k)
    return -0.5 * sq / var - np.log(var)  # a 2-D Gaussian's log density, less log(2 pi)


def _eps_given_blob(x: np.ndarray, a_bar: np.ndarray) -> np.ndarray:
    """E[eps | x_t, t, blob k] for every blob, shaped (n, k, 2)."""
    var = a_bar * BLOB_STD**2 + (1 - a_bar)  # (n, 1)
    mean = np.sqrt(a_bar)[:, :, None] * centres()[None]  # (n, k, 2)
    return (np.sqrt(1 - a_bar) / var)[:, :, None] * (x[:, None, :] - mean)


def exact_eps(x: np.ndarray, a_bar: np.ndarray) -> np.ndarray:
    """The best possible noise prediction when the time step is known: ``E[eps | x_t, t]``.

    Args:
        x: noisy points, shaped (n, 2).
        a_bar: each point's ``alpha_bar_t``, shaped (n, 1).

    Returns:
        The posterior mean of the noise, shaped (n, 2).
    """
    log_w = _log_weights(x, a_bar)
    w = np.exp(log_w - log_w.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)  # (n, k): which blob the point came from
    return (w[:, :, None] * _eps_given_blob(x, a_bar)).sum(axis=1)


def time_blind_eps(x: np.ndarray, schedule: np.ndarray) -> np.ndarray:
    """The best possible noise prediction when the time step is hidden: ``E[eps | x_t]``.

    The time step is uniform over the schedule's steps; the prediction averages the
    time-aware one over every step and blob, weighted by how likely each made ``x_t``.

    Args:
        x: noisy points, shaped (n, 2).
        schedule: ``alpha_bar_t`` for every step, shaped (T,).

    Returns:
        The posterior mean of the noise, shaped (n, 2).
    """
    n, steps = len(x), len(schedule)
    xs = np.repeat(x, steps, axis=0)  # (n * T, 2): every point at every step
    a = np.tile(schedule, n)[:, None]  # (n * T, 1)
    log_w = _log_weights(xs, a).reshape(n, steps * BLOBS)
    w = np.exp(log_w - log_w.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)  # (n, T * k): which step and blob
    eps = _eps_given_blob(xs, a).reshape(n, steps * BLOBS, 2)
    return (w[:, :, None] * eps).sum(axis=1)
