"""Two ways to tell attention where a token is from inside the attention itself, shared
by the positions page and the sequence lab.

RoPE (Su et al., RoFormer) turns each query and key by an angle proportional to its
position, so that their dot product depends on the offset between them; ALiBi (Press et
al.) adds to each score a fixed penalty proportional to the distance between query and
key. Neither adds anything to the token's embedding, and neither has a parameter. The
positions page checks both (``rope_is_a_rotation``, ``alibi_bias_is_linear_in_distance``
and others); the sequence lab's Transformer rows use the same functions.
"""

from __future__ import annotations

import torch

BASE = 10_000.0  # the sinusoids' and RoPE's base wavelength


def rotate(x: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
    """RoPE as in Su et al.: turn each pair of coordinates ``(2i, 2i + 1)`` of ``x`` by
    the angle ``position * BASE^(-2i/d)``.

    Args:
        x: ``(..., tokens, d)`` queries or keys, ``d`` even.
        positions: ``(tokens,)`` positions, integers or not (position interpolation
            scales them).

    Returns:
        The rotated vectors, the same shape and dtype as ``x``.
    """
    d = x.shape[-1]
    frequency = BASE ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)  # (d / 2,)
    angle = positions.to(torch.float64).unsqueeze(-1) * frequency  # (tokens, d / 2)
    cos, sin = torch.cos(angle).to(x.dtype), torch.sin(angle).to(x.dtype)
    even, odd = x[..., 0::2], x[..., 1::2]
    return torch.stack([even * cos - odd * sin, even * sin + odd * cos], dim=-1).flatten(-2)


def alibi_slopes(heads: int) -> torch.Tensor:
    """ALiBi's fixed slopes for a power-of-two number of heads: ``2^(-8h/heads)`` for
    ``h = 1..heads``.

    Returns:
        ``(heads,)``.
    """
    return torch.tensor([2.0 ** (-8.0 * h / heads) for h in range(1, heads + 1)], dtype=torch.float64)


def alibi_bias(length: int, slopes: torch.Tensor) -> torch.Tensor:
    """The bias ALiBi adds to the score of query ``i`` and key ``j``: ``-slope * (i - j)``
    (a causal model only uses ``j <= i``).

    Returns:
        ``(heads, length, length)``.
    """
    position = torch.arange(length, dtype=slopes.dtype)
    distance = position.unsqueeze(1) - position.unsqueeze(0)  # (length, length): i - j
    return -slopes.view(-1, 1, 1) * distance
