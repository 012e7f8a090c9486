"""At initialisation, a deep plain stack distorts the gradient; identity shortcuts do not.

A stack of 50 small blocks (Linear, optionally BatchNorm, ReLU), default PyTorch
initialisation, one backward pass of a fixed random linear loss. The measure is the
norm of the first block's weight gradient divided by the last block's.

* Plain, no normalisation: each ReLU layer shrinks the signal, forward and backward;
  the first layer's gradient vanishes (often to exactly zero, once every unit is dead).
* Plain, with BatchNorm: the forward signal is rescaled at every layer, and the
  backward one explodes instead (Yang et al., 2019): the first layer's gradient is
  thousands of times the last layer's. "Collapse" is the wrong word for a BN stack.
* With identity shortcuts, `h + block(h)`, the ratio stays between 0.1 and 100 in both
  cases: with no ReLU after the addition every block's Jacobian is `I + J` (see
  `shortcut_adds_identity_to_jacobian`), so the product keeps an identity term.

Conditions: at initialisation (no training), PyTorch's default initialisation, a toy
stack of 50 blocks `Linear(16, 16)` [+ `BatchNorm1d`, training mode] + `ReLU`, white-noise
input and loss direction of shape 64×16, float32; the shortcut stack is `h + block(h)`,
with no ReLU after the addition; seeds 0-5.

Assumption: the gradient reaching the first layer is on the scale of the last layer's.
Broken by: a deep stack without shortcuts, where the per-layer Jacobians multiply.
"""

import os

import torch

from snippets.vision.resnet._depth import first_last_gradient_ratio

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
VANISHED = 1e-6  # plain, no norm (seen: 0 to 2e-18 over 20 seeds)
EXPLODED = 1_000  # plain, BatchNorm (seen: 1.2e4 to 6.9e4 over 20 seeds)
LOW, HIGH = 0.1, 100.0  # residual, either kind (seen: 0.19 to 31 over 20 seeds)

# --8<-- [start:gradients]
depth, width, batch = 50, 16, 64
x, target = torch.randn(batch, width), torch.randn(batch, width)  # (batch, width)
plain = first_last_gradient_ratio(x, target, depth, normalise=False, residual=False)
plain_bn = first_last_gradient_ratio(x, target, depth, normalise=True, residual=False)
res = first_last_gradient_ratio(x, target, depth, normalise=False, residual=True)
res_bn = first_last_gradient_ratio(x, target, depth, normalise=True, residual=True)
assert plain < VANISHED, f"plain stack: first/last gradient {plain:.2e}"
assert plain_bn > EXPLODED, f"plain BN stack: first/last gradient {plain_bn:.2e}"
assert LOW < res < HIGH, f"residual stack: first/last gradient {res:.2e}"
assert LOW < res_bn < HIGH, f"residual BN stack: first/last gradient {res_bn:.2e}"
# --8<-- [end:gradients]
