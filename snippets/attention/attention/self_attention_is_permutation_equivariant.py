"""Self-attention without positional information is permutation-equivariant.

For `nn.MultiheadAttention` used as self-attention (queries, keys and values all
from X), shuffling the tokens shuffles the outputs the same way: f(PX) = P f(X)
for every permutation matrix P. Nothing in the layer depends on where a token
stands, only on what the tokens are.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off: the permuted run sums the same terms in another order

# --8<-- [start:equivariant]
d_model, n = 32, 12
mha = nn.MultiheadAttention(d_model, num_heads=4, batch_first=True).eval()
x = torch.randn(1, n, d_model)  # (batch, tokens, d_model)
perm = torch.randperm(n)


def self_attend(tokens: torch.Tensor) -> torch.Tensor:
    return mha(tokens, tokens, tokens, need_weights=False)[0]  # (batch, tokens, d_model)


with torch.no_grad():
    permute_then_attend = self_attend(x[:, perm])  # f(PX)
    attend_then_permute = self_attend(x)[:, perm]  # P f(X)
gap = (permute_then_attend - attend_then_permute).abs().max().item()
assert gap < TOL, f"f(PX) and P f(X) differ by {gap:.2e}"
# --8<-- [end:equivariant]
