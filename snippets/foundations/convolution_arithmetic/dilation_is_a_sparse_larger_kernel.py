"""A dilated convolution is an ordinary convolution with a larger, sparse kernel.

A k × k kernel with dilation d touches pixels d apart, spanning d(k − 1) + 1 pixels: a
3 × 3 kernel with dilation 2 equals a 5 × 5 kernel holding the same nine weights with
zeros between them. It sees further at the same parameter count, and it skips the
pixels in between (the "gridding" of stacked dilations with one rate).

Conditions: random weights (no training), 4 output and 2 input channels, one white-noise
input of shape 1×2×20×20, float32, equal to 1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # the same products summed in another order

# --8<-- [start:check]
k, d = 3, 2
span = d * (k - 1) + 1  # 5
w = torch.randn(4, 2, k, k)  # (out channels, in channels, kernel, kernel)
sparse = torch.zeros(4, 2, span, span)
sparse[:, :, ::d, ::d] = w  # the same weights, d apart
x = torch.randn(1, 2, 20, 20)  # (batch, channels, height, width)

dilated = F.conv2d(x, w, dilation=d)
ordinary = F.conv2d(x, sparse)
assert span == 5
assert dilated.shape == ordinary.shape == (1, 4, 16, 16), (dilated.shape, ordinary.shape)
assert torch.allclose(dilated, ordinary, atol=TOL), (dilated - ordinary).abs().max()
# --8<-- [end:check]
