"""An orthogonal recurrence matrix keeps the state's norm exactly, step after step.

Every singular value of an orthogonal Q is 1, so ‖Q h‖ = ‖h‖ for every h, and so is every
power of Q: a linear recurrence h_t = Q h_{t-1} (and its Jacobian ∂h_T/∂h_0 = Q^T) neither
shrinks nor grows anything, however long it runs. A Gaussian matrix of the same average
scale, variance 1/n, preserves the norm only on average: its singular values run from
near 0 to near 2, and its powers stretch some directions and erase others.

Conditions: no training, no data; `nn.init.orthogonal_` against a Gaussian with variance
1/n, n = 64, 100 steps of the linear recurrence from a random state; float64, norms equal
to 1e-12. Seeds 0-9: the Gaussian's singular values reach at least 1.85 at the top and
at most 0.022 at the bottom; its 100th power has largest singular value 23 to 1.4e6 and
smallest below 1e-13.
"""

import math
import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64 rounding over 100 matrix-vector products

# --8<-- [start:orthogonal]
n, steps = 64, 100
Q = nn.init.orthogonal_(torch.empty(n, n, dtype=torch.float64))
assert torch.allclose(torch.linalg.svdvals(Q), torch.ones(n, dtype=torch.float64), atol=TOL), "all σ = 1"

h0 = torch.randn(n, dtype=torch.float64)
h = h0
for _ in range(steps):
    h = Q @ h  # the linear recurrence h_t = Q h_(t-1)
drift = abs(h.norm().item() / h0.norm().item() - 1)
assert drift < TOL, f"after {steps} steps the norm moved by {drift:.2e}"
power = torch.linalg.svdvals(torch.linalg.matrix_power(Q, steps))  # the Jacobian ∂h_100/∂h_0
assert (power - 1).abs().max().item() < TOL, "every direction keeps its length after 100 steps"
# --8<-- [end:orthogonal]

# --8<-- [start:gaussian]
G = torch.randn(n, n, dtype=torch.float64) / math.sqrt(n)  # Var = 1/n: E‖G h‖² = ‖h‖²
sigma = torch.linalg.svdvals(G)
assert sigma.max().item() > 1.8 and sigma.min().item() < 0.05, f"σ from {sigma.min():.3f} to {sigma.max():.3f}"
power = torch.linalg.svdvals(torch.linalg.matrix_power(G, steps))
assert power.min().item() < 1e-10, f"some direction should be erased after {steps} steps, {power.min():.2e}"
assert power.max().item() > 1.0, f"while the largest stretch is {power.max():.3g}"
# --8<-- [end:gaussian]
