"""The gradient reaching an input t steps back scales as rho**t.

Backpropagation through time multiplies the gradient by the transposed Jacobian
W_hh^T diag(tanh') once per step. Make the recurrent matrix W_hh = rho * Q with Q
orthogonal, so that every direction is scaled by exactly rho, and keep tanh in its
linear regime (inputs of size 1e-6, where tanh' = 1 to within 1e-12): the gradient
norm t steps back is then rho**t times the gradient at the last step. A straight-line
fit of log(norm) against t recovers rho as the per-step factor: below 1 the gradient
vanishes geometrically, above 1 it explodes, and only rho = 1 keeps it.

Conditions: hand-set weights (W_hh = rho·Q with Q a random orthogonal 16×16 matrix, W_ih = I, zero biases; no training), white-noise input of size 1e-6 over 51 steps; seeds 0-5; float32, per-step factor to 1e-5 relative, 50-step factor to 0.1%.
"""

import math
import os

import numpy as np
import torch

from snippets.sequence.rnn._rnn import gradient_back_in_time

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
generator = torch.Generator().manual_seed(SEED)

# The fit is exact up to float32 rounding and tanh's curvature at 1e-6: both stay
# below 1e-7 relative error in the per-step factor; 1e-5 leaves a wide margin.
RATE_TOL = 1e-5
# After 50 steps float32 rounding compounds to about 1e-6; 0.1% is a wide margin.
FACTOR_TOL = 1e-3

# --8<-- [start:rate]
h, steps = 16, 50
fitted, factor = {}, {}
for rho in (0.9, 1.0, 1.1):
    # an nn.RNN with W_hh = rho * Q, W_ih = I, zero biases, on inputs of size 1e-6:
    # norm of dLoss/dx at the input t steps before the end, t = 0 .. steps
    norms = gradient_back_in_time(rho, h, steps, generator).numpy()
    t = np.arange(steps + 1)
    slope, _ = np.polyfit(t, np.log(norms), 1)
    fitted[rho] = math.exp(slope)
    factor[rho] = norms[steps] / norms[0]
    assert abs(fitted[rho] - rho) < RATE_TOL * rho, (
        f"rho={rho}: fitted per-step factor {fitted[rho]:.5f}"
    )
# --8<-- [end:rate]

# --8<-- [start:fifty]
for rho, predicted in ((0.9, 0.9**50), (1.1, 1.1**50)):
    got = factor[rho]
    assert abs(got - predicted) < FACTOR_TOL * predicted, (
        f"rho={rho}: predicted {predicted:.4g}, got {got:.4g}"
    )
assert factor[0.9] < 0.01 and factor[1.1] > 100, f"0.9: {factor[0.9]:.4g}, 1.1: {factor[1.1]:.4g}"
# --8<-- [end:fifty]
