"""torch's two LSTM bias vectors act only through their sum, which is why Keras keeps one.

Every gate's pre-activation is W_i x + b_i + W_h h + b_h: the two biases are always
added together, so (b_ih, b_hh) and (b_ih + b_hh, 0) give the same network, to the
last bit. That is the correct way to load a Keras LSTM, whose single `bias` plays the
role of the sum, into torch.

Conditions: random weights at initialisation (no training); white-noise input of 12 steps × 5 features, hidden size 8; seeds 0-5; float32, agreement to 1e-6.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-6  # float32 rounding of one extra addition per gate

seq_len, i, h = 12, 5, 8
x = torch.randn(seq_len, 1, i)  # (time, batch, features)
lstm = nn.LSTM(i, h)
with torch.no_grad():
    reference, _ = lstm(x)  # (time, batch, hidden)
    keras_bias = lstm.bias_ih_l0 + lstm.bias_hh_l0  # what a Keras layer would store

# --8<-- [start:merged]
merged = nn.LSTM(i, h)
with torch.no_grad():
    merged.load_state_dict(lstm.state_dict())
    merged.bias_ih_l0.copy_(keras_bias)  # the whole bias in one vector
    merged.bias_hh_l0.zero_()  # and nothing in the other
    out_merged, _ = merged(x)
err = (out_merged - reference).abs().max().item()
assert err < TOL, f"merging the biases changed the outputs by {err:.2e}"
# --8<-- [end:merged]
