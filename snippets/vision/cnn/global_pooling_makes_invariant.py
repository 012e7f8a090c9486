"""Global average pooling on top of an equivariant feature map gives an invariant output.

The layers below commute with circular shifts (stride 1, circular padding). A shift
only moves the feature map around; the average over all positions does not care where
each value sits. Every one of the 16 × 16 = 256 circular shifts is tried.

Conditions: random weights at initialisation (the argument holds for any weights), two
white-noise images of shape 3×16×16, float32; all 256 circular shifts; pooled output
unchanged to 1e-5 (float32 rounding of the mean), feature map moved by more than 0.1;
seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # the mean sums the same values in another order: float32 rounding only

# --8<-- [start:check]
features = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1, padding_mode="circular"), nn.ReLU(),
    nn.Conv2d(16, 16, 3, padding=1, padding_mode="circular"), nn.ReLU(),
)
net = nn.Sequential(features, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))
x = torch.randn(2, 3, 16, 16)  # (batch, channels, height, width)
shifted = torch.cat([torch.roll(x, (dy, dx), dims=(2, 3)) for dy in range(16) for dx in range(16)])  # (512, 3, 16, 16)

with torch.no_grad():
    reference = net(x).repeat(256, 1)  # (512, 10): each shift is a copy of the batch
    worst_change = (net(shifted) - reference).abs().max().item()
    map_change = (features(shifted[2:4]) - features(x)).abs().max().item()  # shifted by (0, 1)
assert worst_change < TOL, f"pooled output moved by {worst_change:.2e} under a shift"
assert map_change > 0.1, "the feature map itself must move; only the pooled output is invariant"
# --8<-- [end:check]
