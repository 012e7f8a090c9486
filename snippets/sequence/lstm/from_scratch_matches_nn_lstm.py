"""A from-scratch LSTM cell, looped over time, reproduces `nn.LSTM` with the same weights.

`_lstm.lstm_forward` computes the gates from one stacked matrix product, cuts them
into four chunks in torch's order (input, forget, cell, output) and applies
c' = f*c + i*g, h' = o*tanh(c'). Given `nn.LSTM`'s own weights it gives the same
outputs and final states to float32 rounding. Read with any of the 23 other chunk
orders, the same weights give a different network: the order is part of the format.

Conditions: random weights at initialisation (no training); white-noise input of 25 steps × 3 sequences × 5 features, random initial states, hidden size 8; seeds 0-5; float32, agreement to 1e-5 (a wrong gate order is off by about 0.1).
"""

import itertools
import os

import torch
from torch import nn

from snippets.sequence.lstm._lstm import TORCH_ORDER, lstm_forward

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# float32 rounding over 25 steps stays below 1e-6; a wrong gate order is off by ~0.1
TOL = 1e-5

# --8<-- [start:match]
seq_len, batch, i, h = 25, 3, 5, 8
lstm = nn.LSTM(i, h)
x = torch.randn(seq_len, batch, i)  # (time, batch, features)
h0, c0 = torch.randn(1, batch, h), torch.randn(1, batch, h)  # (layers, batch, hidden)
weights = (lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0)

with torch.no_grad():
    want_out, (want_h, want_c) = lstm(x, (h0, c0))
    got_out, (got_h, got_c) = lstm_forward(x, h0[0], c0[0], *weights)

err = max((got_out - want_out).abs().max(), (got_c - want_c[0]).abs().max()).item()
assert err < TOL, f"from-scratch LSTM differs from nn.LSTM by {err:.2e}"
assert torch.allclose(got_h, want_h[0], atol=TOL)
# --8<-- [end:match]

# --8<-- [start:orders]
orders = ["".join(p) for p in itertools.permutations("ifgo")]
matching = []
with torch.no_grad():
    for order in orders:
        out, _ = lstm_forward(x, h0[0], c0[0], *weights, order=order)
        if (out - want_out).abs().max() < TOL:
            matching.append(order)
assert len(orders) == 24, f"{len(orders)} orders tried"
assert matching == [TORCH_ORDER] == ["ifgo"], f"orders that reproduce nn.LSTM: {matching}"
# --8<-- [end:orders]
