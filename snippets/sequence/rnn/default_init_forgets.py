"""At torch's default initialisation, an RNN's recurrent matrix has spectral radius near 1/sqrt(3).

`nn.RNN` draws every weight from U(-1/sqrt(h), 1/sqrt(h)), whose standard deviation
is 1/sqrt(3h). By the circular law, an h×h matrix of independent entries with standard
deviation s has its eigenvalues spread over a disc of radius s*sqrt(h), here
1/sqrt(3) ≈ 0.577, whatever h is. A freshly built RNN is therefore well inside the
vanishing regime: in the linear regime the gradient shrinks by about that factor per step.

The spectral radius is not the largest singular value. A random matrix is far from
normal: the largest singular value of the same matrix sits near the edge of the
quarter-circle law, 2 * s * sqrt(h) = 2/sqrt(3) ≈ 1.155, above 1. So the one-step bound
||W_hh^t|| <= sigma_max^t promises nothing here, yet W_hh^50 is tiny: over many steps
||W_hh^t||^(1/t) tends to the spectral radius (Gelfand's formula), not to sigma_max.

Conditions: torch's default initialisation (no training, no data), a 256×256 recurrent matrix in float64; seeds 0-39; finite-size tolerance 0.06 on both random-matrix predictions (measured 0.58 to 0.63 and 1.11 to 1.16), 0.03 on the 50th root of the 50th power (measured within 0.022); ||W_hh^50|| measured 1e-11 to 3e-10, checked below 1e-8.
"""

import math
import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# The circular law is a large-h limit; at h = 256 the largest eigenvalue modulus sits
# a few hundredths above it (0.58 to 0.63 over seeds 0..39).
TOL = 0.06

torch.set_num_threads(1)  # a 256×256 eigensolve: a second thread only adds hand-off cost

# --8<-- [start:radius]
h = 256
rnn = nn.RNN(1, h)
radius = torch.linalg.eigvals(rnn.weight_hh_l0.detach().double()).abs().max().item()
std = (1 / math.sqrt(h)) / math.sqrt(3)  # standard deviation of U(-a, a) is a / sqrt(3)
predicted = std * math.sqrt(h)  # circular law: radius of the eigenvalue disc
assert abs(predicted - 1 / math.sqrt(3)) < 1e-12
assert abs(radius - predicted) < TOL, f"predicted {predicted:.3f}, measured {radius:.3f}"
assert radius < 1, f"spectral radius {radius:.3f}: not in the vanishing regime"
# --8<-- [end:radius]

# The 50th root of ||W^50|| is 0.008 to 0.022 above the radius over seeds 0..39:
# Gelfand's limit is approached slowly, and 0.03 is still far from sigma_max's 1.15.
GELFAND_TOL = 0.03

# --8<-- [start:singular]
w = rnn.weight_hh_l0.detach().double()  # (h, h)
sigma_max = torch.linalg.matrix_norm(w, ord=2).item()  # the most one step can stretch
edge = 2 * std * math.sqrt(h)  # quarter-circle law: the largest singular value
assert abs(edge - 2 / math.sqrt(3)) < 1e-12
power_50 = torch.linalg.matrix_norm(torch.linalg.matrix_power(w, 50), ord=2).item()
assert abs(sigma_max - edge) < TOL, f"predicted {edge:.3f}, measured {sigma_max:.3f}"
assert sigma_max > 1, f"largest singular value {sigma_max:.3f}"
assert sigma_max**50 > 100, f"the singular-value bound after 50 steps: {sigma_max**50:.3g}"
assert power_50 < 1e-8, f"||W_hh^50|| = {power_50:.2e}"
assert abs(power_50 ** (1 / 50) - radius) < GELFAND_TOL, (
    f"50th root {power_50 ** (1 / 50):.3f}, spectral radius {radius:.3f}"
)
# --8<-- [end:singular]
