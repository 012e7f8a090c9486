"""Without a capacity, a mixture-of-experts layer treats each token alone, so reordering
the batch reorders the outputs, exactly up to rounding.

Routing is a per-token decision: the router scores one token, and its experts process
that token. Nothing couples two tokens, so the layer is permutation-equivariant, like
any position-wise feed-forward layer; ``capacity_breaks_permutation_equivariance.py``
shows what a capacity does to this.

Conditions: random weights at initialisation (no training); white-noise tokens of shape
64×16, 8 experts of hidden width 32, top-2, no capacity (as in Mixtral); float64,
agreement within 1e-12; seed 0 (any seed).
"""

import os

import torch

from snippets.attention.moe._moe import MoELayer

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: a second thread only adds hand-off cost
TOL = 1e-12  # float64 rounding

# --8<-- [start:equivariant]
layer = MoELayer(16, 32, 8, k=2).double()  # no capacity, as in Mixtral
x = torch.randn(64, 16, dtype=torch.float64)  # (tokens, d)
perm = torch.randperm(64)
with torch.no_grad():
    error = (layer(x[perm]) - layer(x)[perm]).abs().max().item()
assert error < TOL, f"f(permuted x) and permuted f(x) differ by {error:.1e}"
# --8<-- [end:equivariant]
