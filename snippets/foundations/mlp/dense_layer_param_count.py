"""A dense layer holds one weight per (input, output) pair plus one bias per output.

`nn.Linear(n_in, n_out)` has `n_in * n_out + n_out` parameters: every output unit is
connected to every input value. An MLP's size is the sum of its layers' sizes; the
activations between them add nothing.

Conditions: exact integer counts of freshly built modules; no data, no training.
"""

from torch import nn

# --8<-- [start:layer]
n_in, n_out = 784, 256  # a flattened 28×28 grey image into 256 hidden units
layer = nn.Linear(n_in, n_out)
got = sum(p.numel() for p in layer.parameters())
expected = n_in * n_out + n_out  # a weight per (input, output) pair + a bias per output
assert got == expected == 200_960, f"expected {expected:,}, got {got:,}"
# --8<-- [end:layer]

# --8<-- [start:mlp]
widths = [784, 256, 10]  # input, hidden, classes
mlp = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
got_mlp = sum(p.numel() for p in mlp.parameters())
expected_mlp = sum(a * b + b for a, b in zip(widths[:-1], widths[1:], strict=True))  # ReLU has none
assert got_mlp == expected_mlp == 203_530, f"expected {expected_mlp:,}, got {got_mlp:,}"
# --8<-- [end:mlp]
