"""The shape of the data after every layer of a small CNN, traced from the real model.

A 1×28×28 image passes two blocks of convolution, ReLU and 2×2 max-pooling, then a
global average and a linear classifier. The page's table is written out below row by
row; each row is compared with the shape the real layer produces and, for the
convolutions and poolings, with the output-size formula ⌊(H + 2p − k)/s⌋ + 1.

Conditions: exact shapes, no training, one all-zero 1×28×28 image (shapes do not depend
on the values); default PyTorch initialisation.
"""

import torch
from torch import nn


def out_size(h: int, k: int, s: int = 1, p: int = 0) -> int:
    """The output-size formula of a convolution or pooling (Dumoulin & Visin 2016)."""
    return (h + 2 * p - k) // s + 1


# --8<-- [start:trace]
layers = [
    nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),   # 28 -> 28 -> 14
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),  # 14 -> 14 -> 7
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10),
]
table = {  # the page's table: layer index -> output (channels, height, width)
    0: (16, 28, 28), 2: (16, 14, 14), 3: (32, 14, 14), 5: (32, 7, 7), 6: (32, 1, 1), 8: (10,),
}
formula = {  # the same sides from the output-size formula
    0: out_size(28, 5, p=2), 2: out_size(28, 2, s=2), 3: out_size(14, 3, p=1), 5: out_size(14, 2, s=2),
}
x = torch.zeros(1, 1, 28, 28)  # (batch, channels, height, width)
for i, layer in enumerate(layers):
    x = layer(x)
    if i in table:
        assert tuple(x.shape[1:]) == table[i], f"{layer}: table says {table[i]}, model gives {tuple(x.shape[1:])}"
    if i in formula:
        assert x.shape[-1] == x.shape[-2] == formula[i], f"{layer}: formula {formula[i]}, model {x.shape[-1]}"
# --8<-- [end:trace]
