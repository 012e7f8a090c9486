"""The from-scratch multi-head self-attention of `_vit.py` (scores, softmax, weighted
sum, written out) equals `nn.MultiheadAttention` holding the same weights.

The packing is the same as torch's: one (3D, D) matrix makes queries, keys and values,
and each head takes a contiguous slice of D/heads features. Checked in float64 on a
batch of random token sequences.

Conditions: random weights at initialisation copied into both modules, white-noise
tokens of shape 3×10×32 (4 heads), float64; equal to 1e-10; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.vit._vit import SelfAttention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-10  # float64; the sums involved are short

# --8<-- [start:attention]
dim, heads = 32, 4
ours = SelfAttention(dim, heads).double()
theirs = nn.MultiheadAttention(dim, heads, batch_first=True).double()
with torch.no_grad():
    theirs.in_proj_weight.copy_(ours.qkv.weight)  # (3·dim, dim): q, k, v stacked
    theirs.in_proj_bias.copy_(ours.qkv.bias)
    theirs.out_proj.weight.copy_(ours.proj.weight)
    theirs.out_proj.bias.copy_(ours.proj.bias)

x = torch.randn(3, 10, dim, dtype=torch.float64)  # (batch, tokens, dim)
with torch.no_grad():
    got = ours(x)  # (3, 10, dim)
    expected, _ = theirs(x, x, x, need_weights=False)  # (3, 10, dim)
gap = (got - expected).abs().max().item()
assert gap < TOL, f"from-scratch attention vs nn.MultiheadAttention: largest gap {gap:.2g}"
# --8<-- [end:attention]
