"""The paper's U-Net, with unpadded convolutions, maps a 572×572 tile to a 388×388 map.

Ronneberger et al. (2015), Fig. 1: every 3×3 convolution is "valid", so it removes a
one-pixel border (−2 per side length); a 2×2 max-pooling halves; a 2×2 up-convolution
doubles; skips are centre-cropped to the decoder's size. The figure prints the side
length of every feature map; this check rebuilds the network at full width (64 to 1024
channels) on the `meta` device, where shapes are computed and no memory is allocated,
and records the side after every layer.
"""

import torch
from torch import nn

from snippets.vision.unet._unet import UNet

# --8<-- [start:trace]
with torch.device("meta"):
    net = UNet(in_channels=1, num_classes=2, base_channels=64, depth=4, padding=0)
    sides = []
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.MaxPool2d)):
            m.register_forward_hook(lambda mod, inp, out: sides.append(out.shape[-1]))
    y = net(torch.empty(1, 1, 572, 572))  # (batch, channels, height, width)

# The side lengths printed in Fig. 1 of the paper, layer after layer.
fig1_encoder = [570, 568, 284, 282, 280, 140, 138, 136, 68, 66, 64, 32, 30, 28]
fig1_decoder = [56, 54, 52, 104, 102, 100, 200, 198, 196, 392, 390, 388, 388]
assert sides == fig1_encoder + fig1_decoder, f"expected Fig. 1's sizes, got {sides}"

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
