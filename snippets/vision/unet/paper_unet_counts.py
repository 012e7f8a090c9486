"""The paper's U-Net has 23 convolutional layers and 31,030,658 parameters.

Ronneberger et al. (2015), Section 2: "In total the network has 23 convolutional
layers": 10 in the contracting path (two per level, five levels), 4 up-convolutions
and 8 convolutions in the expanding path, and the final 1×1 convolution. The parameter
count is not printed in the paper; here it is written out layer by layer, for one input
channel and two classes as in the paper, and compared with the module built on `meta`.
Conditions: exact counts on the meta device (no data, no training), one input channel, two classes, biases included; torch 2.13 on CPU.
"""

import tomllib
from pathlib import Path

import torch
from torch import nn

from snippets.vision.unet._unet import UNet

with (Path(__file__).parent / "published.toml").open("rb") as f:
    PAPER_LAYERS = int(tomllib.load(f)["sec2_conv_layers"]["value"])  # 23

# --8<-- [start:layers]
with torch.device("meta"):
    net = UNet(in_channels=1, num_classes=2, base_channels=64, depth=4, padding=0)
conv_layers = sum(isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)) for m in net.modules())
expected_layers = 5 * 2 + 4 * (1 + 2) + 1  # encoder levels, decoder levels, 1×1 head
assert conv_layers == expected_layers == PAPER_LAYERS, f"expected {PAPER_LAYERS}, got {conv_layers}"
# --8<-- [end:layers]

# --8<-- [start:params]
def conv(c_in, c_out, k):  # weights + one bias per output channel
    return c_out * c_in * k * k + c_out


widths = [64, 128, 256, 512, 1024]
expected = conv(1, 64, 3) + conv(64, 64, 3)  # first level
for c_in, c_out in zip(widths[:-1], widths[1:], strict=True):  # three more levels and the bottleneck
    expected += conv(c_in, c_out, 3) + conv(c_out, c_out, 3)
for c_in, c_out in zip(widths[:0:-1], widths[-2::-1], strict=True):  # 1024→512, …, 128→64
    expected += conv(c_in, c_out, 2) + conv(2 * c_out, c_out, 3) + conv(c_out, c_out, 3)
expected += conv(64, 2, 1)  # the 1×1 head: two classes
got = sum(p.numel() for p in net.parameters())
assert got == expected == 31_030_658, f"expected {expected:,}, got {got:,}"
# --8<-- [end:params]
