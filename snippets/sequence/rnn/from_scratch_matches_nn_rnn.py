"""A loop of h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) is exactly `nn.RNN`.

Given the same four weight tensors and the same initial state, the explicit loop in
`_rnn.rnn_forward` and torch's fused `nn.RNN` produce the same states at every step,
to float32 rounding. That pins down what `nn.RNN` computes: one shared cell, applied
once per time step, with two bias vectors added together.

Conditions: random weights at initialisation (no training), white-noise input of 30 steps × 4 sequences × 6 features, hidden size 16; seeds 0-5; float32, agreement to 1e-5.
"""

import os

import torch
from torch import nn

from snippets.sequence.rnn._rnn import rnn_forward

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# float32 rounding over 30 steps of tanh stays far below this
TOL = 1e-5

# --8<-- [start:match]
seq_len, batch, i, h = 30, 4, 6, 16
rnn = nn.RNN(i, h)
x = torch.randn(seq_len, batch, i)  # (time, batch, features)
h0 = torch.randn(1, batch, h)  # (layers, batch, hidden)

with torch.no_grad():
    want_out, want_h = rnn(x, h0)  # (time, batch, hidden), (layers, batch, hidden)
    got_out, got_h = rnn_forward(
        x, h0[0], rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0
    )

err = (got_out - want_out).abs().max().item()
assert err < TOL, f"from-scratch states differ from nn.RNN by {err:.2e}"
assert torch.equal(got_h, got_out[-1]) and torch.allclose(got_h, want_h[0], atol=TOL)
# --8<-- [end:match]
