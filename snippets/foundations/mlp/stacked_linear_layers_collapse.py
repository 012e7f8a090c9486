"""Without a nonlinearity between them, two dense layers are one dense layer.

`Linear(W2, b2) ∘ Linear(W1, b1)` is the single layer with weight `W2 @ W1` and bias
`W2 @ b1 + b2`: depth buys nothing until an activation bends the map. With a ReLU in
between, no single linear layer reproduces the pair.

Conditions: random weights at initialisation (no training), a white-noise batch of 64
inputs of 20 features, layers 20 → 50 → 5 in float32; the collapse holds to 1e-5, the
ReLU pair misses its best least-squares affine fit by more than 0.1 (seeds 0-5).
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32 rounding of two different summation orders
GAP = 0.1  # a ReLU changes outputs by order one; 0.1 is far above rounding

# --8<-- [start:collapse]
first, second = nn.Linear(20, 50), nn.Linear(50, 5)
x = torch.randn(64, 20)  # (batch, features)
with torch.no_grad():
    deep = second(first(x))  # (batch, 5): two layers, no activation
    merged = nn.Linear(20, 5)
    merged.weight.copy_(second.weight @ first.weight)  # (5, 20)
    merged.bias.copy_(second.weight @ first.bias + second.bias)  # (5,)
    err = (deep - merged(x)).abs().max().item()
assert err < TOL, f"two linear layers differ from their product by {err:.2e}"
# --8<-- [end:collapse]

# --8<-- [start:relu]
# With a ReLU in between, fit the best single linear map by least squares: it misses.
with torch.no_grad():
    bent = second(torch.relu(first(x)))  # (batch, 5)
    x1 = torch.cat([x, torch.ones(64, 1)], dim=1)  # (batch, 21): a column for the bias
    best = x1 @ torch.linalg.lstsq(x1, bent).solution  # (batch, 5)
    residual = (bent - best).abs().max().item()
assert residual > GAP, f"a single linear map fits the ReLU network to {residual:.2e}"
# --8<-- [end:relu]
