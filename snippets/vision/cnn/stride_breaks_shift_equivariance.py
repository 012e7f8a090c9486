"""A stride-2 layer keeps shift equivariance only for shifts that are multiples of 2.

Subsampling keeps every second pixel. Shift the input by 2 and the kept pixels are the
same ones, one output pixel further on; shift it by 1 and the layer keeps the pixels it
used to drop, so the output is not any shift of the old one (Zhang 2019).

Conditions: random weights at initialisation, white-noise input of shape 2×1×32×32,
float32, circular padding so that the border plays no part; all 256 even shifts commute
to 1e-5; the one-pixel shift is compared with all 256 shifts of the output: the closest
is off by 1.16-1.33 times the output's mean size over seeds 0-19 (two unrelated white-noise
maps would be off by about √2 ≈ 1.41), asserted above 1; seeds 0-19.

Assumption: shifting the input shifts the feature maps the same way (translation equivariance).
Broken by: a stride or pooling that keeps one pixel in s, under a shift that is not a multiple of s.
"""

import os

import torch
from torch import nn

from snippets.vision.cnn._shift import shift

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # rounding noise of float32 sums

# --8<-- [start:check]
conv = nn.Conv2d(1, 4, kernel_size=3, stride=2, padding=1, padding_mode="circular")
x = torch.randn(2, 1, 32, 32)  # (batch, channels, height, width)
even = [(dy, dx) for dy in range(0, 32, 2) for dx in range(0, 32, 2)]  # all 256 even shifts

with torch.no_grad():
    y = conv(x)  # (2, 4, 16, 16)
    # Even shifts: the output moves by half as much, exactly.
    moved = conv(torch.cat([shift(x, dy, dx) for dy, dx in even]))  # (512, 4, 16, 16)
    expected = torch.cat([shift(y, dy // 2, dx // 2) for dy, dx in even])
    even_error = (moved - expected).abs().max().item()
    # A one-pixel shift: compare with *every* shift of the old output; none matches.
    y_odd = conv(shift(x, 1, 0))  # (2, 4, 16, 16)
    closest = min((y_odd - shift(y, a, b)).abs().mean().item() for a in range(16) for b in range(16))
    relative_gap = closest / y.abs().mean().item()
assert even_error < TOL, f"a shift by a multiple of the stride should commute, error {even_error:.2e}"
assert relative_gap > 1.0, f"a 1-pixel shift should not be a shift of the output ({relative_gap:.3f})"
# --8<-- [end:check]
