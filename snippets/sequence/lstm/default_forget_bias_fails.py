"""At torch's default biases, the LSTM's cell state loses its gradient over 100 steps.

The cell path carries a gradient only as far as the product of the forget gates along
it. torch draws every bias from U(-1/sqrt(h), 1/sqrt(h)), so at initialisation the
forget gate sits near sigmoid(0) = 0.5 and the product over 100 steps is of the order
of 0.5**100 ≈ 1e-30: the same path that keeps 0.995 of the gradient with the forget
bias at +10 keeps nothing. Keras adds 1 to the forget bias by default
(`unit_forget_bias=True`, after Jozefowicz et al., 2015); torch does not.

Assumption: the forget gate starts open enough for the cell state to carry information forward.
Broken by: torch's default initialisation, which leaves the forget gate near 0.5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # 100 tiny sequential steps: a second thread only adds hand-off cost

# --8<-- [start:default_bias]
steps, i, h = 100, 8, 32
x = torch.randn(steps, 1, i)  # (time, batch, features)
lstm = nn.LSTM(i, h)  # torch's defaults: every bias from U(-1/sqrt(h), 1/sqrt(h))


def last_cell_state(c0: torch.Tensor) -> torch.Tensor:
    return lstm(x, (torch.zeros(1, 1, h), c0.view(1, 1, h)))[1][1].view(h)


jac = torch.autograd.functional.jacobian(last_cell_state, torch.randn(h), vectorize=True)
forget_gates = torch.sigmoid(lstm.bias_ih_l0[h : 2 * h] + lstm.bias_hh_l0[h : 2 * h])
assert forget_gates.max() < 0.62, f"a forget gate starts at {forget_gates.max():.2f}"
assert jac.abs().max() < 1e-15, (
    f"at default biases the cell kept {jac.abs().max():.1e} of its gradient"
)
# --8<-- [end:default_bias]
