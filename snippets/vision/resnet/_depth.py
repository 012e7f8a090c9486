"""The depth probe: how far a gradient drifts across a stack of blocks, with and without shortcuts.

A stack of small blocks, `Linear`, optionally `BatchNorm1d`, then `ReLU`, at PyTorch's
default initialisation, with or without an identity shortcut around each block. One
backward pass of a fixed linear loss measures how the gradient's scale changes from the
last block to the first. The failure-mode check of the ResNet page and the page's
figure both call it.
"""

from __future__ import annotations

import torch
from torch import nn


def first_last_gradient_ratio(
    x: torch.Tensor, target: torch.Tensor, depth: int, normalise: bool, residual: bool
) -> float:
    """Build a fresh stack, run one backward pass, and compare the first and last gradients.

    The loss is `(h * target).mean()`, `h` the stack's output. Each block is
    `Sequential(Linear(width, width), [BatchNorm1d(width)], ReLU())`, freshly
    initialised from torch's global generator, so seed it before calling.

    Args:
        x: the input batch, shape `(batch, width)`.
        target: the loss's fixed direction, shape `(batch, width)`.
        depth: the number of blocks.
        normalise: put a `BatchNorm1d` (training mode) after each `Linear`.
        residual: use `h + block(h)` instead of `block(h)`.

    Returns:
        `|grad of the first block's weight| / |grad of the last block's|`: near 1 when
        the gradient keeps its scale through the stack.
    """
    width = x.shape[1]
    blocks = nn.ModuleList(
        nn.Sequential(nn.Linear(width, width), *([nn.BatchNorm1d(width)] if normalise else []), nn.ReLU())
        for _ in range(depth)
    )
    h = x  # (batch, width)
    for block in blocks:
        h = h + block(h) if residual else block(h)
    (h * target).mean().backward()
    return (blocks[0][0].weight.grad.norm() / blocks[-1][0].weight.grad.norm()).item()
