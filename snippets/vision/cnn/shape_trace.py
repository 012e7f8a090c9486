"""The shape of the data after every layer of a small CNN, traced from the real model.

A 1×28×28 image passes two blocks of convolution, ReLU and 2×2 max-pooling, then a
global average and a linear classifier. Each spatial size is predicted with the
output-size formula ⌊(H + 2p − k)/s⌋ + 1 and compared with what the layer produces.
"""

import torch
from torch import nn


def out_size(h: int, k: int, s: int = 1, p: int = 0) -> int:
    return (h + 2 * p - k) // s + 1


# --8<-- [start:trace]
net = nn.Sequential(
    nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),   # 28 -> 28 -> 14
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 14 -> 14 -> 7
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10),
)
h = 28
expected = [
    (16, out_size(h, 5, p=2)), (16, out_size(h, 5, p=2)), (16, out_size(28, 2, s=2)),
    (32, out_size(14, 3, p=1)), (32, out_size(14, 3, p=1)), (32, out_size(14, 2, s=2)),
    (32, 1),
]
x = torch.zeros(1, 1, h, h)  # (batch, channels, height, width)
for layer, (channels, side) in zip(net, expected):
    x = layer(x)
    assert x.shape == (1, channels, side, side), f"{layer}: expected {(1, channels, side, side)}, got {tuple(x.shape)}"
x = net[-1](net[-2](x))
assert x.shape == (1, 10), x.shape
# --8<-- [end:trace]
