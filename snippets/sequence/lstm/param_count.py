"""An LSTM layer's parameter count: torch keeps two bias vectors, Keras one.

Each of the four gates has an input matrix (h×i), a recurrent matrix (h×h) and a
bias. torch stores two biases per gate, `bias_ih` and `bias_hh` (cuDNN's layout),
so a layer holds 4h(i + h) + 8h parameters. Keras's `LSTMCell.build` creates a
`kernel` of shape (i, 4h), a `recurrent_kernel` of shape (h, 4h) and a single `bias`
of shape (4h,): 4h(i + h) + 4h. The difference is exactly one redundant bias vector.

A bidirectional layer is two independent layers, one reading the sequence forwards
and one backwards, so it holds twice the parameters; a second layer stacked on it
reads the concatenated 2h-wide states.

Conditions: exact integer counts, no training, no data; Keras's shapes as written in keras/src/layers/rnn/lstm.py (Keras 3).
"""

import math

from torch import nn

# --8<-- [start:torch_vs_keras]
i, h = 10, 20
lstm = nn.LSTM(i, h)
got = sum(p.numel() for p in lstm.parameters())
torch_formula = 4 * h * (i + h) + 8 * h  # four gates, each with W_i*, W_h*, b_i*, b_h*
assert got == torch_formula == 2_560, f"expected {torch_formula:,}, got {got:,}"

# Keras 3, keras/src/layers/rnn/lstm.py, LSTMCell.build: the shapes of its three weights
keras_shapes = {"kernel": (i, 4 * h), "recurrent_kernel": (h, 4 * h), "bias": (4 * h,)}
keras_count = sum(math.prod(shape) for shape in keras_shapes.values())
keras_formula = 4 * h * (i + h) + 4 * h
assert keras_count == keras_formula == 2_480, f"expected {keras_formula:,}, got {keras_count:,}"
assert got - keras_count == lstm.bias_hh_l0.numel() == 80, "the difference is one bias vector"
# --8<-- [end:torch_vs_keras]

# --8<-- [start:bidirectional]
bi = nn.LSTM(i, h, bidirectional=True)
got_bi = sum(p.numel() for p in bi.parameters())
assert got_bi == 2 * torch_formula == 5_120, f"expected {2 * torch_formula:,}, got {got_bi:,}"
# --8<-- [end:bidirectional]

# --8<-- [start:stacked]
stacked = nn.LSTM(i, h, num_layers=2, bidirectional=True)
got_stacked = sum(p.numel() for p in stacked.parameters())
layer_2 = 2 * (4 * h * (2 * h + h) + 8 * h)  # two directions, each reading 2h-wide inputs
assert got_stacked == got_bi + layer_2 == 15_040, (
    f"expected {got_bi + layer_2:,}, got {got_stacked:,}"
)
# --8<-- [end:stacked]
