"""'Same' padding: for an odd kernel, p = d(k − 1)/2 on each side keeps H × W at stride 1.

The dilated kernel spans d(k − 1) + 1 pixels; padding d(k − 1)/2 on both sides makes
the formula give H back. For odd k that padding is a whole number, the same on both
sides, and torch's `padding="same"` is exactly it. For an even kernel at odd dilation the total d(k − 1)
is odd: torch pads one more pixel on the right and bottom than on the left and top.

Conditions: random weights (no training) on one white-noise input of shape 1×2×13×10,
float32, compared to 1e-5; odd kernels 1, 3, 5, 7 with dilations 1-3, even kernels 2
and 4 at dilation 1; seeds 0-5.
"""

import os
import warnings

import torch
import torch.nn.functional as F

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # same arithmetic, possibly another summation order
# torch notes that even kernels make it copy the input to pad it: true, and not the point here.
warnings.filterwarnings("ignore", message="Using padding='same' with even kernel")

# --8<-- [start:odd]
x = torch.randn(1, 2, 13, 10)  # (batch, channels, height, width)
for k in (1, 3, 5, 7):
    for d in (1, 2, 3):
        w = torch.randn(3, 2, k, k)
        same = F.conv2d(x, w, padding="same", dilation=d)
        explicit = F.conv2d(x, w, padding=d * (k - 1) // 2, dilation=d)
        assert same.shape[-2:] == x.shape[-2:] == (13, 10), (k, d, same.shape)
        assert torch.allclose(same, explicit, atol=TOL), f"k={k}, d={d}: 'same' is not symmetric padding"
# --8<-- [end:odd]

# --8<-- [start:even]
for k in (2, 4):
    w = torch.randn(3, 2, k, k)
    total = k - 1  # odd: cannot be split evenly
    left, right = total // 2, total - total // 2
    same = F.conv2d(x, w, padding="same")
    manual = F.conv2d(F.pad(x, (left, right, left, right)), w)
    assert right > left and right == left + 1, (left, right)
    assert torch.allclose(same, manual, atol=TOL), f"k={k}: torch should pad {left} before, {right} after"
    flipped = F.conv2d(F.pad(x, (right, left, right, left)), w)  # the other split: more before
    assert not torch.allclose(same, flipped, atol=TOL), f"k={k}: the reverse split matched too"
# --8<-- [end:even]
