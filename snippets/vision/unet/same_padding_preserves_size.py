"""A same-padded U-Net maps H×W to H×W exactly when H and W are multiples of 2**depth.

Same-padded 3×3 convolutions keep the size; each of the `depth` 2×2 poolings halves it,
rounding down; each up-convolution doubles it. The decoder lands back on the input's
size, and each skip meets a decoder map of its own size, only if no pooling rounded.
Holds for any channel widths: the spatial arithmetic does not involve them, so a
network with 2 base channels stands in for the 64 of the paper.
Conditions: random weights at initialisation (no training), white-noise inputs, depth 4, 2 base channels, same padding; shapes exact; the refused heights checked to fail at the concatenation; seeds 0-5.
"""

import os

import torch

from snippets.vision.unet._unet import UNet

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:shapes]
depth = 4
net = UNet(in_channels=3, num_classes=5, base_channels=2, depth=depth, padding=1)
for height, width in [(16, 16), (32, 48), (64, 112), (96, 160)]:
    x = torch.randn(1, 3, height, width)  # (batch, channels, height, width)
    y = net(x)  # (batch, classes, height, width)
    expected = (1, 5, height, width)
    assert tuple(y.shape) == expected, f"expected {expected}, got {tuple(y.shape)}"
# --8<-- [end:shapes]

# --8<-- [start:sweep]
# Every height from 16 to 80, with the size check off: which ones run at all?
raw = UNet(in_channels=1, num_classes=1, base_channels=2, depth=depth, padding=1, check_size=False)
runs, refused = [], []
for height in range(16, 81):
    try:
        y = raw(torch.randn(1, 1, height, 16))  # (batch, channels, height, width)
    except RuntimeError as error:  # the decoder's concatenation meets a skip of another size
        refused.append(str(error))
        continue
    assert y.shape[-2:] == (height, 16), f"height {height} ran but gave {tuple(y.shape)}"
    runs.append(height)
multiples = [h for h in range(16, 81) if h % 2**depth == 0]  # the rule, written out
assert runs == multiples == [16, 32, 48, 64, 80], f"expected {multiples}, got {runs}"
assert len(runs) == 5 and len(range(16, 81)) == 65
assert all(m.startswith("Sizes of tensors must match") for m in refused), f"not a concatenation: {refused}"
# --8<-- [end:sweep]
