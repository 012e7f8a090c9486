"""Loading a Keras LSTM's single bias into both of torch's bias vectors changes the network.

torch adds two bias vectors to every gate, b_ih and b_hh; Keras keeps one, `bias`,
which plays the role of their sum. The correct port puts it in one torch vector and
zeros in the other. Copying it into both, an easy slip because both torch vectors have
the Keras bias's shape (4h,), counts it twice: every gate's bias doubles, the forget
gate's +1 initial offset becomes +2, and the outputs move.

Assumption: the two torch bias vectors together hold exactly the bias the Keras layer learnt.
Broken by: copying Keras's single bias into both vectors, which doubles every gate's bias.

Conditions: random weights at initialisation (no training) standing in for a ported Keras layer; white-noise input of 12 steps × 5 features, hidden size 8; seeds 0-5; outputs moved by more than 10% of their norm (34% to 87% measured).
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# A doubled bias moves the outputs by 34% to 87% of their norm (seeds 0..15)
BROKEN = 0.1

seq_len, i, h = 12, 5, 8
x = torch.randn(seq_len, 1, i)  # (time, batch, features)
lstm = nn.LSTM(i, h)
with torch.no_grad():
    reference, _ = lstm(x)  # (time, batch, hidden)
    keras_bias = lstm.bias_ih_l0 + lstm.bias_hh_l0  # what a Keras layer would store

# --8<-- [start:doubled]
doubled = nn.LSTM(i, h)
with torch.no_grad():
    doubled.load_state_dict(lstm.state_dict())
    doubled.bias_ih_l0.copy_(keras_bias)  # the Keras bias ...
    doubled.bias_hh_l0.copy_(keras_bias)  # ... copied into both vectors: counted twice
    out_doubled, _ = doubled(x)
moved = ((out_doubled - reference).norm() / reference.norm()).item()
assert moved > BROKEN, f"doubling the bias moved the outputs by only {moved:.1%} of their norm"
# --8<-- [end:doubled]
