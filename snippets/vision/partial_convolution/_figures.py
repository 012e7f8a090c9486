"""Figures of the partial-convolution page, drawn at build time with the code its checks use."""

import numpy as np
import torch

from snippets.vision.partial_convolution._partial_conv import (
    irregular_hole_mask,
    masks_until_closed,
)
from whyitworks.svg import heatmap


def hole_closing() -> str:
    """For every pixel of the check's irregular hole (`_partial_conv.irregular_hole_mask`,
    seed 0), how many 3×3 partial convolutions, stacked by `_partial_conv.masks_until_closed`
    as the check stacks them, it takes before the mask calls it valid."""
    torch.manual_seed(0)
    m = irregular_hole_mask(np.random.default_rng(0), 40, rectangles=6)  # the check's hole, seed 0
    masks = masks_until_closed(torch.from_numpy(m)[None, None], k=3)  # as the check stacks them
    # A pixel, once valid, stays valid, so the layers it waits are the masks it is a hole in.
    waited = (1 - torch.cat(masks)[:, 0]).sum(dim=0)  # (40, 40)
    layers = len(masks) - 1
    return heatmap(
        waited.tolist(),
        title="A hole fills in from its edge, one pixel deeper per 3×3 layer",
        desc=f"For each pixel of a 40 by 40 mask with an irregular hole, the number of 3×3 "
             f"partial convolutions after which the mask marks it valid: 0 outside the hole, "
             f"rising by one per pixel of distance from the hole's edge, up to {layers} at its "
             f"deepest pixel, when the hole has closed.",
        legend="layers until the pixel is valid",
        x_label="pixel column, 0 → 39",
        y_label="pixel row, 0 → 39",
        cell=8,
    )
