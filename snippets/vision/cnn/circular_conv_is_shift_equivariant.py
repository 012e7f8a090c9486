"""A stride-1 convolution with circular padding commutes exactly with circular shifts.

Each output pixel is the same weighted sum of the same neighbourhood, wherever the
neighbourhood sits, and circular padding leaves no pixel without a full neighbourhood.
Every one of the 16 × 16 = 256 circular shifts of the image is tried.

Conditions: random weights at initialisation (the argument holds for any weights),
one white-noise image of shape 3×16×16, float32, `Conv2d(3, 8, 5)` with stride 1 and
circular padding; all 256 shifts; error below 1e-6 (float32 rounding); seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.cnn._shift import shift

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# float32 sums of the same terms in the same order are bitwise equal; allow only
# rounding noise in case a backend reorders them.
TOL = 1e-6

# --8<-- [start:check]
conv = nn.Conv2d(3, 8, kernel_size=5, stride=1, padding=2, padding_mode="circular")
x = torch.randn(1, 3, 16, 16)  # (batch, channels, height, width)
shifts = [(dy, dx) for dy in range(16) for dx in range(16)]

with torch.no_grad():
    y = conv(x)  # (1, 8, 16, 16)
    conv_of_shifted = conv(torch.cat([shift(x, dy, dx) for dy, dx in shifts]))  # (256, 8, 16, 16)
    shifted_conv = torch.cat([shift(y, dy, dx) for dy, dx in shifts])  # (256, 8, 16, 16)
worst = (conv_of_shifted - shifted_conv).abs().max().item()
assert worst < TOL, f"conv(shift(x)) should equal shift(conv(x)) for all 256 shifts; worst error {worst:.2e}"
# --8<-- [end:check]
