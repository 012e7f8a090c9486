"""MobileNet as the paper's Table 1 lists it: 28 layers from 224×224×3 to 1000 scores.

Howard et al. 2017, Table 1 and Section 3.2: one full 3×3 convolution with stride 2
(224 → 112, 3 → 32 channels), thirteen depthwise-separable blocks (a depthwise 3×3 and a
pointwise 1×1 each) that take the channels from 32 to 1024 and, with four more strides
of 2, the map from 112×112 to 7×7, global average pooling and a fully connected layer
to 1000 classes; "counting depthwise and pointwise convolutions as separate layers,
MobileNet has 28 layers". Table 1 prints stride 2 for the last depthwise layer, whose
input and output are both 7×7; the authors' TF-slim code uses stride 1 there, and so
does `_separable.mobilenet_v1`.
Conditions: shapes traced on the meta device (no data, no training), one 224×224×3 image; exact; torch 2.13 on CPU.
"""

import torch
from torch import nn

from snippets.vision.depthwise_separable._separable import mobilenet_v1

# --8<-- [start:trace]
with torch.device("meta"):
    net = mobilenet_v1(separable=True)
    shapes = []  # (channels, side) after every convolution
    for m in net.modules():
        if isinstance(m, nn.Conv2d):
            m.register_forward_hook(lambda mod, inp, out: shapes.append((out.shape[1], out.shape[-1])))
    logits = net(torch.empty(1, 3, 224, 224))  # (batch, channels, height, width)

layers = sum(isinstance(m, (nn.Conv2d, nn.Linear)) for m in net.modules())
assert layers == 1 + 2 * 13 + 1 == 28, f"expected 28 layers, got {layers}"
assert shapes[0] == (32, 112), f"first convolution: {shapes[0]}"
assert shapes[-1] == (1024, 7), f"last pointwise convolution: {shapes[-1]}"
sides = sorted({side for _, side in shapes}, reverse=True)
assert sides == [112, 56, 28, 14, 7], f"map sides: {sides}"
assert tuple(logits.shape) == (1, 1000), f"logits: {tuple(logits.shape)}"
# --8<-- [end:trace]
