"""Global pooling gives invariance only if every layer below it is equivariant: one
stride-2 layer, and a one-pixel shift changes the pooled output.

Global average pooling turns an equivariant feature map into an invariant vector
(global_pooling_makes_invariant.py). A stride-2 layer is equivariant only to even
shifts (stride_breaks_shift_equivariance.py): shift the input by one pixel and the layer
keeps the pixels it used to drop. After a ReLU the average over the kept pixels is a
different number, so the "invariant" output moves. A shift by two pixels keeps the same
pixels, one output pixel further on, and the pooled output stays put.

Conditions: random weights at initialisation, white-noise input of shape 4×1×32×32,
float32, circular padding everywhere (the border plays no part); even shift equal to
1e-5; the one-pixel change, relative to the mean size of the output, was 0.06-0.10 over seeds 0-5 and is asserted above 0.03; seeds 0-7.

Assumption: every layer below the global pooling commutes with the shift.
Broken by: a stride-2 layer, under a shift that is not a multiple of 2.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 rounding of the pooled sums

# --8<-- [start:check]
net = nn.Sequential(
    nn.Conv2d(1, 8, 3, stride=2, padding=1, padding_mode="circular"), nn.ReLU(),
    nn.Conv2d(8, 8, 3, padding=1, padding_mode="circular"), nn.ReLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(),
)
x = torch.randn(4, 1, 32, 32)  # (batch, channels, height, width)
with torch.no_grad():
    pooled = net(x)  # (4, 8)
    by_two = (net(torch.roll(x, (2, 2), dims=(2, 3))) - pooled).abs().max().item()
    by_one = (net(torch.roll(x, (0, 1), dims=(2, 3))) - pooled).abs().mean().item()
relative_change = by_one / pooled.abs().mean().item()
assert by_two < TOL, f"a shift by the stride should leave the pooled output unchanged: {by_two:.2e}"
assert relative_change > 0.03, f"a one-pixel shift should move the pooled output: {relative_change:.4f}"
# --8<-- [end:check]
