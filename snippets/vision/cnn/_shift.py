"""Shifting images and measuring how far a function is from commuting with a shift.

Several checks on the CNN page ask the same question — does ``f(shift(x))`` equal
``shift(f(x))``? — so the two operations live here once. The snippets keep the
assertion; these helpers only measure.
"""

from __future__ import annotations

from collections.abc import Callable

import torch


def shift(x: torch.Tensor, dy: int, dx: int) -> torch.Tensor:
    """Shift an image batch circularly by ``dy`` rows and ``dx`` columns.

    Args:
        x: a tensor shaped (batch, channels, height, width).
        dy: rows to move down (negative moves up).
        dx: columns to move right (negative moves left).

    Returns:
        The shifted tensor; what leaves one edge enters at the opposite edge.
    """
    return torch.roll(x, shifts=(dy, dx), dims=(-2, -1))


def equivariance_error(
    f: Callable[[torch.Tensor], torch.Tensor],
    x: torch.Tensor,
    dy: int,
    dx: int,
    out_dy: int | None = None,
    out_dx: int | None = None,
) -> torch.Tensor:
    """The per-pixel error of ``f`` commuting with a shift: ``|f(shift(x)) - shift(f(x))|``.

    Args:
        f: a map from (batch, channels, H, W) to (batch, channels', H', W').
        x: the input batch.
        dy: the shift of the input, in rows.
        dx: the shift of the input, in columns.
        out_dy: the shift expected at the output, in rows (default ``dy``; a stride-s
            layer should move its output by ``dy / s``).
        out_dx: the same for columns (default ``dx``).

    Returns:
        The error map, shaped (H', W'): the largest absolute difference over batch
        and channels at each output pixel. Zero everywhere means ``f`` commutes.
    """
    out_dy = dy if out_dy is None else out_dy
    out_dx = dx if out_dx is None else out_dx
    with torch.no_grad():
        diff = f(shift(x, dy, dx)) - shift(f(x), out_dy, out_dx)
    return diff.abs().amax(dim=(0, 1))


def view_disagreement(
    f: Callable[[torch.Tensor], torch.Tensor], scene: torch.Tensor, dy: int, dx: int, h: int, w: int
) -> torch.Tensor:
    """How much ``f`` disagrees with itself on two overlapping views of one scene.

    View a is the top-left ``h`` × ``w`` crop of ``scene``; view b is the crop moved by
    (``dy``, ``dx``), as if the camera had moved. Pixel (i, j) of b is pixel
    (i + dy, j + dx) of a, so a translation-equivariant ``f`` gives equal outputs there.

    Args:
        f: a size-preserving map from (batch, channels, H, W) to (batch, channels', H, W).
        scene: the whole scene, shaped (batch, channels, h + dy, w + dx) or larger.
        dy: the camera's move, in rows.
        dx: the camera's move, in columns.
        h: the height of a view.
        w: the width of a view.

    Returns:
        The error map over the pixels both views see, shaped (h − dy, w − dx): the
        largest absolute difference over batch and channels.
    """
    with torch.no_grad():
        a = f(scene[..., :h, :w])
        b = f(scene[..., dy:dy + h, dx:dx + w])
    return (b[..., : h - dy, : w - dx] - a[..., dy:, dx:]).abs().amax(dim=(0, 1))
