"""Figures of the transposed-convolution page, drawn at build time."""

import torch
from torch import nn

from whyitworks.svg import heatmap


def checkerboard() -> str:
    """A constant image through a kernel-3, stride-2 transposed convolution with unit weights."""
    up = nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, bias=False)
    nn.init.ones_(up.weight)
    with torch.no_grad():
        out = up(torch.ones(1, 1, 10, 10))[0, 0]  # (21, 21)
    return heatmap(
        out.tolist(),
        title="Kernel 3, stride 2: a flat image comes out as a checkerboard",
        desc="Output of a transposed convolution with all-one weights applied to a constant "
             "image: interior pixels receive 1, 2 or 4 contributions in a repeating pattern.",
        legend="contributions per output pixel",
    )
