"""A GRU layer holds 3h(i + h) + 6h parameters in torch: three quarters of an LSTM's.

A GRU has three chunks (reset gate, update gate, candidate state) where an LSTM has
four, each with an input matrix (h×i), a recurrent matrix (h×h) and, in torch, two
bias vectors. So GRU/LSTM = 3/4 exactly, for every input and hidden size.

Keras's `GRUCell.build` (keras/src/layers/rnn/gru.py) creates a `kernel` (i, 3h), a
`recurrent_kernel` (h, 3h) and a `bias` of shape (2, 3h) when `reset_after=True`
(its default, the torch/cuDNN form), or (3h,) when `reset_after=False` (the paper's
form). Only the default matches torch's count.

Conditions: exact integer counts on the meta device, no training, no data; Keras's shapes as written in keras/src/layers/rnn/gru.py (Keras 3).
"""

import math

from torch import nn

# --8<-- [start:count]
i, h = 10, 20
gru = nn.GRU(i, h)
got = sum(p.numel() for p in gru.parameters())
expected = 3 * h * (i + h) + 6 * h  # three chunks, each with W_i*, W_h*, b_i*, b_h*
assert got == expected == 1_920, f"expected {expected:,}, got {got:,}"
# --8<-- [end:count]

# --8<-- [start:vs_lstm]
for i, h in [(10, 20), (1, 1), (300, 128), (64, 1024)]:
    n_gru = sum(p.numel() for p in nn.GRU(i, h, device="meta").parameters())
    n_lstm = sum(p.numel() for p in nn.LSTM(i, h, device="meta").parameters())
    assert n_gru / n_lstm == 0.75, f"i={i}, h={h}: GRU {n_gru:,} / LSTM {n_lstm:,}"
# --8<-- [end:vs_lstm]

# --8<-- [start:keras]
i, h = 10, 20
keras_after = {"kernel": (i, 3 * h), "recurrent_kernel": (h, 3 * h), "bias": (2, 3 * h)}
keras_before = {"kernel": (i, 3 * h), "recurrent_kernel": (h, 3 * h), "bias": (3 * h,)}
count_after = sum(math.prod(shape) for shape in keras_after.values())
count_before = sum(math.prod(shape) for shape in keras_before.values())
assert count_after == got == 1_920, f"reset_after=True: {count_after:,}, torch {got:,}"
assert count_before == 3 * h * (i + h) + 3 * h == 1_860, f"reset_after=False: {count_before:,}"
# --8<-- [end:keras]
