"""At torch's default initialisation, an RNN's recurrent matrix has spectral radius near 1/sqrt(3).

`nn.RNN` draws every weight from U(-1/sqrt(h), 1/sqrt(h)), whose standard deviation
is 1/sqrt(3h). By the circular law, an h×h matrix of independent entries with standard
deviation s has its eigenvalues spread over a disc of radius s*sqrt(h), here
1/sqrt(3) ≈ 0.577, whatever h is. A freshly built RNN is therefore well inside the
vanishing regime: in the linear regime the gradient shrinks by about that factor per step.
"""

import math
import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# The circular law is a large-h limit; at h = 256 the largest eigenvalue modulus sits
# a few hundredths above it (0.58 to 0.61 over seeds 0..7).
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
