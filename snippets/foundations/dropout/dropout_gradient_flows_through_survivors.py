"""Dropout's gradient is its mask divided by 1 - p: a dropped unit gets no gradient for that example.

The backward pass reuses the forward mask, so each example trains only its own thinned
network: the units it dropped get exactly zero gradient, the survivors get the upstream
gradient times 1 / (1 - p).

Conditions: nn.Dropout(p=0.5) in training mode on a white-noise 8×32 float32 input,
the gradient of a random linear function of the output; survivors to float32 rounding (rtol 1e-6), dropped units exactly zero; seeds 0-4.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

RTOL = 1e-6  # one float32 multiplication, done in either order

# --8<-- [start:check]
p = 0.5
x = torch.randn(8, 32, requires_grad=True)  # (batch, features)
upstream = torch.randn(8, 32)  # the gradient arriving from the layers above
y = nn.Dropout(p)(x)
(y * upstream).sum().backward()
mask = (y != 0).float()  # the forward pass's mask, read off its output
assert torch.allclose(x.grad, upstream * mask / (1 - p), rtol=RTOL, atol=0.0), "the gradient is not mask / (1 - p)"
assert torch.equal(x.grad[mask == 0], torch.zeros(int((mask == 0).sum()))), "a dropped unit got gradient"
# --8<-- [end:check]
