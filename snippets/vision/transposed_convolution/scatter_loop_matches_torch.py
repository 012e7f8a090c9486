"""A from-scratch transposed convolution — each input pixel stamps a weighted copy of
the kernel onto the output, overlaps add — equals `nn.ConvTranspose2d` with the same
weights.

Checked for several strides, paddings, output paddings and dilations, with several
input and output channels and a bias. The loop lives in `_scatter.py`; torch's
implementation is a different algorithm (a gradient of convolution), so agreement
to float tolerance is a real check of both the loop and the mental model.
Conditions: random weights and biases at initialisation (no training), white-noise input of shape 2×3×5×6, six configurations of kernel, stride, padding, output padding and dilation; float32, agreement within 1e-5; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.transposed_convolution._scatter import conv_transpose2d_scatter

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32: each output sums at most a few dozen products of order 1

# --8<-- [start:scatter]
configs = [  # (kernel, stride, padding, output_padding, dilation)
    (3, 1, 0, 0, 1),
    (3, 2, 0, 0, 1),
    (3, 2, 1, 1, 1),
    (4, 2, 1, 0, 1),
    (3, 3, 2, 2, 1),
    (3, 2, 1, 1, 2),
]
x = torch.randn(2, 3, 5, 6)  # (batch, channels, height, width)
for k, s, p, op, d in configs:
    layer = nn.ConvTranspose2d(3, 4, k, stride=s, padding=p, output_padding=op, dilation=d)
    with torch.no_grad():
        expected = layer(x)  # (2, 4, H_out, W_out)
        got = conv_transpose2d_scatter(x, layer.weight, layer.bias, s, p, op, d)
    assert got.shape == expected.shape, f"k={k} s={s} p={p} op={op} d={d}: {got.shape} vs {expected.shape}"
    gap = (got - expected).abs().max().item()
    assert gap < TOL, f"k={k} s={s} p={p} op={op} d={d}: largest gap {gap:.2g}"
# --8<-- [end:scatter]
