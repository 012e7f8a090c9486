"""An MLP has no notion of which pixels are neighbours.

Shuffle the pixels of every image with a fixed permutation `perm`, and shuffle the
columns of the first layer's weight matrix with the same `perm`: the network's output
does not change. Each first-layer unit computes `sum_j W[i, j] * x[j]`, and a sum does
not care about the order of its terms. So an MLP cannot prefer the real image to a
scrambled one: whatever it can learn from one, it can learn from the other.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64: only the order of the additions changes

# --8<-- [start:symmetry]
side = 8
mlp = nn.Sequential(nn.Flatten(), nn.Linear(side * side, 32), nn.ReLU(), nn.Linear(32, 10)).double()
x = torch.randn(16, 1, side, side, dtype=torch.float64)  # (batch, channels, height, width)
perm = torch.randperm(side * side)  # where each pixel of the scrambled image comes from

scrambled = x.flatten(1)[:, perm].reshape(x.shape)  # (batch, 1, 8, 8): same pixels, shuffled
twin = nn.Sequential(nn.Flatten(), nn.Linear(side * side, 32), nn.ReLU(), nn.Linear(32, 10)).double()
twin.load_state_dict(mlp.state_dict())
with torch.no_grad():
    twin[1].weight.copy_(mlp[1].weight[:, perm])  # the same shuffle, on the weight columns
    err = (twin(scrambled) - mlp(x)).abs().max().item()

assert not torch.equal(scrambled, x), "the permutation left the image as it was"
assert err < TOL, f"scrambled input + scrambled weights changed the output by {err:.2e}"
# --8<-- [end:symmetry]
