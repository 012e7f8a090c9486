"""The paper's U-Net, with unpadded convolutions, maps a 572×572 tile to a 388×388 map.

Ronneberger et al. (2015), Fig. 1: every 3×3 convolution is "valid", so it removes a
one-pixel border (−2 per side length); a 2×2 max-pooling halves; a 2×2 up-convolution
doubles; skips are centre-cropped to the decoder's size. The figure prints the side
length of every feature map; this check rebuilds the network at full width (64 to 1024
channels) on the `meta` device, where shapes are computed and no memory is allocated,
and records the side after every layer.
Conditions: shapes traced on the meta device (no data, no training), the paper's full widths (64 to 1024 channels), one input channel, two classes; exact; torch 2.13 on CPU.
"""

import tomllib
from pathlib import Path

import torch
from torch import nn

from snippets.vision.unet._unet import UNet

with (Path(__file__).parent / "published.toml").open("rb") as f:
    PAPER = tomllib.load(f)


def sides_of(key: str) -> list[int]:
    """A list of sides from published.toml ("570, 568, …")."""
    return [int(v) for v in PAPER[key]["value"].split(",")]

# --8<-- [start:trace]
with torch.device("meta"):
    net = UNet(in_channels=1, num_classes=2, base_channels=64, depth=4, padding=0)
    sides = []
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.MaxPool2d)):
            m.register_forward_hook(lambda mod, inp, out: sides.append(out.shape[-1]))
    y = net(torch.empty(1, 1, 572, 572))  # (batch, channels, height, width)

# The side lengths printed in Fig. 1 of the paper, layer after layer (published.toml);
# the 1×1 head keeps the last one.
fig1 = sides_of("fig1_contracting_sides") + sides_of("fig1_expanding_sides")
assert sides == fig1 + fig1[-1:], f"expected Fig. 1's sizes, got {sides}"

# The same numbers from the arithmetic: a valid 3×3 conv −2, pool ÷2, up-conv ×2.
s, walk = 572, []
for _ in range(4):
    walk += [s - 2, s - 4, (s - 4) // 2]
    s = (s - 4) // 2
walk += [s - 2, s - 4]
s -= 4
for _ in range(4):
    walk += [2 * s, 2 * s - 2, 2 * s - 4]
    s = 2 * s - 4
walk += [s]  # the 1×1 head keeps the size
assert walk == sides, f"arithmetic {walk} != network {sides}"
assert tuple(y.shape) == (1, 2, 388, 388), f"expected (1, 2, 388, 388), got {tuple(y.shape)}"
assert min(sides) == 28, f"bottleneck side: expected 28, got {min(sides)}"
# --8<-- [end:trace]

# --8<-- [start:bottleneck]
with torch.device("meta"):
    bottom, skips = net.encode(torch.empty(1, 1, 572, 572))  # (batch, 1024, 28, 28)
values, pixels = bottom.numel(), 572 * 572
assert values == 28 * 28 * 1024 == 802_816, f"expected 802,816, got {values:,}"
assert pixels == 327_184 and abs(values / pixels - 2.45) < 0.005, f"ratio {values / pixels:.3f}"
# --8<-- [end:bottleneck]
