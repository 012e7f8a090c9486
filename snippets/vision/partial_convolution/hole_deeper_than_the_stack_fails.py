"""Failure mode: a stack of partial convolutions cannot fill a hole deeper than it has
layers, however it is trained.

Each k×k layer moves the valid region k//2 pixels into the hole, so three 3×3 layers
reach three pixels deep. A network of three layers is trained to inpaint smooth
synthetic images (a grey level and a faint vertical ramp) with 6×6 holes, which it can
close. Given a 10×10 hole, it fills the outer ring of the hole like the holes it was
trained on, but the central 4×4 pixels are still marked as hole after the last layer:
the equation outputs exactly 0 there (no valid pixel in the window), an error of the
whole grey level, and no amount of training can change that.

Conditions: trained 60 Adam steps (lr 0.02), 16 fresh synthetic 16×16 images per step
with one 6×6 hole each; three `PartialConv2d` layers of 4 channels with ReLUs between;
tested on 64 images with a 10×10 hole; reached hole pixels had a mean absolute error of
0.06-0.17 over seeds 0-7, asserted below 0.25; unreached ones exactly 0.

Assumption: holes are finite: the stack has enough layers for its deepest hole pixel.
Broken by: a hole deeper than the number of layers times k // 2.
"""

import os

import torch
from torch import nn

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SIDE, STEPS = 16, 60


def images(n: int, hole: int) -> tuple[torch.Tensor, torch.Tensor]:
    """n smooth images (n, 1, 16, 16) and masks with one square hole of side `hole` each."""
    grey = 0.5 + torch.rand(n, 1, 1, 1)  # a grey level in [0.5, 1.5)
    ramp = 0.01 * torch.randn(n, 1, 1, 1) * torch.arange(float(SIDE)).view(1, 1, SIDE, 1)
    image = (grey + ramp).expand(n, 1, SIDE, SIDE).clone()  # (batch, channels, height, width)
    mask = torch.ones(n, 1, SIDE, SIDE)
    for i in range(n):
        top, left = torch.randint(2, SIDE - 2 - hole, (2,)).tolist()
        mask[i, :, top:top + hole, left:left + hole] = 0
    return image, mask


layers = nn.ModuleList([PartialConv2d(1, 4, 3, padding=1), PartialConv2d(4, 4, 3, padding=1),
                        PartialConv2d(4, 1, 3, padding=1)])


def inpaint(x: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    for i, layer in enumerate(layers):
        x, mask = layer(x, mask)
        if i < len(layers) - 1:
            x = torch.relu(x)
    return x, mask


# --8<-- [start:check]
opt = torch.optim.Adam(layers.parameters(), lr=0.02)
for _ in range(STEPS):  # trained on holes it can close: ⌈6 / 2⌉ = 3 layers
    image, mask = images(16, hole=6)
    out, _ = inpaint(image * mask, mask)
    opt.zero_grad()
    ((out - image) ** 2).mean().backward()
    opt.step()

image, mask = images(64, hole=10)  # deeper than three 3×3 layers can reach
with torch.no_grad():
    out, final_mask = inpaint(image * mask, mask)
hole = mask == 0
reached, unreached = hole & (final_mask == 1), hole & (final_mask == 0)
per_image = unreached.sum(dim=(1, 2, 3))  # (64,)
reached_error = (out - image).abs()[reached].mean().item()
assert per_image.unique().tolist() == [16], f"a 4×4 centre should stay unreached: {per_image.unique().tolist()}"
assert reached_error < 0.25, f"the reached ring of the hole should be filled: mean error {reached_error:.3f}"
assert torch.equal(out[unreached], torch.zeros_like(out[unreached])), "unreached pixels should output exactly 0"
assert (image[unreached] >= 0.25).all(), "so their error is the whole grey level"
# --8<-- [end:check]
