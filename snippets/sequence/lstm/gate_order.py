"""torch stacks the LSTM's gates in the order input, forget, cell, output.

With every weight set to zero, each gate is just the sigmoid (or tanh) of its bias,
so setting one chunk of the bias and watching one step reveals which gate that chunk
is. A bias of ±30 saturates a sigmoid to 1 or 0 (to within 1e-13).

* chunk 1 decides whether the old cell state survives: the forget gate;
* chunk 0 decides whether new content is written: the input gate;
* chunk 2 *is* the new content, and can be negative, so it goes through tanh, not
  a sigmoid: the cell candidate g;
* chunk 3 hides or shows the cell state in h without changing c: the output gate.

Conditions: hand-set weights (all zero, one bias chunk at a time set to ±30 or ±0.7; no training), one step of zero input, hidden size 3; no randomness; float32, tolerance 1e-6.
"""

import math

import torch
from torch import nn

# sigmoid(30) = 1 - 9.4e-14: gates saturated to float32 precision
OPEN, SHUT = 30.0, -30.0
TOL = 1e-6

# --8<-- [start:order]
h = 3
lstm = nn.LSTM(1, h)
c0 = torch.tensor([[[0.5, -0.2, 0.9]]])  # (layers, batch, hidden)
h0 = torch.zeros(1, 1, h)
x = torch.zeros(1, 1, 1)  # (time, batch, features): one step


def one_step(chunk_biases: list[float]) -> tuple[torch.Tensor, torch.Tensor]:
    """Run one step with zero weights and bias chunk k set to chunk_biases[k]."""
    with torch.no_grad():
        for p in lstm.parameters():
            p.zero_()
        lstm.bias_ih_l0.copy_(torch.tensor(chunk_biases).repeat_interleave(h))
        _, (h1, c1) = lstm(x, (h0, c0))
    return h1, c1


# chunk 1 = forget: open keeps c0 exactly, shut erases it
_, c_kept = one_step([SHUT, OPEN, 0.0, OPEN])
_, c_erased = one_step([SHUT, SHUT, 0.0, OPEN])
assert torch.allclose(c_kept, c0, atol=TOL) and c_erased.abs().max() < TOL

# chunk 0 = input: open writes tanh(chunk 2) into the erased cell, shut writes nothing
_, c_written = one_step([OPEN, SHUT, 0.7, OPEN])
_, c_blocked = one_step([SHUT, SHUT, 0.7, OPEN])
assert torch.allclose(c_written, torch.full_like(c0, math.tanh(0.7)), atol=TOL)
assert c_blocked.abs().max() < TOL

# chunk 2 = cell candidate: a negative value comes through, so it is tanh, not sigmoid
_, c_negative = one_step([OPEN, SHUT, -0.7, OPEN])
assert torch.allclose(c_negative, torch.full_like(c0, math.tanh(-0.7)), atol=TOL)

# chunk 3 = output: shut hides the kept cell state from h, open shows tanh(c)
h_hidden, c_still = one_step([SHUT, OPEN, 0.0, SHUT])
h_shown, _ = one_step([SHUT, OPEN, 0.0, OPEN])
assert h_hidden.abs().max() < TOL and torch.allclose(c_still, c0, atol=TOL)
assert torch.allclose(h_shown, torch.tanh(c0), atol=TOL)
# --8<-- [end:order]
