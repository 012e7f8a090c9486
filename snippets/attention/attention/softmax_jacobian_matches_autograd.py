"""The softmax's Jacobian is diag(p) − p pᵀ.

The closed form of `softmax_jacobian` equals the Jacobian that autograd computes
for random scores (float64). Every entry is a product of probabilities, so when p
is close to one-hot every entry is close to zero: that is why a saturated attention
softmax passes almost no gradient back to its scores.

Conditions: random standard-normal scores of one query over 6 keys, float64; equal
to 1e-6; seeds 0-5.
"""

import os

import torch

from snippets.attention.attention._attention import softmax_jacobian

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-6  # float64 round-off

# --8<-- [start:jacobian]
n = 6
z = torch.randn(n, dtype=torch.float64)  # (n,) attention scores of one query
by_autograd = torch.autograd.functional.jacobian(lambda s: s.softmax(dim=-1), z)  # (n, n)
by_formula = softmax_jacobian(z.softmax(dim=-1))  # (n, n)
gap = (by_autograd - by_formula).abs().max().item()
assert gap < TOL, f"diag(p) - p pᵀ and autograd differ by {gap:.2e}"
# --8<-- [end:jacobian]
