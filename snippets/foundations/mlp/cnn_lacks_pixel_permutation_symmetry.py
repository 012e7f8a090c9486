"""A CNN has no such symmetry: scrambling the pixels breaks it, and no kernel repairs it.

For an MLP, a pixel shuffle of the input is undone by the same shuffle of the first
layer's weight columns (see `pixel_permutation_symmetry.py`). A 3×3 convolution has no
columns to shuffle: as a dense matrix it only links pixels at most one step apart
(horizontally, vertically or diagonally). The map that would undo a shuffle links
pixels far apart, so it is not a 3×3 convolution. Measured: the same kernels applied
to the scrambled images give different feature maps, and the best 3×3 kernels fitted
by least squares to the scrambled images miss the original feature maps by a wide margin.

Conditions: one `Conv2d(1, 8, 3, padding=1)` with random weights at initialisation (no
training), a random shuffle of an 8×8 grid, 32 white-noise images, float64; the reach
test is exact (entries above 1e-12 count as links), the misses exceed 0.9 of the
features' spread for seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
ZERO = 1e-12  # an entry of the dense matrix counts as a link above this (float64)
MISS = 0.9  # relative error of the best refit kernel; an MLP reaches 0 (seen: about 0.99)

# --8<-- [start:structure]
side = 8
conv = nn.Conv2d(1, 8, 3, padding=1).double()  # a 3×3 kernel, random weights
perm = torch.randperm(side * side)  # the pixel shuffle
rows, cols = torch.arange(side * side) // side, torch.arange(side * side) % side
# The conv's first channel as a dense (64 × 64) matrix: column j is its response to pixel j.
basis = torch.eye(side * side, dtype=torch.float64).reshape(-1, 1, side, side)  # (64, 1, 8, 8)
with torch.no_grad():
    dense = (conv(basis) - conv.bias.view(1, -1, 1, 1))[:, 0].reshape(side * side, -1).T  # (out, in)


def reach(matrix):
    """The largest step (Chebyshev distance) between two pixels the matrix links."""
    out, inp = torch.nonzero(matrix.abs() > ZERO, as_tuple=True)
    return torch.maximum((rows[out] - rows[inp]).abs(), (cols[out] - cols[inp]).abs()).max().item()


# Undoing the shuffle: scrambled pixel k is original pixel perm[k], so the map that gives the
# original features from the scrambled pixels is dense[:, perm] (the MLP trick, on columns).
undo = dense[:, perm]  # (out, in): column k is the conv's response to original pixel perm[k]
probe = torch.randn(side * side, dtype=torch.float64)  # any image, flattened
assert torch.allclose(undo @ probe[perm], dense @ probe, atol=ZERO), "undo must map the scrambled image to the original features"
assert reach(dense) <= 1, f"a 3×3 conv linked pixels {reach(dense)} steps apart"
assert reach(undo) > 1, f"the un-shuffling map only reaches {reach(undo)} step"
# --8<-- [end:structure]

# --8<-- [start:refit]
x = torch.randn(32, 1, side, side, dtype=torch.float64)  # (batch, channels, height, width)
scrambled = x.flatten(1)[:, perm].reshape(x.shape)  # (batch, 1, 8, 8)
with torch.no_grad():
    target = conv(x).permute(0, 2, 3, 1).reshape(-1, 8)  # (batch·64, 8): original features
    patches = nn.functional.unfold(scrambled, 3, padding=1).transpose(1, 2).reshape(-1, 9)  # (batch·64, 9)
    design = torch.cat([patches, torch.ones(len(patches), 1, dtype=torch.float64)], dim=1)
    spread = (target - target.mean(0)).norm()  # how much the features vary at all
    same = conv(scrambled).permute(0, 2, 3, 1).reshape(-1, 8)  # the same kernels, shuffled input
    same_miss = ((same - target).norm() / spread).item()
    fit = design @ torch.linalg.lstsq(design, target).solution  # best 3×3 kernels + biases
    miss = ((fit - target).norm() / spread).item()
assert same_miss > MISS, f"the shuffle changed the CNN's features by only {same_miss:.1%}"
assert miss > MISS, f"a refit 3×3 kernel reproduced the features to within {miss:.1%}"
# --8<-- [end:refit]
