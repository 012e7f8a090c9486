"""Figures of the transposed-convolution page, drawn at build time with the code its checks use."""

import torch

from snippets.vision.transposed_convolution._scatter import through_ones_kernel
from whyitworks.svg import heatmap


def checkerboard() -> str:
    """A constant image through a kernel-3, stride-2 transposed convolution with unit weights,
    by `_scatter.through_ones_kernel`, as the constant-image check runs it."""
    flat = torch.full((1, 1, 10, 10), 1.0)  # (batch, channels, height, width): the check's image
    out = through_ones_kernel(flat, k=3, stride=2)  # (21, 21): the check's measurement
    return heatmap(
        out.tolist(),
        title="Kernel 3, stride 2: a flat image comes out as a checkerboard",
        desc="Output of a transposed convolution with all-one weights applied to a constant "
             "image: interior pixels receive 1, 2 or 4 contributions in a repeating pattern.",
        legend="contributions per output pixel",
        x_label=f"output column, 0 → {out.shape[1] - 1}",
        y_label=f"output row, 0 → {out.shape[0] - 1}",
    )
