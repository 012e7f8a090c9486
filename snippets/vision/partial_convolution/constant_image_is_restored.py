"""On a constant image with a hole, a box-filter partial convolution returns the constant.

With weights all 1/9 (a 3×3 mean filter) and no bias, a window that sees n valid pixels
of value c gives (n·c/9)·(9/n) = c: the renormalisation undoes the dilution by the hole.
An ordinary convolution of the zero-filled image gives n·c/9, which falls to 3c/9 one row
inside the edge of a square hole, where a window sees one valid row of three. That dark
rim around the hole is the colour discrepancy the paper sets out to remove.

Conditions: fixed weights (a bias-free 3×3 mean filter), no training, a constant 16×16
image of a random grey level in [0.5, 1.5) with an 8×8 hole, float32; equal to 1e-5;
seeds 0-5.
"""

import os

import torch

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32, sums of nine ninths

# --8<-- [start:mean]
c = 0.5 + torch.rand(()).item()  # any grey level
layer = PartialConv2d(1, 1, 3, padding=1, bias=False)
with torch.no_grad():
    layer.weight.fill_(1 / 9)  # a mean filter
mask = torch.ones(1, 1, 16, 16)
mask[..., 4:12, 4:12] = 0  # an 8×8 hole
image = torch.full((1, 1, 16, 16), c) * mask  # (batch, channels, height, width), zero-filled

with torch.no_grad():
    partial, new_mask = layer(image, mask)
    ordinary = torch.nn.functional.conv2d(image, layer.weight, padding=1)
err = (partial - c)[new_mask == 1].abs().max().item()  # the image border included
seen = (new_mask == 1) & (layer.mask_sum(torch.ones_like(mask)) == 9)  # away from the image border
assert err < TOL, f"partial conv: expected {c} everywhere it sees, off by {err:.2e}"
darkest = (ordinary[seen] / c).min().item()
assert abs(darkest - 3 / 9) < TOL, f"ordinary conv: expected 0.33 of the grey, got {darkest:.3f}"
# --8<-- [end:mean]
