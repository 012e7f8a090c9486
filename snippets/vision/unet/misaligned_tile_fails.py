"""A tile that does not start at a multiple of 2**depth = 16 pixels gives a different output.

Shift a tile by `s` pixels and its pooling grids move by s, s/2, s/4, s/8 pixels at the
four levels. Unless s is a multiple of 16, some pooling groups different pixels than it
did on the whole image, and the stitched result no longer equals the full-image output.
An offset of 8 pixels only misaligns the deepest pooling, and the error is small in a
freshly initialised network, but it is there; an offset of 1 misaligns all four.

Conditions: random weights at initialisation (no training), a white-noise 252×252 image, depth 4, 4 base channels, unpadded; float64, aligned tiles equal within 1e-12, misaligned ones differ by more than 1e-9; seeds 0-5.

Assumption: the unpadded network commutes with shifts, so a tile's output is a piece of
the whole image's output.
Broken by: a tile offset that is not a multiple of 2**depth, which moves the pooling grids.
"""

import os

import torch

from snippets.vision.unet._unet import UNet

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64 rounding: any larger difference is a real one

# --8<-- [start:misaligned]
net = UNet(in_channels=1, num_classes=1, base_channels=4, depth=4, padding=0).double()
image = torch.randn(1, 1, 252, 252, dtype=torch.float64)  # (batch, channels, height, width)
with torch.no_grad():
    full = net(image)  # (batch, classes, 68, 68)
    errors = {}
    for offset in (16, 8, 1):
        tile = net(image[..., offset : offset + 220, offset : offset + 220])  # (1, 1, 36, 36)
        same = full[..., offset : offset + 36, offset : offset + 36]
        errors[offset] = (tile - same).abs().max().item()
assert errors[16] <= TOL, f"aligned tile differs by {errors[16]:.2e}"
assert errors[8] > 1_000 * TOL, f"offset 8: expected a real difference, got {errors[8]:.2e}"
assert errors[1] > 1_000 * TOL, f"offset 1: expected a real difference, got {errors[1]:.2e}"
# --8<-- [end:misaligned]
