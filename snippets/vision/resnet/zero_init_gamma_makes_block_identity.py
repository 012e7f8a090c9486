"""With its last norm's scale γ at zero, a residual block starts as the identity.

The branch ends in `bn(·) = γ·x̂ + β`; with γ = 0 and β = 0 (its default) the branch
outputs exactly zero, whatever its convolutions hold, and the block returns
`relu(0 + x) = x` for any non-negative `x`. Inside a ResNet every block's input comes
out of a ReLU, so a whole network built this way starts as its stem and its
projections, with the residual blocks switched off (Goyal et al., 2017; torchvision's
`zero_init_residual`).

The block can still learn: γ itself gets a gradient at the first step. The identity
needs `x >= 0`; `zero_init_identity_breaks_on_negative_input.py` shows what happens
otherwise.

Conditions: random convolution weights at initialisation (no training), the last norm's
γ = 0 and β = 0 (its default), batch norm in training mode, non-negative input (ReLU of white noise) of shape 4×C×8×8, float32,
exact equality; one backward pass of a random linear loss (gradients of both convolutions checked);
seeds 0-5.
"""

import os

import torch

from snippets.vision.resnet._resnet import BasicBlock, Bottleneck

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:identity]
blocks = [BasicBlock(64, 64), Bottleneck(256, 64)]  # identity shortcuts: shapes kept
for block in blocks:
    torch.nn.init.zeros_(block.last_norm().weight)  # γ = 0 on the branch's last norm
    x = torch.relu(torch.randn(4, block.conv1.in_channels, 8, 8))  # (batch, channels, h, w), >= 0
    y = block.train()(x)  # training mode: batch statistics, as in the first step
    assert torch.equal(y, x), f"{type(block).__name__}: max change {(y - x).abs().max():.2e}"
# --8<-- [end:identity]

# --8<-- [start:learns]
# Zero γ blocks the gradient to the branch's convolutions, not to γ itself.
block = blocks[0]
x = torch.relu(torch.randn(4, 64, 8, 8))  # (batch, channels, height, width), >= 0
(block(x) * torch.randn_like(x)).sum().backward()  # any loss will do
gamma_grad = block.bn2.weight.grad.abs().max().item()
conv_grad = max(block.conv1.weight.grad.abs().max().item(), block.conv2.weight.grad.abs().max().item())
assert conv_grad == 0.0, f"a conv behind γ = 0 got gradient {conv_grad:.2e}"
assert gamma_grad > 0.0, "γ got no gradient: the block could never switch on"
# --8<-- [end:learns]
