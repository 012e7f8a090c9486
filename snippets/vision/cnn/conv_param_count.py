"""A convolution's parameter count depends on its channels and kernel, not on the image.

`Conv2d(C_in, C_out, k)` holds C_out·C_in·k² weights and C_out biases, whatever the
height and width of its input. A fully connected layer that produces the same output
from the flattened image needs a weight for every (input value, output value) pair,
so its size grows with the fourth power of the side of the image.
"""

import torch
from torch import nn

# --8<-- [start:count]
c_in, c_out, k = 3, 64, 3
conv = nn.Conv2d(c_in, c_out, k, padding=1)
got = sum(p.numel() for p in conv.parameters())
expected = c_out * c_in * k * k + c_out  # weights + one bias per output channel
assert got == expected, f"expected {expected:,}, got {got:,}"
assert got == 1_792, f"the page states 1,792 parameters; the layer has {got:,}"
# --8<-- [end:count]

# --8<-- [start:dense]
# A dense layer from the flattened input (3·H·W values) to the flattened output
# (64·H·W values, since padding=1 keeps H×W): inputs·outputs weights + outputs biases.
expected_dense = {
    32: (3 * 32 * 32) * (64 * 32 * 32) + 64 * 32 * 32,  # 201,392,128
    224: (3 * 224 * 224) * (64 * 224 * 224) + 64 * 224 * 224,  # 483,388,358,656
}
for side, expected in expected_dense.items():
    x = torch.randn(1, c_in, side, side)  # (batch, channels, height, width)
    y = conv(x)  # (batch, 64, height, width)
    dense = nn.Linear(x.numel(), y.numel(), device="meta")  # counted, never allocated
    got_dense = sum(p.numel() for p in dense.parameters())
    assert got_dense == expected, f"{side}×{side}: expected {expected:,}, got {got_dense:,}"
    got_conv = sum(p.numel() for p in conv.parameters())
    assert got_conv == 1_792, f"{side}×{side}: the conv changed size: {got_conv:,}"
# --8<-- [end:dense]
