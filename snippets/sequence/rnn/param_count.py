"""An RNN's parameter count depends on its widths, not on the length of the sequence.

`nn.RNN(i, h)` holds one input matrix (h×i), one recurrent matrix (h×h) and, in
torch, two bias vectors of size h: h(i + h) + 2h parameters. The same weights are
applied at every time step, so a sequence of 5 steps and one of 500 steps are read
by the very same 640 numbers. A stacked layer reads the h-wide states of the layer
below, so its input width is h, not i.

Conditions: exact integer counts, no training; white-noise input only to run the layer; any seed.
"""

import torch
from torch import nn

# --8<-- [start:count]
i, h = 10, 20
rnn = nn.RNN(i, h)
expected = h * (i + h) + 2 * h  # W_ih, W_hh, b_ih, b_hh
for seq_len in (5, 500):
    x = torch.randn(seq_len, 1, i)  # (time, batch, features)
    outputs, h_n = rnn(x)  # (time, batch, h), (layers, batch, h)
    got = sum(p.numel() for p in rnn.parameters())
    assert outputs.shape == (seq_len, 1, h), f"unexpected output shape {tuple(outputs.shape)}"
    assert got == expected == 640, f"length {seq_len}: expected {expected:,}, got {got:,}"
# --8<-- [end:count]

# --8<-- [start:stacked]
stacked = nn.RNN(i, h, num_layers=2)
got_stacked = sum(p.numel() for p in stacked.parameters())
layer_2 = h * (h + h) + 2 * h  # the second layer reads the first layer's h-wide states
assert got_stacked == expected + layer_2 == 1_480, (
    f"expected {expected + layer_2:,}, got {got_stacked:,}"
)
# --8<-- [end:stacked]
