"""A zero-initialised block is the identity only on non-negative input.

With γ = 0 on the last norm, the branch outputs zero and the block returns
`relu(0 + x) = relu(x)`. That is `x` only where `x >= 0`. Inside a standard ResNet
every block's input comes out of a ReLU, so the condition holds. Feed the block signed
features and its negative entries are clipped to zero. Pre-activation ResNets (He et
al., 2016) move the ReLU into the branch so that the shortcut stays a pure identity.

Conditions: random weights at initialisation (no training), batch norm in training
mode, γ = 0 on the last norm, white-noise input of shape 4×64×8×8 (both signs),
float32, exact equality; seeds 0-5.

Assumption: a block whose branch outputs zero passes its input through unchanged.
Broken by: the ReLU after the addition, on an input with negative entries.
"""

import os

import torch

from snippets.vision.resnet._resnet import BasicBlock

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

block = BasicBlock(64, 64)
torch.nn.init.zeros_(block.last_norm().weight)  # γ = 0 on the branch's last norm

# --8<-- [start:negative]
# The ReLU after the addition: a negative input is clipped, so this is no identity.
x_signed = torch.randn(4, 64, 8, 8)  # (batch, channels, height, width), either sign
y_signed = block(x_signed)
assert torch.equal(y_signed, torch.relu(x_signed)), "the block should return relu(x)"
assert not torch.equal(y_signed, x_signed), "a signed input came back unchanged"
# --8<-- [end:negative]
