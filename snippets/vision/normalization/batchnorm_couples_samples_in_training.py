"""In training mode batch norm makes each sample's output depend on its batch-mates.

Training-mode batch norm subtracts the batch's mean and divides by the batch's
standard deviation, per channel, so replacing the *other* samples changes the output
for sample 0 even though sample 0 itself did not change. In evaluation mode the
layer uses its stored running statistics: sample 0 maps to the same output whatever
the rest of the batch holds, and alone as in a batch.
Conditions: a freshly built `BatchNorm2d(4)` (no training), batches of 8 Gaussian
samples of 4×6×6; the other samples are redrawn from a distribution whose mean is
shifted by 2, as happens when a batch mixes two kinds of images; float32; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-6  # float32 rounding; evaluation mode should agree far closer than this

# --8<-- [start:check]
bn = nn.BatchNorm2d(4)
sample = torch.randn(1, 4, 6, 6)  # (batch, channels, height, width): the sample we follow
mates_a = torch.randn(7, 4, 6, 6)  # its batch-mates, drawn once
mates_b = torch.randn(7, 4, 6, 6) + 2.0  # other batch-mates, from a shifted distribution

bn.train()
with torch.no_grad():
    y_a = bn(torch.cat([sample, mates_a]))[0]  # (4, 6, 6): sample 0's output
    y_b = bn(torch.cat([sample, mates_b]))[0]
moved = (y_a - y_b).abs().mean().item()
assert moved > 0.5, f"training mode: sample 0 should move with its batch-mates, moved {moved:.3f}"

bn.eval()
with torch.no_grad():
    e_a = bn(torch.cat([sample, mates_a]))[0]
    e_b = bn(torch.cat([sample, mates_b]))[0]
    e_alone = bn(sample)[0]
still = max((e_a - e_b).abs().max().item(), (e_a - e_alone).abs().max().item())
assert still < TOL, f"evaluation mode: sample 0 should not move, moved {still:.2e}"
# --8<-- [end:check]
