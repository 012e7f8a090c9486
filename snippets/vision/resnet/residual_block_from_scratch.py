"""A basic residual block is `relu(F(x) + x)`, with F = conv, norm, ReLU, conv, norm.

Written out with `torch.nn.functional` alone, from the module's own weights, the block
gives the module's output; and the output has the input's shape, which is what lets
the `+ x` exist at all.

Conditions: random weights at initialisation plus random running statistics and
affine parameters (no training), batch norm in evaluation mode, white-noise input of
shape 2×64×8×8, float32, within 1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

from snippets.vision.resnet._resnet import BasicBlock

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32: two orders of the same additions


def norm(x, bn):
    """Batch norm at inference: a fixed per-channel affine map from the running stats."""
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    return x * scale.view(1, -1, 1, 1) + (bn.bias - bn.running_mean * scale).view(1, -1, 1, 1)


# --8<-- [start:block]
block = BasicBlock(64, 64).eval()  # same channels, stride 1: the identity shortcut
with torch.no_grad():  # give every norm non-trivial statistics and affine parameters
    for bn in (block.bn1, block.bn2):
        bn.running_mean.normal_()
        bn.running_var.uniform_(0.5, 2.0)
        bn.weight.normal_()
        bn.bias.normal_()

x = torch.randn(2, 64, 8, 8)  # (batch, channels, height, width)
with torch.no_grad():
    branch = F.relu(norm(F.conv2d(x, block.conv1.weight, padding=1), block.bn1))
    branch = norm(F.conv2d(branch, block.conv2.weight, padding=1), block.bn2)  # F(x)
    ours = F.relu(branch + x)  # (batch, 64, 8, 8)
    theirs = block(x)

err = (ours - theirs).abs().max().item()
assert theirs.shape == x.shape == (2, 64, 8, 8), f"shape {tuple(theirs.shape)}"
assert err < TOL, f"from-scratch block differs from the module by {err:.2e}"
# --8<-- [end:block]
