"""A transposed convolution's output side is (H−1)·s − 2p + d(k−1) + output_padding + 1.

Checked against `torch.nn.functional.conv_transpose2d` on every configuration of a
grid (input side, kernel, stride, padding, dilation, output padding) that torch
accepts: output_padding below the stride or the dilation, and an output of at least
one pixel. The formula is written out by hand here and in
`_scatter.transposed_output_size`; torch's shape is measured.
Conditions: exact shapes on a grid: input sides 1-7, kernels 1-4, strides 1-3, paddings 0-2, dilations 1-2 and every output padding torch allows; random weights (no training); torch 2.13, which refuses a configuration only where the formula gives less than one.
"""

import itertools
import os

import torch
import torch.nn.functional as F

from snippets.vision.transposed_convolution._scatter import transposed_output_size

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:formula]
sides, kernels, strides = range(1, 8), range(1, 5), range(1, 4)
paddings, dilations = range(0, 3), range(1, 3)
checked = 0
for size, kernel, stride, padding, dilation in itertools.product(
        sides, kernels, strides, paddings, dilations):
    for output_padding in range(max(stride, dilation)):  # torch needs it below one of them
        c = dict(size=size, kernel=kernel, stride=stride, padding=padding,
                 dilation=dilation, output_padding=output_padding)
        expected = (size - 1) * stride - 2 * padding + dilation * (kernel - 1) \
            + output_padding + 1
        x = torch.randn(1, 1, size, size)  # (batch, channels, height, width)
        w = torch.randn(1, 1, kernel, kernel)  # (in_channels, out_channels, k, k)
        try:
            y = F.conv_transpose2d(x, w, stride=stride, padding=padding,
                                   output_padding=output_padding, dilation=dilation)
        except RuntimeError:  # refused: only where padding crops the whole canvas away
            assert expected < 1, f"{c}: torch refused a configuration whose formula gives {expected}"
            continue
        got = y.shape[-1]
        assert got == expected == transposed_output_size(**c), f"{c}: expected {expected}, got {got}"
        checked += 1
# --8<-- [end:formula]

# --8<-- [start:doubling]
# The usual decoder step: k=4, s=2, p=1 doubles the side exactly, for any input side.
for side in (4, 7, 16):
    up = F.conv_transpose2d(torch.randn(1, 1, side, side), torch.randn(1, 1, 4, 4),
                            stride=2, padding=1)  # (1, 1, 2·side, 2·side)
    assert tuple(up.shape) == (1, 1, 2 * side, 2 * side), f"side {side}: expected {2 * side}, got {tuple(up.shape)}"
# --8<-- [end:doubling]
