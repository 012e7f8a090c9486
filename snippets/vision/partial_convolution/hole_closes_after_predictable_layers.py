"""Each k×k partial convolution shrinks a hole by k//2 pixels per side, so holes close on schedule.

By the mask update, a hole pixel becomes valid as soon as a valid pixel lies within
k//2 of it in both directions (the Chebyshev distance). After L layers (stride 1,
padding k//2) that reach is L·(k//2). A square hole of side s therefore loses k − 1 from
its side per layer and closes after ⌈s / (k − 1)⌉ layers; any hole closes after
⌈D / (k//2)⌉ layers, D being the largest distance from a hole pixel to the nearest valid
pixel (Liu et al., 2018: "any mask will eventually be all ones, if the input contained
any valid pixels"). The measurement stacks real PartialConv2d layers.

Conditions: no training (the mask update does not depend on the weights), square holes in
a 32×32 mask, an irregular hole (a union of six random rectangles) in a 40×40 mask and a
4×4 hole in a 16×16 mask, stride 1, padding k//2; exact layer counts; seeds 0-5.
"""

import math
import os

import numpy as np
import torch

from snippets.vision.partial_convolution._partial_conv import (
    irregular_hole_mask,
    masks_until_closed,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)


def layers_to_close(mask, k, limit=50):
    """Stack k×k partial convolutions until the mask is all ones; return the hole's side per layer."""
    masks = masks_until_closed(mask, k, limit)  # shared with the page's figure
    sides = [int((m[0, 0] == 0).any(dim=1).sum()) for m in masks]  # rows that still hold a hole pixel
    return len(sides) - 1, sides


# --8<-- [start:square]
closed_after = {}  # (hole side, kernel) -> layers the stack needed
for s, k in [(9, 3), (9, 5), (10, 7), (16, 3)]:
    mask = torch.ones(1, 1, 32, 32)  # (batch, 1, height, width)
    mask[..., 8 : 8 + s, 8 : 8 + s] = 0  # a square hole of side s
    layers, sides = layers_to_close(mask, k)
    assert sides == [max(s - (k - 1) * n, 0) for n in range(layers + 1)], f"s={s}, k={k}: {sides}"
    assert layers == math.ceil(s / (k - 1)), f"s={s}, k={k}: expected {math.ceil(s / (k - 1))}, got {layers}"
    closed_after[s, k] = layers
# the 9×9 hole, measured: ⌈9/2⌉ = 5 layers of 3×3 and ⌈9/4⌉ = 3 layers of 5×5
assert (closed_after[9, 3], closed_after[9, 5]) == (5, 3), f"9×9 hole: {closed_after}"
# --8<-- [end:square]

# --8<-- [start:irregular]
# An irregular hole: a union of random rectangles, as in free-form inpainting masks.
m = irregular_hole_mask(rng, 40, rectangles=6)  # (height, width): 1 valid, 0 in the hole
holes, valid = np.argwhere(m == 0), np.argwhere(m == 1)
# Chebyshev distance from each hole pixel to its nearest valid pixel, by brute force.
D = np.abs(holes[:, None, :] - valid[None, :, :]).max(axis=2).min(axis=1).max()
for k in (3, 5, 7):
    layers, _ = layers_to_close(torch.from_numpy(m)[None, None], k)
    assert layers == math.ceil(D / (k // 2)), f"k={k}, D={D}: expected {math.ceil(D / (k // 2))}, got {layers}"
# --8<-- [end:irregular]

# --8<-- [start:predict]
side, k = 4, 5
mask = torch.ones(1, 1, 16, 16)  # (batch, 1, height, width)
mask[..., 6:6 + side, 6:6 + side] = 0  # a 4×4 hole: no pixel more than 2 from a valid one
layers, _ = layers_to_close(mask, k)
assert layers == 1, f"a 5×5 kernel reaches 2 pixels into the hole: expected 1 layer, got {layers}"
# --8<-- [end:predict]
