"""torch stacks the GRU's chunks as reset, update, candidate.

With every weight at zero except W_hn = I (so that the candidate can read the old
state), setting one chunk of the bias and watching one step shows which chunk is which
(a bias of ±30 saturates a sigmoid to 1 or 0):

* chunk 1 open makes the layer copy its state unchanged: the update gate z;
* chunk 0 decides whether the candidate sees the old state at all: the reset gate r;
* chunk 2 is the candidate itself and can be negative: it goes through tanh.

Conditions: hand-set weights (all zero but W_hn = I, one bias chunk at a time set to ±30 or ±0.7; no training), one step of zero input from a fixed state, hidden size 3; no randomness; float32, tolerance 1e-6.
"""

import math

import torch
from torch import nn

OPEN, SHUT = 30.0, -30.0  # sigmoid(±30) is 1 or 0 to float32 precision
TOL = 1e-6

# --8<-- [start:order]
h = 3
gru = nn.GRU(1, h)
x = torch.zeros(1, 1, 1)  # (time, batch, features): one step
h0 = torch.tensor([[[0.5, -0.2, 0.9]]])  # (layers, batch, hidden)


def one_step(chunk_biases: list[float], h_start: torch.Tensor = h0) -> torch.Tensor:
    """One step with zero input weights, W_hn = identity, and bias chunk k = chunk_biases[k]."""
    with torch.no_grad():
        for p in gru.parameters():
            p.zero_()
        gru.weight_hh_l0[2 * h :] = torch.eye(h)  # chunk 2 reads the old state as it is
        gru.bias_ih_l0.copy_(torch.tensor(chunk_biases).repeat_interleave(h))
        _, h1 = gru(x, h_start)
    return h1


# chunk 1 = update: open copies the state unchanged, whatever the other two chunks hold
for reset, candidate in [(OPEN, 0.0), (SHUT, -0.7), (0.0, 0.7)]:
    gap = (one_step([reset, OPEN, candidate]) - h0).abs().max().item()
    assert gap < TOL, f"update open, reset {reset}, candidate {candidate}: state moved by {gap:.2g}"

# chunk 0 = reset: with the update gate shut, open lets the old state into the candidate,
# shut makes the candidate forget it (the output no longer depends on h0)
assert torch.allclose(one_step([OPEN, SHUT, 0.0]), torch.tanh(h0), atol=TOL)
assert one_step([SHUT, SHUT, 0.0]).abs().max() < TOL
assert one_step([SHUT, SHUT, 0.0], h_start=-h0).abs().max() < TOL

# chunk 2 = candidate: a negative bias comes through tanh
assert torch.allclose(one_step([SHUT, SHUT, -0.7]), torch.full_like(h0, math.tanh(-0.7)), atol=TOL)
# --8<-- [end:order]
