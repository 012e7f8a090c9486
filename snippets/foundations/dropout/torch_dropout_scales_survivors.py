"""torch's nn.Dropout is inverted dropout: in training it zeroes entries and divides the rest by 1 - p.

Every output entry is either exactly zero or exactly the input divided by 1 - p, and the
share of zeros is p up to sampling noise. The drop probability is torch's p; Srivastava
et al. (2014) write p for the probability of *keeping* a unit instead.

Conditions: nn.Dropout(p=0.3) in training mode on a white-noise 1000×1000 float32
tensor; survivors exact to float32 rounding (rtol 1e-6); share of zeros
within 0.005 of p (the binomial standard deviation is 0.00046); seeds 0-4.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

RTOL = 1e-6  # one float32 division
SHARE_TOL = 0.005  # about ten binomial standard deviations at 10^6 entries

# --8<-- [start:check]
p = 0.3
drop = nn.Dropout(p)  # a new module is in training mode
x = torch.randn(1000, 1000)  # (rows, columns)
y = drop(x)
kept = y != 0
assert torch.allclose(y[kept], x[kept] / (1 - p), rtol=RTOL, atol=0.0), "survivors are not x / (1 - p)"
share_zeroed = 1 - kept.float().mean().item()
assert abs(share_zeroed - p) < SHARE_TOL, f"share zeroed {share_zeroed:.4f}, expected {p}"
# --8<-- [end:check]
