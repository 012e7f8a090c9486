"""A depthwise-separable pair is one standard convolution whose kernel factorises.

Both steps are linear, so depthwise (kernel D, one k×k filter per input channel)
followed by pointwise (matrix P) equals a single k×k convolution with kernel
W[o, i, u, v] = P[o, i] · D[i, u, v]. For each *input* channel i, the C_out × k²
slice W[:, i] is the outer product of a column of P and the filter D[i]: rank ≤ 1.
A generic standard kernel has rank min(C_out, k²) there. Conversely, any standard
kernel whose every input slice has rank 1 is a depthwise-separable pair: an SVD of
each slice recovers D and P.
Note the constraint is per input channel: per *output* channel, the C_in × k²
matrix diag(P[o]) · D of a separable kernel is typically of full rank.
Conditions: random weights at initialisation (no training), white-noise input of shape 2×6×10×10, stride 1, padding 1, no biases; float32, agreement within 1e-5 (relative to the output's scale for the converse); ranks by `torch.linalg.matrix_rank` at its default tolerance; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.vision.depthwise_separable._separable import separable_as_standard_weight

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32: the two sides sum the same products in a different order

# --8<-- [start:compose]
c_in, c_out, k = 6, 16, 3
depthwise = nn.Conv2d(c_in, c_in, k, padding=1, groups=c_in, bias=False)
pointwise = nn.Conv2d(c_in, c_out, 1, bias=False)
x = torch.randn(2, c_in, 10, 10)  # (batch, channels, height, width)

with torch.no_grad():
    W = separable_as_standard_weight(depthwise.weight, pointwise.weight)  # (16, 6, 3, 3)
    err = (F.conv2d(x, W, padding=1) - pointwise(depthwise(x))).abs().max().item()
assert err < TOL, f"the pair and its composed kernel differ by {err:.2e}"

# For each input channel, the (C_out, k²) slice is an outer product: rank 1.
slice_ranks = [int(torch.linalg.matrix_rank(W[:, i].reshape(c_out, k * k))) for i in range(c_in)]
assert slice_ranks == [1] * c_in, f"expected rank 1 per input channel, got {slice_ranks}"
# A standard kernel has no such structure: rank min(C_out, k²) = 9.
W_std = nn.Conv2d(c_in, c_out, k, bias=False).weight.detach()
std_ranks = [int(torch.linalg.matrix_rank(W_std[:, i].reshape(c_out, k * k))) for i in range(c_in)]
assert std_ranks == [min(c_out, k * k)] * c_in == [9] * c_in, f"got {std_ranks}"
# Per output channel the separable kernel is not low-rank: rank min(C_in, k²) = 6.
out_ranks = [int(torch.linalg.matrix_rank(W[o].reshape(c_in, k * k))) for o in range(c_out)]
assert out_ranks == [min(c_in, k * k)] * c_out == [6] * c_out, f"got {out_ranks}"
# --8<-- [end:compose]

# --8<-- [start:converse]
# Build a standard kernel with rank-1 input slices, then factor it back by SVD.
target = separable_as_standard_weight(torch.randn(c_in, 1, k, k), torch.randn(c_out, c_in, 1, 1))
dw_rec, pw_rec = torch.empty(c_in, 1, k, k), torch.empty(c_out, c_in, 1, 1)
for i in range(c_in):
    U, S, Vh = torch.linalg.svd(target[:, i].reshape(c_out, k * k), full_matrices=False)
    dw_rec[i, 0] = Vh[0].reshape(k, k)  # the one spatial filter of channel i
    pw_rec[:, i, 0, 0] = U[:, 0] * S[0]  # how much of it each output channel takes
rebuilt = F.conv2d(F.conv2d(x, dw_rec, padding=1, groups=c_in), pw_rec)
err_rec = (rebuilt - F.conv2d(x, target, padding=1)).abs().max().item()
scale = F.conv2d(x, target, padding=1).abs().max().item()
assert err_rec < TOL * scale, f"the recovered pair misses by {err_rec:.2e} (scale {scale:.1f})"
# --8<-- [end:converse]

# --8<-- [start:wider]
# One grey input channel, a pointwise layer to many outputs: still one spatial filter.
for width in (2, 16, 64):
    dw1 = nn.Conv2d(1, 1, k, groups=1, bias=False)  # one input channel: one depthwise filter
    pw1 = nn.Conv2d(1, width, 1, bias=False)
    W1 = separable_as_standard_weight(dw1.weight, pw1.weight).detach()  # (width, 1, 3, 3)
    rank = int(torch.linalg.matrix_rank(W1[:, 0].reshape(width, k * k)))
    assert rank == 1, f"{width} outputs: the grey channel's slice has rank {rank}"
# Two depthwise filters on the same channel (depth multiplier 2) lift the rank to 2.
dw2 = nn.Conv2d(1, 2, k, groups=1, bias=False)
pw2 = nn.Conv2d(2, 64, 1, bias=False)
W2 = separable_as_standard_weight(dw2.weight, pw2.weight, multiplier=2).detach()  # (64, 1, 3, 3)
assert int(torch.linalg.matrix_rank(W2[:, 0].reshape(64, k * k))) == 2
# --8<-- [end:wider]
