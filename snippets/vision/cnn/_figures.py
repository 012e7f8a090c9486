"""Figures of the CNN page, drawn at build time with the code its checks use."""

import torch
from torch import nn

from snippets.vision.cnn._shift import view_disagreement
from whyitworks.svg import heatmap


def border_band() -> str:
    """The disagreement of a zero-padded 5×5 convolution between two views of one scene."""
    torch.manual_seed(0)
    conv = nn.Conv2d(1, 4, kernel_size=5, padding=2)
    scene = torch.randn(1, 1, 27, 26)  # two 24×24 views, the camera moved by (3, 2)
    err = view_disagreement(conv, scene, 3, 2, 24, 24)  # (21, 22)
    return heatmap(
        err.tolist(),
        title="Zero padding breaks equivariance in a band of width k // 2",
        desc="Absolute difference between the convolution of a shifted view and the shifted "
             "convolution: zero in the interior, non-zero in a two-pixel band along every edge.",
        legend="|f(shifted view) − shifted f(view)|",
        x_label=f"feature-map column, 0 → {err.shape[1] - 1}",
        y_label=f"feature-map row, 0 → {err.shape[0] - 1}",
    )
