"""Dividing by sum(M) without guarding empty windows fills the middle of every large hole with NaN.

A window that lies entirely inside the hole has sum(M) = 0 and a masked input of zeros,
so a direct sum(1)/sum(M) rescaling computes 0 · 9/0 = NaN. The paper defines the output
there as 0 (and the reference module clamps the count before dividing). For a 6×6 hole
under a 3×3 kernel the empty windows are the (6 − 2)² = 16 inner positions, in every
output channel; one NaN then spreads through the next layer and into the loss.

Conditions: random weights at initialisation, bias-free, white-noise input of shape
1×3×16×16 with a 6×6 hole, float32; exact NaN counts; seeds 0-5.

Assumption: a window that sees no valid pixel outputs 0.
Broken by: computing sum(1)/sum(M) without guarding sum(M) = 0.
"""

import os

import torch
import torch.nn.functional as F

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:nan]
layer = PartialConv2d(3, 5, 3, padding=1, bias=False)
x = torch.randn(1, 3, 16, 16)  # (batch, channels, height, width)
mask = torch.ones(1, 1, 16, 16)
mask[..., 5:11, 5:11] = 0  # a 6×6 hole
with torch.no_grad():
    raw = F.conv2d(x * mask, layer.weight, None, 1, 1)  # Wᵀ(X⊙M)
    naive = raw * 9 / layer.mask_sum(mask)  # no guard: 0/0 where the window is all hole
    guarded, _ = layer(x, mask)

# The empty windows: centres at least k//2 = 1 pixel inside the hole (rows and columns 5..10),
# so rows and columns 6..9.
empty = torch.zeros(1, 5, 16, 16, dtype=torch.bool)  # (batch, out channels, height, width)
empty[..., 5 + 1 : 11 - 1, 5 + 1 : 11 - 1] = True
assert (torch.isnan(naive) == empty).all(), "NaN should appear exactly at the empty windows"
nan_per_channel = torch.isnan(naive).sum(dim=(0, 2, 3)).tolist()  # (out channels,)
assert nan_per_channel == 5 * [(6 - 2) ** 2] == 5 * [16], (
    f"expected 16 NaN per channel, got {nan_per_channel}"
)
assert not torch.isnan(guarded).any() and (guarded[empty] == 0.0).all(), (
    "the guarded layer should output 0, not NaN, at every empty window"
)
with torch.no_grad():  # one more ordinary layer: the NaN spreads to the neighbours
    spread = torch.isnan(F.conv2d(naive, torch.ones(5, 5, 3, 3), padding=1)).sum().item() / 5
assert spread == (6 - 2 + 2) ** 2 == 36, f"expected 36 NaN per channel after a layer, got {spread}"
# --8<-- [end:nan]
