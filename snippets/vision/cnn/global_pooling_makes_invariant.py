"""Global average pooling on top of an equivariant feature map gives an invariant output.

Conditions: the layers below commute with circular shifts (stride 1, circular padding).
A shift only moves the feature map around; the average over all positions does not
care where each value sits.
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
x = torch.randn(2, 3, 28, 28)  # (batch, channels, height, width)

with torch.no_grad():
    reference = net(x)  # (2, 10)
    worst_change = max(
        (net(torch.roll(x, (dy, dx), dims=(2, 3))) - reference).abs().max().item()
        for dy in range(0, 28, 3) for dx in range(0, 28, 5)
    )
    map_change = (features(torch.roll(x, (5, 9), dims=(2, 3))) - features(x)).abs().max().item()
assert worst_change < TOL, f"pooled output moved by {worst_change:.2e} under a shift"
assert map_change > 0.1, "the feature map itself must move; only the pooled output is invariant"
# --8<-- [end:check]
