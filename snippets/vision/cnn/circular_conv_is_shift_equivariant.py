"""A stride-1 convolution with circular padding commutes exactly with circular shifts.

Conditions: stride 1, `padding_mode="circular"`, any kernel size and any shift. Each
output pixel is the same weighted sum of the same neighbourhood, wherever the
neighbourhood sits, and circular padding leaves no pixel without a full neighbourhood.
"""

import os

import torch
from torch import nn

from snippets.vision.cnn._shift import equivariance_error

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# float32 sums of the same terms in the same order are bitwise equal; allow only
# rounding noise in case a backend reorders them.
TOL = 1e-6

# --8<-- [start:check]
conv = nn.Conv2d(3, 8, kernel_size=5, padding=2, padding_mode="circular")
x = torch.randn(4, 3, 32, 32)  # (batch, channels, height, width)

worst = 0.0
for dy, dx in [(1, 0), (0, 3), (7, -5), (16, 16), (31, 1)]:
    worst = max(worst, equivariance_error(conv, x, dy, dx).max().item())
assert worst < TOL, f"conv(shift(x)) should equal shift(conv(x)); worst error {worst:.2e}"
# --8<-- [end:check]
