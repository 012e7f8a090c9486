"""A zero-initialised pre-activation block is the identity on any input, signs included.

The pre-activation block (He et al., 2016b) computes `y = x + F(x)` with the branch
`F = conv2 ∘ relu ∘ bn2 ∘ conv1 ∘ relu ∘ bn1` and no ReLU after the addition. Start its
last convolution at zero and `F(x) = 0`, so `y = x` exactly, negative entries
included. The post-activation basic block of this page, zero-initialised through its
last γ, returns `relu(x)` instead (`zero_init_identity_breaks_on_negative_input.py`).

Conditions: random weights at initialisation (no training) except the zeroed last
convolution (pre-activation) or γ (post-activation), batch norm in training mode,
white-noise input of shape 4×64×8×8 (both signs), float32, exact equality; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.resnet._resnet import BasicBlock, conv3x3

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
c = 64
bn1, conv1, bn2, conv2 = nn.BatchNorm2d(c), conv3x3(c, c), nn.BatchNorm2d(c), conv3x3(c, c)
torch.nn.init.zeros_(conv2.weight)  # the pre-activation branch ends in a convolution


def preact_block(x):  # x + F(x): norms and ReLUs inside the branch, none after the sum
    return x + conv2(torch.relu(bn2(conv1(torch.relu(bn1(x))))))


post = BasicBlock(c, c)
torch.nn.init.zeros_(post.last_norm().weight)  # the post-activation block: γ = 0
x = torch.randn(4, c, 8, 8)  # (batch, channels, height, width), either sign
with torch.no_grad():
    y_pre, y_post = preact_block(x), post(x)
assert torch.equal(y_pre, x), f"pre-activation: max change {(y_pre - x).abs().max():.2e}"
assert not torch.equal(y_post, x), "post-activation: a signed input came back unchanged"
# --8<-- [end:check]
