"""A stride-2 layer keeps shift equivariance only for shifts that are multiples of 2.

Subsampling keeps every second pixel. Shift the input by 2 and the kept pixels are the
same ones, one output pixel further on; shift it by 1 and the layer keeps the pixels it
used to drop, so the output is not any shift of the old one (Zhang 2019).
Conditions: circular padding, so that the border plays no part.

Assumption: shifting the input shifts the feature maps the same way (translation equivariance).
Broken by: a stride or pooling that keeps one pixel in s, under a shift that is not a multiple of s.
"""

import os

import torch
from torch import nn

from snippets.vision.cnn._shift import equivariance_error, shift

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # rounding noise of float32 sums

# --8<-- [start:check]
conv = nn.Conv2d(1, 4, kernel_size=3, stride=2, padding=1, padding_mode="circular")
x = torch.randn(8, 1, 32, 32)  # (batch, channels, height, width)

# Even shifts: the output moves by half as much, exactly.
even = max(equivariance_error(conv, x, dy, dx, dy // 2, dx // 2).max().item()
           for dy, dx in [(2, 0), (0, 4), (6, 10)])
assert even < TOL, f"a shift by a multiple of the stride should commute, error {even:.2e}"

# An odd shift: compare with *every* shift of the old output; none matches.
with torch.no_grad():
    y, y_shifted = conv(x), conv(shift(x, 1, 0))  # (8, 4, 16, 16)
    closest = min((y_shifted - shift(y, a, b)).abs().mean().item()
                  for a in range(16) for b in range(16))
    typical = y.abs().mean().item()
assert closest > 0.2 * typical, f"a 1-pixel shift should not be a shift of the output ({closest:.3f})"
# --8<-- [end:check]
