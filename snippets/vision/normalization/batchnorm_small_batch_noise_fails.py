"""In training mode, small batches make batch norm's output for a sample noisy.

Batch norm's mean and variance are estimates from the batch. Hold one sample fixed and
redraw its batch-mates many times: its training-mode output wanders. How much depends
on how many *independent* values feed each channel's statistics. In real feature maps
the pixels of one image share a level (brightness, the amount of a texture, the
presence of an object), so the statistics average over images, not pixels, and a
batch of a few images gives noisy statistics however large the maps are. Here each
image's channels carry their own offset (standard deviation 1, as large as the
per-pixel noise), on 8×8 maps: at batch 4 the output wanders more than twice as much as
at batch 64. With independent pixels the same 8×8 maps give each channel 256 values
even at batch 4, and the output barely moves: the batch is then not the only source
of statistics, which it is on 1×1 maps (a feature vector). Group norm computes its
statistics from the sample alone, so the same sample gives the same output every
time. Wu & He (2018) trace the higher ImageNet error of a batch-norm ResNet-50 trained
with few images per GPU to this noise.

Conditions: no training (a freshly built layer in training mode), 8 channels of 8×8
maps, synthetic data: Gaussian pixels plus a per-image, per-channel Gaussian offset
(standard deviation `IMAGE_SD` = 1), or independent pixels for the contrast; 100
redraws per batch size; seeds 0-5 (smallest batch-4 spread seen 0.31, largest batch-64
spread 0.10, largest independent-pixel spread 0.07). To run the 100 redraws in one
call, each goes into its own block of channels: a `BatchNorm2d(100·8)` is 100 separate
`BatchNorm2d(8)` layers.

Assumption: the batch mean and variance are close to those of the data.
Broken by: small batches (a few images per device), which make them noisy.
"""

import os

import torch

from snippets.vision.normalization._norms import (  # shared with the page's figure
    group_norm_spread,
    spread_of_sample,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

DRAWS = 100  # redraws of the batch-mates per batch size
GN_TOL = 1e-6  # float32 rounding: group norm should not move at all

# --8<-- [start:check]
C, SIDE = 8, 8  # channels and map side
IMAGE_SD = 1.0  # each image's per-channel level, as large as the per-pixel noise
sample = torch.randn(1, C, SIDE, SIDE) + IMAGE_SD * torch.randn(1, C, 1, 1)  # (batch, c, h, w)
small = spread_of_sample(4, sample, DRAWS, IMAGE_SD)  # images whose pixels share a level
large = spread_of_sample(64, sample, DRAWS, IMAGE_SD)
independent = spread_of_sample(4, torch.randn(1, C, SIDE, SIDE), DRAWS, 0.0)  # i.i.d. pixels
assert small > 0.25, f"batch 4: the output should wander, spread {small:.3f}"
assert small > 2 * large, f"batch 4 spread {small:.3f} should be over twice batch 64's {large:.3f}"
assert independent < 0.1, f"independent pixels at batch 4: spread {independent:.3f}"

# nn.GroupNorm(2, C): statistics from the sample's own 4-channel groups, 20 redraws at batch 4
gn_spread = group_norm_spread(sample, 4, draws=20, image_sd=IMAGE_SD, groups=2)
assert gn_spread < GN_TOL, f"group norm should not move, spread {gn_spread:.2e}"
# --8<-- [end:check]
