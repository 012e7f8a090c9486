"""A strided convolution maps several input sides to one output side; the
transposed convolution with the same arguments must pick one of them, and
`output_padding` is how it picks.

`Conv2d(k=3, s=2, p=1)` floors: sides 31 and 32 both become 16. Going back up,
`ConvTranspose2d(k=3, s=2, p=1)` gives 31 with `output_padding=0` and 32 with
`output_padding=1`. A decoder that must mirror an encoder pixel for pixel needs
the right choice, or its skip connections will not line up.
Conditions: shapes only (random weights and inputs, no training); exact; torch 2.13 shape rules.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:ambiguity]
down = nn.Conv2d(1, 1, kernel_size=3, stride=2, padding=1)
for side in (31, 32):
    small = down(torch.randn(1, 1, side, side))  # (batch, channels, 16, 16)
    expected = (side + 2 * 1 - 3) // 2 + 1  # floor((H + 2p − k) / s) + 1
    got = tuple(small.shape)
    assert got == (1, 1, expected, expected) == (1, 1, 16, 16), f"side {side}: expected {expected}, got {got}"

x = torch.randn(1, 1, 16, 16)  # (batch, channels, height, width)
for output_padding, wanted in ((0, 31), (1, 32)):
    up = nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2, padding=1, output_padding=output_padding)
    got = tuple(up(x).shape)
    expected = (16 - 1) * 2 - 2 * 1 + (3 - 1) + output_padding + 1
    assert got == (1, 1, expected, expected) == (1, 1, wanted, wanted), (
        f"output_padding={output_padding}: expected {wanted}, got {got}"
    )
# --8<-- [end:ambiguity]
