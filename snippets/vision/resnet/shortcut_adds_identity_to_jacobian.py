"""A residual block's Jacobian is the identity plus its branch's Jacobian.

For `y = x + F(x)`, `dy/dx = I + dF/dx`. Backpropagation through a stack of such
blocks multiplies matrices of the form `I + J`, so the gradient always keeps a path
multiplied by the identity alone; a plain stack multiplies the `J`s only.

The branch here is small: linear, norm at inference, ReLU, linear. Its Jacobian,
written out by hand, is `W2 · diag(relu'(z) · s) · W1`, where `s` is the norm's
per-feature scale and `z` the ReLU's input. Autograd's Jacobian of the whole block
equals the identity plus that product.
"""

import os

import torch
from torch import nn
from torch.autograd.functional import jacobian

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64: the same products in a different order

# --8<-- [start:jacobian]
width = 6
lin1, bn, lin2 = nn.Linear(width, width), nn.BatchNorm1d(width), nn.Linear(width, width)
branch = nn.Sequential(lin1, bn, nn.ReLU(), lin2).double().eval()  # inference-mode norm
with torch.no_grad():
    bn.running_mean.normal_()
    bn.running_var.uniform_(0.5, 2.0)
    bn.weight.normal_()
x = torch.randn(width, dtype=torch.float64)  # (features,)


def block(v):
    return v + branch(v[None])[0]  # (features,): shortcut + branch


measured = jacobian(block, x)  # (width, width), by autograd

with torch.no_grad():  # by hand: chain rule through linear, norm, ReLU, linear
    s = bn.weight / torch.sqrt(bn.running_var + bn.eps)  # (width,) the norm's scale
    z = bn(lin1(x[None]))[0]  # (width,) the ReLU's input
    J_branch = lin2.weight @ torch.diag((z > 0).double() * s) @ lin1.weight
expected = torch.eye(width, dtype=torch.float64) + J_branch

err = (measured - expected).abs().max().item()
assert err < TOL, f"autograd's Jacobian differs from I + J_branch by {err:.2e}"
# --8<-- [end:jacobian]
