"""A depthwise convolution never mixes channels; the pointwise step is what mixes them.

Change one pixel of one input channel. After the depthwise k×k step only that
channel's output moves, and only at the k² positions whose window covers the pixel.
After the pointwise 1×1 step the same k² positions move in every output channel:
the pair reaches as far as a standard k×k convolution, but it gets there by
filtering each channel alone and then mixing per pixel.
Conditions: random weights at initialisation (no training, no tap exactly zero), white-noise input of shape 1×4×12×12, a poke of +1 at pixel (6, 6), away from the border; an output counts as reached if its value changes at all (exact float comparison); seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
c_in, c_out, k = 4, 8, 3
depthwise = nn.Conv2d(c_in, c_in, k, padding=1, groups=c_in, bias=False)
pointwise = nn.Conv2d(c_in, c_out, 1, bias=False)

x = torch.randn(1, c_in, 12, 12)  # (batch, channels, height, width)
x_poked = x.clone()
x_poked[0, 2, 6, 6] += 1.0  # one pixel of input channel 2

with torch.no_grad():
    dw_moved = (depthwise(x_poked) - depthwise(x)).abs() > 0  # (1, 4, 12, 12)
    pw_moved = (pointwise(depthwise(x_poked)) - pointwise(depthwise(x))).abs() > 0  # (1, 8, 12, 12)

moved_channels = dw_moved[0].flatten(1).any(dim=1).nonzero().flatten().tolist()
assert moved_channels == [2], f"only channel 2 should move after the depthwise step, got {moved_channels}"
assert int(dw_moved.sum()) == k * k == 9, f"expected {k * k} moved values, got {int(dw_moved.sum())}"
assert int(pw_moved.sum()) == c_out * k * k == 72, f"expected {c_out * k * k}, got {int(pw_moved.sum())}"
# --8<-- [end:check]
