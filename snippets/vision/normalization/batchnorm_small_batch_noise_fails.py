"""In training mode, small batches make batch norm's output for a sample noisy.

Batch norm's mean and variance are estimates from the batch, and an estimate from
a few samples is noisy. Hold one sample fixed and redraw its batch-mates many
times: its training-mode output wanders, with a spread that shrinks roughly as
1/√batch. Group norm computes its statistics from the sample alone, so the same
sample gives the same output every time. Wu & He (2018) trace the 34.7% ImageNet
error of a batch-norm ResNet-50 trained at 2 images per GPU (24.1% with group norm)
to this noise.
Conditions: 8 channels with a 1×1 map (a feature vector), batch-mates drawn from a
standard normal, 200 redraws per batch size. To run the 200 redraws in one call,
each redraw goes into its own block of channels: batch norm treats channels
independently, so a `BatchNorm2d(200·8)` is 200 separate `BatchNorm2d(8)` layers.

Assumption: the batch mean and variance are close to those of the data.
Broken by: small batches (a few images per device), which make them noisy.
"""

import os

import torch
from torch import nn

from snippets.vision.normalization._norms import spread_of_sample  # shared with the page's figure

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

C = 8  # channels; spread_of_sample redraws the batch-mates 200 times

# --8<-- [start:check]
sample = torch.randn(1, C, 1, 1)  # (batch, channels, height, width): the sample we follow
small, large = spread_of_sample(4, sample), spread_of_sample(64, sample)
assert small > 0.4, f"batch 4: the output should wander, spread {small:.3f}"
assert small > 2 * large, f"batch 4 spread {small:.3f} should be over twice batch 64's {large:.3f}"

gn = nn.GroupNorm(2, C)  # statistics from the sample's own 4-channel groups
with torch.no_grad():
    outs = torch.stack([gn(torch.cat([sample, torch.randn(3, C, 1, 1)]))[0] for _ in range(20)])
gn_spread = outs.std(dim=0).max().item()
assert gn_spread < 1e-6, f"group norm should not move, spread {gn_spread:.2e}"
# --8<-- [end:check]
