"""The anatomy table of the MLP page, produced by the real model.

A grey 28×28 image is flattened to 784 numbers (pixel (r, c) becomes input 28·r + c),
a dense layer maps them to 256 hidden units, a ReLU keeps the shape, and a second dense
layer gives 10 class scores. Every shape and per-layer parameter count of the table is
asserted here against the module, with the expected values written out by hand.

Conditions: shapes and integer counts only, exact; random weights at initialisation, one
white-noise batch of 2 images; no training.
"""

import torch
from torch import nn

# --8<-- [start:trace]
side, hidden, classes = 28, 256, 10
mlp = nn.Sequential(nn.Flatten(), nn.Linear(side * side, hidden), nn.ReLU(), nn.Linear(hidden, classes))
x = torch.randn(2, 1, side, side)  # (batch, channels, height, width)

shapes, params = [tuple(x.shape[1:])], []
h = x
for layer in mlp:
    h = layer(h)
    shapes.append(tuple(h.shape[1:]))  # one example's shape after this step
    params.append(sum(p.numel() for p in layer.parameters()))

assert shapes == [(1, 28, 28), (784,), (256,), (256,), (10,)], shapes
assert params == [0, 784 * 256 + 256, 0, 256 * 10 + 10] == [0, 200_960, 0, 2_570], params
assert tuple(mlp[1].weight.shape) == (256, 784) and tuple(mlp[3].weight.shape) == (10, 256)
# Flattening is row after row: pixel (r, c) is input number 28·r + c.
r, c = 5, 17
flat = mlp[0](x)  # (batch, 784)
assert torch.equal(flat[:, 28 * r + c], x[:, 0, r, c]), "flatten does not put (r, c) at 28·r + c"
# --8<-- [end:trace]
