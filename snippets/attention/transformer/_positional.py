"""Sinusoidal positional encodings, and the linear map that shifts them.

Vaswani et al. (2017, section 3.5) add to each token's embedding a vector that
depends only on its position::

    PE(pos, 2i)     = sin(pos / base^(2i / d_model))
    PE(pos, 2i + 1) = cos(pos / base^(2i / d_model))

with ``base = 10000``. Each pair of coordinates (2i, 2i + 1) is a point on a circle
turning at its own angular frequency ``ω_i = base^(−2i / d_model)``; moving k
positions turns every circle by ``ω_i·k``, whatever the starting position.
"""

from __future__ import annotations

import torch


def frequencies(d_model: int, base: float = 10000.0, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    """The angular frequency of each coordinate pair.

    Args:
        d_model: the embedding width; must be even.
        base: the wavelength scale of the paper (10000).
        dtype: the dtype of the result.

    Returns:
        ``ω_i = base^(−2i / d_model)`` for ``i = 0 … d_model/2 − 1``, shape ``(d_model // 2,)``.
    """
    if d_model % 2:
        raise ValueError(f"d_model must be even, got {d_model}")
    two_i = torch.arange(0, d_model, 2, dtype=dtype)
    return base ** (-two_i / d_model)


def sinusoidal_encoding(
    n_positions: int, d_model: int, base: float = 10000.0, dtype: torch.dtype = torch.float64
) -> torch.Tensor:
    """The table of sinusoidal positional encodings.

    Args:
        n_positions: how many positions (rows), starting at position 0.
        d_model: the embedding width (columns); must be even.
        base: the wavelength scale of the paper (10000).
        dtype: the dtype of the table.

    Returns:
        ``PE`` of shape ``(n_positions, d_model)``: sines in the even columns,
        cosines in the odd ones.
    """
    omega = frequencies(d_model, base, dtype)  # (d_model // 2,)
    angles = torch.arange(n_positions, dtype=dtype)[:, None] * omega  # (positions, d_model // 2)
    pe = torch.empty(n_positions, d_model, dtype=dtype)
    pe[:, 0::2] = angles.sin()
    pe[:, 1::2] = angles.cos()
    return pe


def shift_matrix(k: int, d_model: int, base: float = 10000.0, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    """The matrix ``M_k`` with ``PE(pos + k) = M_k · PE(pos)`` for every position.

    It is block-diagonal, one 2×2 rotation per coordinate pair, by the angle
    ``ω_i·k``: from the angle-sum identities,
    ``sin(a + b) = sin a cos b + cos a sin b`` and
    ``cos(a + b) = cos a cos b − sin a sin b``. It depends on the offset ``k``
    and not on ``pos``.

    Args:
        k: the offset, in positions (may be negative).
        d_model: the embedding width; must be even.
        base: the wavelength scale of the paper (10000).
        dtype: the dtype of the matrix.

    Returns:
        ``M_k``, shape ``(d_model, d_model)``, orthogonal.
    """
    theta = frequencies(d_model, base, dtype) * k  # (d_model // 2,)
    m = torch.zeros(d_model, d_model, dtype=dtype)
    even = torch.arange(0, d_model, 2)
    m[even, even] = theta.cos()  # sin' =  cos θ · sin + sin θ · cos
    m[even, even + 1] = theta.sin()
    m[even + 1, even] = -theta.sin()  # cos' = −sin θ · sin + cos θ · cos
    m[even + 1, even + 1] = theta.cos()
    return m
