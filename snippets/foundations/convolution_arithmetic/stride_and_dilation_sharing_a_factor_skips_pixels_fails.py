"""A stride and a dilation with a common factor skip whole rows and columns of pixels.

`Conv2d(kernel_size=3, stride=2, dilation=2)` on a 33 × 33 input, no padding: the window
spans d(k − 1) + 1 = 5 pixels, so the formula gives ⌊(33 − 5) / 2⌋ + 1 = 15 outputs per
side, and the last window ends on the last pixel: the floor drops nothing. Yet window i
starts at pixel 2i and its taps sit 2 apart, so every tap lands on an even position. The
pixels in odd rows or odd columns, three in four, reach no output at all and receive no
gradient. It is the "gridding" of dilated convolutions, made total by the stride.

Assumption: every input pixel reaches some output.
Broken by: a stride and a dilation with a common factor (here both 2), which puts every
tap of every window on the same sub-grid of the input.

Conditions: one `nn.Conv2d(1, 1, 3, stride=2, dilation=2)` with random weights (no
training), one white-noise 33 × 33 input, no padding; sizes are exact integers and the
unread pixels' gradient is exactly zero; seeds 0-9.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
H, k, s, d = 33, 3, 2, 2  # an odd side; kernel, stride and dilation
conv = nn.Conv2d(1, 1, kernel_size=k, stride=s, dilation=d)
x = torch.randn(1, 1, H, H, requires_grad=True)  # (batch, channels, height, width)
y = conv(x)  # (1, 1, 15, 15)
y.sum().backward()

out = (H - d * (k - 1) - 1) // s + 1  # the output-size formula, no padding
assert tuple(y.shape[-2:]) == (out, out) == (15, 15), f"formula {out}, torch {tuple(y.shape)}"
assert s * (out - 1) + d * (k - 1) == H - 1, "the last window should end on the last pixel"

# By hand: window i starts at pixel s·i, and its taps sit d apart.
reached = sorted({s * i + d * j for i in range(out) for j in range(k)})
read = x.grad[0, 0] != 0  # (33, 33): True where a pixel reaches some output
rows_read = [r for r in range(H) if read[r].any()]
assert rows_read == reached == list(range(0, H, 2)), f"rows read {rows_read}, by hand {reached}"
assert read.sum().item() == len(reached) ** 2 == 289, f"{read.sum().item()} pixels read"
assert (~read).sum().item() == H * H - 289 == 800, f"{(~read).sum().item()} pixels unread"
# --8<-- [end:check]
