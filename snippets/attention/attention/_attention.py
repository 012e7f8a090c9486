"""Scaled dot-product attention written out in plain tensor operations.

The functions here are the reference the attention page checks against PyTorch:
each one is a few lines of the textbook formula, with no fused kernel behind it,
so a reader can see every intermediate tensor.
"""

from __future__ import annotations

import math

import torch
from torch import nn


def attention(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    mask: torch.Tensor | None = None,
    scale: float | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Scaled dot-product attention, ``softmax(q kᵀ · scale) v``.

    Args:
        q: queries, shape ``(..., n_queries, d_k)``.
        k: keys, shape ``(..., n_keys, d_k)``.
        v: values, shape ``(..., n_keys, d_v)``.
        mask: optional boolean tensor broadcastable to ``(..., n_queries, n_keys)``;
            ``True`` marks a key the query may attend to, as in
            ``torch.nn.functional.scaled_dot_product_attention``. Masked scores are
            set to ``-inf`` before the softmax, so a query whose keys are all masked
            gets a row of NaN.
        scale: the factor applied to the scores; ``1 / sqrt(d_k)`` when ``None``.
            Pass ``1.0`` for unscaled dot-product attention.

    Returns:
        A pair ``(output, weights)``: the output, shape ``(..., n_queries, d_v)``,
        and the attention weights, shape ``(..., n_queries, n_keys)``, each row of
        which sums to one.
    """
    if scale is None:
        scale = 1.0 / math.sqrt(q.shape[-1])
    scores = q @ k.transpose(-2, -1) * scale  # (..., n_queries, n_keys)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = scores.softmax(dim=-1)  # (..., n_queries, n_keys)
    return weights @ v, weights  # (..., n_queries, d_v)


def softmax_jacobian(p: torch.Tensor) -> torch.Tensor:
    """The Jacobian of the softmax at the point where it outputs ``p``.

    For ``p = softmax(z)``, ``∂p_i/∂z_j = p_i (δ_ij − p_j)``, i.e. ``diag(p) − p pᵀ``.
    When ``p`` is close to one-hot, every entry is close to zero: a saturated
    softmax passes almost no gradient back to its scores.

    Args:
        p: probabilities, shape ``(..., n)``; each row sums to one.

    Returns:
        The Jacobians, shape ``(..., n, n)``.
    """
    return torch.diag_embed(p) - p.unsqueeze(-1) * p.unsqueeze(-2)


def score_entries(layer: nn.MultiheadAttention, n: int) -> int:
    """The number of attention weights a layer stores for one sequence of ``n`` tokens.

    Runs ``layer`` on ``n`` random Gaussian tokens (drawn from torch's global generator)
    and counts the entries of the weights it returns: one score per (query, key) pair,
    averaged over the heads. The cost check and the page's figure both call it.

    Args:
        layer: an ``nn.MultiheadAttention`` with ``batch_first=True``.
        n: the sequence length.

    Returns:
        The number of entries of one sequence's weights, shape ``(queries, keys)``.
    """
    x = torch.randn(1, n, layer.embed_dim)  # (batch, tokens, d)
    with torch.no_grad():
        _, weights = layer(x, x, x)  # (batch, queries, keys)
    return weights[0].numel()
