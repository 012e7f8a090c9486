"""Eval mode equals the average over all thinned networks only when what follows dropout is linear.

Evaluation mode replaces the average over the 2^n thinned networks by one network with
every unit kept (Srivastava et al.'s weight-scaling rule). For dropout followed by a
linear layer this is exact: the average of a linear function is the function of the
average, and the average input is the input. Put a ReLU after that linear layer and the
rule is only an approximation: the average of a ReLU is not the ReLU of the average
(Jensen's inequality; the average lies above it).

Conditions: exact enumeration of all 256 masks of 8 units with drop probability 1/2,
a random Linear(8, 6), then ReLU and Linear(6, 3); no training; white-noise input of
4 examples; float64; the linear case equal to 1e-12; the ReLU case off by 0.038 to 0.27
over seeds 0-9, asserted above 0.01.
"""

import itertools
import os

import torch

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-12  # float64 rounding of sums of 256 terms
GAP = 0.01  # the ReLU case is off by far more than rounding

p, n = 0.5, 8
h = torch.randn(4, n, dtype=torch.float64)  # (batch, units) entering the dropout
lin1 = torch.nn.Linear(n, 6).double()
lin2 = torch.nn.Linear(6, 3).double()
masks = torch.tensor(list(itertools.product((0.0, 1.0), repeat=n)), dtype=torch.float64)  # (256, 8)
# at p = 1/2 every mask has the same probability, 1/256
thinned = h[None] * masks[:, None] / (1 - p)  # (256, batch, units)

# --8<-- [start:linear]
with torch.no_grad():
    average_linear = lin1(thinned).mean(dim=0)  # the mean over all thinned networks
    eval_linear = lin1(h)  # eval mode: dropout is the identity
assert torch.allclose(average_linear, eval_linear, rtol=0.0, atol=TOL), "linear: the average differs from eval"
# --8<-- [end:linear]

# --8<-- [start:relu]
with torch.no_grad():
    average_relu = lin2(torch.relu(lin1(thinned))).mean(dim=0)  # mean over all thinned networks
    eval_relu = lin2(torch.relu(lin1(h)))  # eval mode
gap = (average_relu - eval_relu).abs().max().item()
assert gap > GAP, f"after a ReLU the eval output should differ from the average, gap {gap:.2e}"
# --8<-- [end:relu]
