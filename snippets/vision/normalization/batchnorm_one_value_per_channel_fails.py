"""Batch norm refuses to train on one value per channel.

With a batch of 1 and a 1×1 map, each channel holds a single value: its batch
variance is 0 and the unbiased variance that feeds running_var would divide by
n − 1 = 0. PyTorch raises a ValueError before computing anything. The same single
sample is fine with a 2×2 map (4 values per channel), and fine in evaluation mode,
which does not look at batch statistics at all. This is what breaks a classifier
head with `BatchNorm1d` when the last batch of an epoch has one sample.

Mathematically, one value per channel would be normalised to exactly zero (x − μ = 0)
and the layer would output β whatever the input; PyTorch refuses instead.

Conditions: a freshly built `BatchNorm2d(8)` (no training), white-noise inputs of
shapes 1×8×1×1 and 1×8×2×2; the error message as worded by torch 2.13.

Assumption: every channel of a training batch holds more than one value, so a batch variance exists.
Broken by: one sample with a 1×1 map, such as a last batch of one into a `BatchNorm1d` head.
"""

import torch
from torch import nn

# --8<-- [start:check]
bn = nn.BatchNorm2d(8)
lone = torch.randn(1, 8, 1, 1)  # (batch, channels, height, width): one value per channel

bn.train()
try:
    bn(lone)
    raised = False
except ValueError as error:  # PyTorch checks before computing anything
    raised = True
    assert str(error).startswith("Expected more than 1 value per channel when training"), error
assert raised, "training on one value per channel should raise"

assert bn(torch.randn(1, 8, 2, 2)).shape == (1, 8, 2, 2)  # 4 values per channel: trains
bn.eval()
assert bn(lone).shape == (1, 8, 1, 1)  # evaluation uses running statistics: no error
# --8<-- [end:check]
