"""The mask update m' = [sum(M) > 0] is a max-pooling of the mask with the kernel's window.

A window is valid after the layer if it contained at least one valid pixel, which is
the maximum of a 0/1 mask over the window. So the holes shrink exactly like a binary
dilation of the valid region, whatever the weights, with the convolution's own kernel
size, stride and padding. Checked for three shapes of layer against `F.max_pool2d`.

Conditions: random weights at initialisation, a random mask of shape 2×1×20×20 with about
70% holes, white-noise features, float32; exact equality of the masks; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:maxpool]
mask = (torch.rand(2, 1, 20, 20) > 0.7).float()  # (batch, 1, height, width): mostly holes
x = torch.randn(2, 4, 20, 20)  # (batch, channels, height, width)
for k, stride, pad in [(3, 1, 1), (5, 2, 2), (7, 1, 3)]:
    conv = PartialConv2d(4, 6, k, stride=stride, padding=pad)
    _, new_mask = conv(x, mask)
    pooled = F.max_pool2d(mask, k, stride=stride, padding=pad)  # the second method
    assert new_mask.shape == pooled.shape, f"k={k}: {new_mask.shape} vs {pooled.shape}"
    assert torch.equal(new_mask, pooled), f"k={k}: masks differ at {(new_mask != pooled).sum()} places"
# --8<-- [end:maxpool]
