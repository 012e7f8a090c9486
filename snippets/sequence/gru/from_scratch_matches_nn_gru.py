"""A from-scratch GRU cell, looped over time, reproduces `nn.GRU` with the same weights.

`_gru.gru_forward` cuts the stacked weights into torch's three chunks (reset, update,
candidate), applies the reset gate to W_hn h + b_hn (after the product, as torch
does) and mixes h' = (1 - z) * n + z * h. With `nn.GRU`'s own weights it gives the
same outputs to float32 rounding.

Conditions: random weights at initialisation (no training); white-noise input of 25 steps × 3 sequences × 5 features, a random initial state, hidden size 8; seeds 0-5; float32, agreement to 1e-5.
"""

import os

import torch
from torch import nn

from snippets.sequence.gru._gru import gru_forward

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 rounding over 25 steps stays below 1e-6

# --8<-- [start:match]
seq_len, batch, i, h = 25, 3, 5, 8
gru = nn.GRU(i, h)
x = torch.randn(seq_len, batch, i)  # (time, batch, features)
h0 = torch.randn(1, batch, h)  # (layers, batch, hidden)
weights = (gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0)

with torch.no_grad():
    want_out, want_h = gru(x, h0)  # (time, batch, hidden), (layers, batch, hidden)
    got_out, got_h = gru_forward(x, h0[0], *weights)

err = (got_out - want_out).abs().max().item()
assert err < TOL, f"from-scratch GRU differs from nn.GRU by {err:.2e}"
assert torch.allclose(got_h, want_h[0], atol=TOL)
# --8<-- [end:match]
