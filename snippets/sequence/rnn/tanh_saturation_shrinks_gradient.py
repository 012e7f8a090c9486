"""Outside its linear regime, tanh makes the gradient vanish even when rho = 1.

Each backward step multiplies by diag(tanh'(a_t)) as well as by W_hh^T, and
tanh'(a) = 1 - tanh(a)**2 is below 1 everywhere except at a = 0. So rho**t is only an
upper bound: once the inputs are large enough to push the pre-activations away from
zero, the per-step factor drops below rho. The network here is the one whose gradient
is exactly preserved with tiny inputs (W_hh orthogonal, rho = 1); only the input
scale changes, from 1e-6 to 1.

Conditions: hand-set weights (W_hh a random orthogonal 16×16 matrix, rho = 1, W_ih = I, zero biases; no training), the same white noise scaled to 1e-6 and to 1.0 over 51 steps; seeds 0-7; float32 (measured: fitted factor 0.57 to 0.64, 50-step factor 6e-13 to 3e-10).
"""

import math
import os

import numpy as np
import torch
from torch import nn

from snippets.sequence.rnn._rnn import scaled_orthogonal

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
generator = torch.Generator().manual_seed(SEED)

# --8<-- [start:saturated]
h, steps, rho = 16, 50, 1.0
rnn = nn.RNN(h, h, nonlinearity="tanh")
with torch.no_grad():
    rnn.weight_ih_l0.copy_(torch.eye(h))
    rnn.weight_hh_l0.copy_(scaled_orthogonal(h, rho, generator))  # every direction kept
    rnn.bias_ih_l0.zero_()
    rnn.bias_hh_l0.zero_()
readout = torch.randn(h, generator=generator)
noise = torch.randn(steps + 1, 1, h, generator=generator)  # (time, batch, h)

fitted, factor = {}, {}
for scale in (1e-6, 1.0):
    x = (scale * noise).requires_grad_()
    outputs, h_last = rnn(x)  # (time, batch, h), (layers, batch, h)
    (h_last[0, 0] @ readout).backward()
    norms = x.grad[:, 0].norm(dim=1).flip(0).double().numpy()  # t = 0 .. steps back
    slope, _ = np.polyfit(np.arange(steps + 1), np.log(norms), 1)
    fitted[scale], factor[scale] = math.exp(slope), norms[steps] / norms[0]

assert abs(fitted[1e-6] - rho) < 1e-5, f"linear regime: fitted {fitted[1e-6]:.6f}, expected {rho}"
assert fitted[1.0] < 0.75, (
    f"saturated: fitted per-step factor {fitted[1.0]:.3f}, expected below 0.75"
)
assert factor[1.0] < 1e-8, f"saturated: 50-step factor {factor[1.0]:.2e}, expected below 1e-8"
# --8<-- [end:saturated]
