"""The Jacobian of the page's residual block is `D (I + J_F)`; without the final ReLU, `I + J_F`.

The basic block of this page computes `y = relu(x + F(x))`, with the branch
`F = bn2 ∘ conv2 ∘ relu ∘ bn1 ∘ conv1`. By the chain rule its Jacobian is
`D (I + J_F)`, where `J_F` is the branch's Jacobian and `D` the diagonal 0/1 mask of
the final ReLU (1 where `x + F(x) > 0`). The identity path is therefore gated: an
output unit whose ReLU is off passes back no gradient at all, through the shortcut or
the branch. Only a block without the ReLU after the addition, `y = x + F(x)` (the
pre-activation design of He et al., 2016b), has the Jacobian `I + J_F` exactly.

Both are checked on the real `BasicBlock` of `_resnet.py`: autograd's Jacobian of the
whole block against the formula built from autograd's Jacobian of the branch alone
and the mask read from the forward pass.

Conditions: random weights at initialisation plus random running statistics and
affine parameters (no training), batch norm in evaluation mode, one white-noise input
of shape 1×3×4×4 (a 48×48 Jacobian), float64, exact to 1e-12; seeds 0-5.
"""

import os

import torch
from torch.autograd.functional import jacobian

from snippets.vision.resnet._resnet import BasicBlock

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64: the same products in a different order

block = BasicBlock(3, 3).double().eval()  # identity shortcut; norms at inference
with torch.no_grad():  # non-trivial statistics and affine parameters
    for bn in (block.bn1, block.bn2):
        bn.running_mean.normal_()
        bn.running_var.uniform_(0.5, 2.0)
        bn.weight.normal_()
        bn.bias.normal_()

# --8<-- [start:jacobian]
x = torch.randn(1, 3, 4, 4, dtype=torch.float64)  # (batch, channels, height, width)
n = x.numel()  # 48 inputs and 48 outputs


def branch(v):  # F(x): conv, BN, ReLU, conv, BN, as in BasicBlock.forward
    return block.bn2(block.conv2(block.relu(block.bn1(block.conv1(v)))))


J_block = jacobian(block, x, vectorize=True).reshape(n, n)  # the page's block, relu(x + F(x))
J_pre = jacobian(lambda v: v + branch(v), x, vectorize=True).reshape(n, n)  # no ReLU after the addition
J_F = jacobian(branch, x, vectorize=True).reshape(n, n)  # the branch alone
with torch.no_grad():
    D = torch.diag((x + branch(x) > 0).double().flatten())  # the final ReLU's 0/1 mask
I_plus_JF = torch.eye(n, dtype=torch.float64) + J_F

err_block = (J_block - D @ I_plus_JF).abs().max().item()
err_pre = (J_pre - I_plus_JF).abs().max().item()
assert err_block < TOL, f"the block's Jacobian differs from D (I + J_F) by {err_block:.2e}"
assert err_pre < TOL, f"x + F(x): Jacobian differs from I + J_F by {err_pre:.2e}"
off = int((D.diagonal() == 0).sum())  # output units whose final ReLU is off
rows_changed = (J_block - I_plus_JF).abs().sum(dim=1) > TOL  # which rows differ from I + J_F
assert not torch.allclose(J_block, I_plus_JF), "the final ReLU should gate I + J_F"
assert torch.equal(rows_changed, D.diagonal() == 0), "the rows that differ should be the ReLU-off rows"
assert int(rows_changed.sum()) == off > 0, f"{int(rows_changed.sum())} rows differ, {off} ReLUs off"
# --8<-- [end:jacobian]
