"""As padding, a 3×3 partial convolution scales edge outputs by 1.5 and corner outputs by 2.25.

Zero padding is a hole. On an all-valid image, a window on the edge (not a corner) sees
6 of its 9 positions inside the image and a corner window 4, so the factor sum(1)/sum(M)
is 9/6 = 1.5 on edges and 9/4 = 2.25 at corners, and 1 inside (Liu et al., "Partial
Convolution based Padding", 2018). Compared with the ordinary zero-padded convolution
with the same weights, bias-free, the ratio of the outputs is that factor.
Positive inputs and weights keep the ordinary output away from zero, so the ratio is
well defined everywhere.

Conditions: random positive weights at initialisation, bias-free (a bias would not be
rescaled the same way), positive random input of shape 1×2×8×8, float32; every corner,
edge and inner output equal to its factor to 1e-5;
seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32 ratio of two sums of positive terms

# --8<-- [start:ratio]
pconv = PartialConv2d(2, 4, 3, padding=1, bias=False)
conv = nn.Conv2d(2, 4, 3, padding=1, bias=False)
with torch.no_grad():
    pconv.weight.abs_()  # positive weights ...
    conv.weight.copy_(pconv.weight)
x = torch.rand(1, 2, 8, 8) + 0.5  # ... and positive inputs: (batch, channels, height, width)
ratio = pconv(x)[0] / conv(x)  # mask None: every pixel valid; (1, 4, 8, 8)

corner = ratio[..., [0, 0, -1, -1], [0, -1, 0, -1]]  # the four corners: 4 of 9 positions inside the image
edge = torch.cat([ratio[..., 0, 1:-1], ratio[..., -1, 1:-1], ratio[..., 1:-1, 0], ratio[..., 1:-1, -1]], dim=-1)  # 6 of 9
inside = ratio[..., 1:-1, 1:-1]  # 9 of 9
for name, got, expected in [("corner", corner, 9 / 4), ("edge", edge, 9 / 6), ("inside", inside, 1.0)]:
    err = (got - expected).abs().max().item()
    assert err < TOL, f"{name}: expected {expected}, got {got.tolist()}"
assert abs(corner.mean().item() - 2.25) < TOL and abs(edge.mean().item() - 1.5) < TOL
# --8<-- [end:ratio]
