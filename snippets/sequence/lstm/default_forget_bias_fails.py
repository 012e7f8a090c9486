"""At torch's default biases, the LSTM's cell state loses its gradient over 100 steps.

The cell path carries a gradient only as far as the product of the forget gates along
it. torch draws every bias from U(-1/sqrt(h), 1/sqrt(h)), so at initialisation the
forget gate sits near sigmoid(0) = 0.5 and the product over 100 steps is of the order
of 0.5**100 ≈ 1e-30: the same path that keeps 0.995 of the gradient with the forget
bias at +10 keeps nothing. Keras adds 1 to the forget bias by default
(`unit_forget_bias=True`, after Jozefowicz et al., 2015); torch does not.

A forget bias of 1 helps, but not over 100 steps: sigmoid(1) ≈ 0.73, and
sigmoid(1)**100 ≈ 2.5e-14 for a gate held exactly at sigmoid(1). The inputs and the
state move each unit's gate pre-activation around 1 (by a unit-wise offset of up to about
±1), and the product is dominated by the units pushed highest: the largest entry left is
1e-9 to 3e-6 over seeds 0..19, orders of magnitude above sigmoid(1)**100, and still nothing. A gate that keeps a gradient over T steps needs a bias near
log(T): the chrono initialisation of Tallec and Ollivier (2018) draws b_f = log(u), with
u uniform on [1, T - 1], and sets b_i = -b_f, so that some units forget over about T
steps; the slowest keeps about (u/(1+u))**100 ≈ 0.37 of its gradient.

Assumption: the forget gate starts open enough for the cell state to carry information forward.
Broken by: torch's default initialisation, which leaves the forget gate near 0.5.

Conditions: torch's default random initialisation (no training), then the forget bias set by hand to 1, then the chrono initialisation; white-noise inputs over 100 steps, hidden size 32; seeds 0-19; float32 (the largest entries measured: below 1e-19 at default biases, 9e-10 to 3e-6 with a forget bias of 1, 0.30 to 0.46 for chrono's slowest unit).
"""

import math
import os

import torch
from torch import nn

from snippets.sequence.lstm._lstm import state_jacobians

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # 100 tiny sequential steps: a second thread only adds hand-off cost

# --8<-- [start:default_bias]
steps, i, h = 100, 8, 32
x = torch.randn(steps, 1, i)  # (time, batch, features)
lstm = nn.LSTM(i, h)  # torch's defaults: every bias from U(-1/sqrt(h), 1/sqrt(h))

c0 = torch.randn(h)  # the cell state at step 0
jac = state_jacobians(lstm, x, c0, cell_state=True)[0]  # (hidden, hidden): d c_100 / d c_0
forget_bias = torch.sigmoid(lstm.bias_ih_l0[h : 2 * h] + lstm.bias_hh_l0[h : 2 * h])
most = 1 / (1 + math.exp(-2 / math.sqrt(h)))  # both biases at their largest draw, 1/sqrt(h)
assert forget_bias.max() < most, f"a forget gate's bias alone puts it at {forget_bias.max():.3f}"
assert jac.abs().max() < 1e-15, (
    f"at default biases the cell kept {jac.abs().max():.1e} of its gradient"
)
# --8<-- [end:default_bias]

# --8<-- [start:bias_one]
with torch.no_grad():
    lstm.bias_ih_l0[h : 2 * h] = 1.0  # Keras's unit_forget_bias: forget bias 1 ...
    lstm.bias_hh_l0[h : 2 * h] = 0.0  # ... and nothing else in the forget chunk
jac_one = state_jacobians(lstm, x, c0, cell_state=True)[0]
T = 100  # the sequence length, and the longest memory span chrono plans for
assert steps == T
predicted = (1 / (1 + math.exp(-1))) ** T  # sigmoid(1) ** 100, about 2.5e-14
# The gates fluctuate around sigmoid(1), so units pushed above it keep far more than
# sigmoid(1)**100: up to 3e-6 (seeds 0..19); 1e-4 leaves a margin of thirty.
kept = jac_one.abs().max()
assert predicted < 1e-13 and predicted < kept < 1e-4, (
    f"forget bias 1: predicted {predicted:.1e}, kept up to {kept:.1e}"
)

with torch.no_grad():  # chrono initialisation (Tallec and Ollivier, 2018)
    u = torch.empty(h).uniform_(1, T - 1)
    lstm.bias_ih_l0[h : 2 * h] = torch.log(u)  # forget bias log(u): units of every memory span
    lstm.bias_ih_l0[:h] = -torch.log(u)  # input gate the mirror image
    lstm.bias_hh_l0[: 2 * h] = 0.0
jac_chrono = state_jacobians(lstm, x, c0, cell_state=True)[0]
# The slowest unit has u near 99 (the largest of 32 draws is below 62 with probability
# 2e-7): its gates multiply to about (98/99)**100 = 0.37, far above 0.2.
assert jac_chrono.diagonal().max() > 0.2, f"chrono: at most {jac_chrono.diagonal().max():.3f} kept"
# --8<-- [end:bias_one]
