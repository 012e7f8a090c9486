"""An MLP is not permutation-equivariant; a fixed shuffle of its inputs is absorbed by its weights.

Two different statements, often confused:

* **As a function, an MLP is neither invariant nor equivariant to a shuffle of its
  inputs.** With its weights fixed, scrambling the pixels changes the output; for an
  MLP with one output per pixel, scrambling the input does not scramble the output the
  same way. Compare a graph network, whose output does follow any relabelling of its
  nodes (docs/graphs/gnn.md), or a circular convolution, whose output follows any
  circular shift (docs/vision/cnn.md).
* **As a family of functions, it does not care about the order of its inputs.** Shuffle
  the pixels with a fixed permutation `perm` and shuffle the columns of the first
  layer's weight matrix with the same `perm`: the output is unchanged. Each first-layer
  unit computes `sum_j W[i, j] * x[j]`, and a sum does not care about the order of its
  terms. Whatever an MLP can learn from real images, it can learn from scrambled ones.

Conditions: random weights at initialisation (no training), 16 white-noise 8×8 images,
one random shuffle of the 64 pixels, float64. The absorbed shuffle agrees to 1e-12 (only
the order of additions changes); the fixed-weight outputs move by more than 0.01 (seen:
order 0.1-1), for seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64: only the order of the additions changes
MOVED = 1e-2  # a real change: ten orders of magnitude above rounding

side = 8
x = torch.randn(16, 1, side, side, dtype=torch.float64)  # (batch, channels, height, width)
perm = torch.randperm(side * side)  # where each pixel of the scrambled image comes from
scrambled = x.flatten(1)[:, perm].reshape(x.shape)  # (batch, 1, 8, 8): same pixels, shuffled

# --8<-- [start:not_equivariant]
classifier = nn.Sequential(nn.Flatten(), nn.Linear(side * side, 32), nn.ReLU(), nn.Linear(32, 10)).double()
per_pixel = nn.Sequential(nn.Flatten(), nn.Linear(side * side, 32), nn.ReLU(), nn.Linear(32, side * side)).double()
with torch.no_grad():
    scores_moved = (classifier(scrambled) - classifier(x)).abs().max().item()  # f(Px) against f(x)
    map_moved = (per_pixel(scrambled) - per_pixel(x)[:, perm]).abs().max().item()  # f(Px) against P f(x)

assert not torch.equal(scrambled, x), "the permutation left the image as it was"
assert scores_moved > MOVED, f"the shuffle left the class scores unchanged: {scores_moved:.2e}"
assert map_moved > MOVED, f"the per-pixel MLP followed the shuffle: {map_moved:.2e}"
# --8<-- [end:not_equivariant]

# --8<-- [start:symmetry]
twin = nn.Sequential(nn.Flatten(), nn.Linear(side * side, 32), nn.ReLU(), nn.Linear(32, 10)).double()
twin.load_state_dict(classifier.state_dict())
with torch.no_grad():
    twin[1].weight.copy_(classifier[1].weight[:, perm])  # the same shuffle, on the weight columns
    err = (twin(scrambled) - classifier(x)).abs().max().item()

assert err < TOL, f"scrambled input + scrambled weights changed the output by {err:.2e}"
# --8<-- [end:symmetry]
