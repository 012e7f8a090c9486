"""A transposed convolution is an ordinary stride-1 convolution of a stretched input:
put s − 1 zeros between neighbouring input pixels, pad the border with d(k−1) − p
zeros (and output_padding more at the far end), and convolve with the kernel flipped
in space and with its in/out channels swapped.

This is the "fractionally strided convolution" of Dumoulin & Visin's guide, and it
explains the checkerboard from the other side: most of the stretched image is zeros,
so a k×k window covers a different number of real pixels depending on where it sits.
Conditions: random weights and biases at initialisation (no training), white-noise input of shape 2×3×5×6, five configurations of kernel, stride, padding, output padding and dilation; float32, agreement within 1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32: each output sums a few dozen products of order 1

# --8<-- [start:stretch]
def stretched_conv(x, weight, bias, s, p, op, d):
    b, c, h, w = x.shape
    k = weight.shape[-1]
    stretched = x.new_zeros(b, c, (h - 1) * s + 1, (w - 1) * s + 1)
    stretched[:, :, ::s, ::s] = x  # s − 1 zeros between neighbours
    edge = d * (k - 1) - p  # the full canvas, then cropped by p
    stretched = F.pad(stretched, (edge, edge + op, edge, edge + op))  # (left, right, top, bottom)
    kernel = weight.flip(-1, -2).transpose(0, 1)  # (out, in, k, k), turned 180°
    return F.conv2d(stretched, kernel, bias, dilation=d)


x = torch.randn(2, 3, 5, 6)  # (batch, channels, height, width)
for k, s, p, op, d in [(3, 2, 0, 0, 1), (3, 2, 1, 1, 1), (4, 2, 1, 0, 1), (5, 3, 2, 1, 1), (3, 2, 1, 1, 2)]:
    layer = nn.ConvTranspose2d(3, 4, k, stride=s, padding=p, output_padding=op, dilation=d)
    with torch.no_grad():
        expected = layer(x)  # (2, 4, H_out, W_out)
        got = stretched_conv(x, layer.weight, layer.bias, s, p, op, d)
    assert got.shape == expected.shape, f"k={k} s={s} p={p} op={op} d={d}: {got.shape} vs {expected.shape}"
    gap = (got - expected).abs().max().item()
    assert gap < TOL, f"k={k} s={s} p={p} op={op} d={d}: largest gap {gap:.2g}"
# --8<-- [end:stretch]
