"""A depthwise convolution is `nn.Conv2d(C, C, k, groups=C)`: one filter per channel.

The from-scratch version in `_separable.depthwise_conv2d` slides each channel's own
k×k filter over that channel alone. Given the same weights it reproduces PyTorch's
grouped convolution, and the grouped layer holds C·k² weights, not C·C·k².
Conditions: random weights at initialisation (no training), white-noise input of shape 2×6×10×10, stride 1, zero padding 1; float32, agreement within 1e-5; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.depthwise_separable._separable import depthwise_conv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 sums of nine products, summed in a different order

# --8<-- [start:check]
channels, k = 6, 3
torch_dw = nn.Conv2d(channels, channels, k, padding=1, groups=channels, bias=False)
x = torch.randn(2, channels, 10, 10)  # (batch, channels, height, width)

with torch.no_grad():
    expected = torch_dw(x)  # (2, 6, 10, 10)
    got = depthwise_conv2d(x, torch_dw.weight, padding=1)  # (2, 6, 10, 10)
err = (got - expected).abs().max().item()
assert got.shape == expected.shape == (2, 6, 10, 10), f"{tuple(got.shape)} vs {tuple(expected.shape)}"
assert err < TOL, f"from scratch and groups=C differ by {err:.2e}"

# One k×k filter per channel: C·k² weights, a C-th of a standard conv's C·C·k².
n_weights = torch_dw.weight.numel()
assert n_weights == channels * k * k == 54, f"expected {channels * k * k}, got {n_weights}"
# --8<-- [end:check]
