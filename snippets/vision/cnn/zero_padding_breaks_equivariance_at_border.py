"""With zero padding, translation equivariance holds only away from the border.

A camera that moves by (dy, dx) pixels sees the same scene in a shifted frame. A
zero-padded convolution of the two frames agrees — after undoing the shift — at every
pixel whose window lies inside both frames, and disagrees within k // 2 pixels of the
frames' edges, where one frame's window sees zeros and the other's sees the scene.

Conditions: random weights at initialisation, a white-noise scene of 27×26 pixels seen as
two 24×24 views (camera moved by 3 rows and 2 columns), float32, `Conv2d(1, 4, 5)` with
zero padding; interior equal to 1e-5, every band pixel off by more than 1e-5; seeds 0-5.

Assumption: shifting the input shifts the feature maps the same way (translation equivariance).
Broken by: zero padding, which tells every border pixel that the world ends in black.
"""

import os

import torch
from torch import nn

from snippets.vision.cnn._shift import view_disagreement

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 rounding; a border pixel differs by the size of a pixel value
H = W = 24
DY, DX = 3, 2

# --8<-- [start:check]
k = 5
conv = nn.Conv2d(1, 4, kernel_size=k, padding=k // 2)  # zero padding, 'same' size
scene = torch.randn(1, 1, H + DY, W + DX)  # (batch, channels, height, width)
# Two 24×24 views, the camera moved by (3, 2): compare where both see the scene.
err = view_disagreement(conv, scene, DY, DX, H, W)  # (21, 22)

# Distance of each compared pixel from the nearest edge of either frame.
rows = torch.arange(H - DY)
cols = torch.arange(W - DX)
row_dist = torch.minimum(rows, (H - 1 - DY) - rows)  # edges of frame b (top) and frame a (bottom)
col_dist = torch.minimum(cols, (W - 1 - DX) - cols)
dist = torch.minimum(row_dist[:, None], col_dist[None, :])

interior_error = err[dist >= k // 2].max().item()
band_width = int(dist[err > TOL].max().item()) + 1  # how far from the edge errors reach
assert interior_error < TOL, f"interior should be exact, worst error {interior_error:.2e}"
assert band_width == k // 2 == 2, f"errors should reach {k // 2} pixels in, reach {band_width}"
band_min = err[dist < k // 2].min().item()  # the smallest disagreement inside the band
assert band_min > TOL, f"every pixel of the border band should differ; smallest {band_min:.2e}"
# --8<-- [end:check]
