"""A partial convolution's output does not depend on what is inside the hole; an ordinary one's does.

The input is multiplied by the mask before the convolution, so whatever the hole holds
(zeros, noise, a mean colour, a huge value) is erased before any weight sees it. An
ordinary convolution reads the hole like any other pixel, which is why inpainting
networks built from it depend on how the hole was initialised (Liu et al., 2018, Fig. 2).

Conditions: random weights at initialisation copied into both modules, a white-noise
3×16×16 image with a 6×6 hole, float32; bit-for-bit equality; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:fill]
pconv = PartialConv2d(3, 8, 3, padding=1)
conv = nn.Conv2d(3, 8, 3, padding=1)
conv.load_state_dict(pconv.state_dict())
image = torch.randn(1, 3, 16, 16)  # (batch, channels, height, width)
mask = torch.ones(1, 1, 16, 16)
mask[..., 5:11, 5:11] = 0  # a 6×6 hole
hole = mask == 0

fills = {"zeros": 0.0, "noise": torch.randn(1, 3, 16, 16), "1,000": 1_000.0}
p_out, c_out = {}, {}
with torch.no_grad():
    for name, fill in fills.items():
        x = torch.where(hole, fill, image)  # the same image, another hole filling
        p_out[name], _ = pconv(x, mask)
        c_out[name] = conv(x)

for name in ("noise", "1,000"):
    assert torch.equal(p_out[name], p_out["zeros"]), f"partial conv moved with the fill {name}"
moved = (c_out["1,000"] - c_out["zeros"]).abs().max().item()
assert moved > 100, f"ordinary conv: expected a large change, got {moved:.1f}"
# --8<-- [end:fill]
