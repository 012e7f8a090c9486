"""A convolution's parameter count depends on its channels and kernel, not on the image.

`Conv2d(C_in, C_out, k)` holds C_out·C_in·k² weights and C_out biases, whatever the
height and width of its input. A fully connected layer that does the convolution's job
(it maps the flattened image to a feature map of the same size) needs a weight for every
(input value, output value) pair: with n pixels that is (C_in·n)·(C_out·n), so it grows
with the square of the number of pixels, the fourth power of the side. A dense layer to a
fixed number of hidden units, the usual first layer of an MLP, grows only linearly in
the number of pixels.

Conditions: exact integer counts, no training, no data; the dense layers are counted on
the meta device, never allocated.
"""

import torch
from torch import nn

# --8<-- [start:count]
c_in, c_out, k = 3, 64, 3
conv = nn.Conv2d(c_in, c_out, k, padding=1)
got = sum(p.numel() for p in conv.parameters())
expected = c_out * c_in * k * k + c_out  # weights + one bias per output channel
assert got == expected == 1_792, f"expected {expected:,}, got {got:,}"
# --8<-- [end:count]

# --8<-- [start:dense]
# A dense layer from the flattened input (3·H·W values) to the flattened output
# (64·H·W values, since padding=1 keeps H×W): inputs·outputs weights + outputs biases.
same_size = {}
for side in (32, 224):
    x = torch.randn(1, c_in, side, side)  # (batch, channels, height, width)
    y = conv(x)  # (batch, 64, height, width): the same height and width
    dense = nn.Linear(x.numel(), y.numel(), device="meta")  # counted, never allocated
    same_size[side] = sum(p.numel() for p in dense.parameters())
    expected = (c_in * side * side) * (c_out * side * side) + c_out * side * side
    assert same_size[side] == expected, f"{side}×{side}: expected {expected:,}, got {same_size[side]:,}"
    assert sum(p.numel() for p in conv.parameters()) == 1_792, "the conv does not change size"
assert same_size[32] == 201_392_128 and same_size[224] == 483_388_358_656, same_size

pixel_growth = (224 * 224) / (32 * 32)  # 49 times the pixels
weight_growth = same_size[224] / same_size[32]
assert pixel_growth == 49, pixel_growth
assert round(weight_growth) == 2_400, f"expected about 49² = 2,401 times the weights, got {weight_growth:,.1f}"
assert weight_growth > 0.97 * pixel_growth**2, "quadratic in the pixel count (the biases add a linear term)"
# --8<-- [end:dense]

# --8<-- [start:fixed_width]
# The first layer of an MLP: the flattened image to a fixed 256 hidden units.
hidden = 256
fixed = {side: sum(p.numel() for p in nn.Linear(c_in * side * side, hidden, device="meta").parameters())
         for side in (32, 224)}
assert fixed[224] == c_in * 224 * 224 * hidden + hidden == 38_535_424, f"got {fixed[224]:,}"
fixed_growth = fixed[224] / fixed[32]
assert round(fixed_growth, 1) == 49.0, f"expected about 49 times the weights, got {fixed_growth:.2f}"
# --8<-- [end:fixed_width]
