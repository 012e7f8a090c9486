"""An MLP is nothing but matrix products and an elementwise nonlinearity.

A forward pass written with numpy alone, `relu(x @ W1.T + b1) @ W2.T + b2`, using the
weights of an `nn.Sequential(Linear, ReLU, Linear)`, gives the module's output to
float32 rounding.

Conditions: random weights at initialisation (no training), a white-noise batch of
16 inputs of 64 features; torch in float32 against numpy in float64, agreeing to 1e-5.
"""

import os

import numpy as np
import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
TOL = 1e-5  # float32 (torch) against float64 (numpy): rounding only, well below 1e-5

# --8<-- [start:forward]
mlp = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
x = rng.standard_normal((16, 64)).astype(np.float32)  # (batch, features)

# The same computation by hand, in float64, from the module's own weights.
W1, b1 = (p.detach().double().numpy() for p in (mlp[0].weight, mlp[0].bias))
W2, b2 = (p.detach().double().numpy() for p in (mlp[2].weight, mlp[2].bias))
h = np.maximum(x @ W1.T + b1, 0.0)  # (batch, 32): every hidden unit sees every input
ours = h @ W2.T + b2  # (batch, 10)

theirs = mlp(torch.from_numpy(x)).detach().double().numpy()  # (batch, 10)
err = np.abs(ours - theirs).max()
assert err < TOL, f"numpy and nn.Sequential differ by {err:.2e} (tolerance {TOL:.0e})"
# --8<-- [end:forward]
