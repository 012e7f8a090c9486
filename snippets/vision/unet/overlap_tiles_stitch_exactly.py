"""Tiles of the unpadded U-Net stitch into the full-image output exactly, if aligned to 16.

Because no convolution is padded, an output pixel depends on input pixels only, never on
a border of zeros: the network is a sliding function of its input. Cutting a large image
into overlapping input tiles (each 184 pixels larger than its output tile) and running them
one by one gives the output of the whole image, which is the paper's "overlap-tile
strategy" for images larger than the GPU's memory. The pooling grid must line up: a tile
must start at a multiple of 2**depth = 16 pixels. Run in float64, the agreement is exact
to rounding; the network is small (4 base channels), which changes no size.
Conditions: random weights at initialisation (no training), a white-noise 252×252 image cut into four 220×220 tiles at offsets 0 and 32, depth 4, 4 base channels, unpadded; float64, agreement within 1e-12; seeds 0-5.
"""

import os

import torch

from snippets.vision.unet._unet import UNet

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64 rounding; the two computations add the same terms in the same order

# --8<-- [start:aligned]
net = UNet(in_channels=1, num_classes=1, base_channels=4, depth=4, padding=0).double()
image = torch.randn(1, 1, 252, 252, dtype=torch.float64)  # (batch, channels, height, width)
with torch.no_grad():
    full = net(image)  # (batch, classes, 68, 68): 252 − 184
    tile_in, tile_out = 220, 220 - 184  # 220 = 16·10 + 60 fits the network
    stitched = torch.full_like(full, float("nan"))  # filled tile by tile
    for top, left in [(0, 0), (0, 32), (32, 0), (32, 32)]:  # four tiles cover the map
        tile = net(image[..., top : top + tile_in, left : left + tile_in])  # (1, 1, 36, 36)
        same = full[..., top : top + tile_out, left : left + tile_out]
        err = (tile - same).abs().max().item()
        assert err <= TOL, f"tile at ({top}, {left}): differs by {err:.2e}"
        stitched[..., top : top + tile_out, left : left + tile_out] = tile
assert not stitched.isnan().any(), "the tiles should cover the whole output map"
stitch_err = (stitched - full).abs().max().item()
assert stitch_err <= TOL, f"the stitched map differs from the whole image's by {stitch_err:.2e}"
assert tuple(full.shape) == (1, 1, 68, 68) and tile_out == 36
# --8<-- [end:aligned]
