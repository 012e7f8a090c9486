"""An encoder layer is permutation-equivariant until positional encodings are added.

Every part of `nn.TransformerEncoderLayer` (self-attention, the position-wise
feed-forward net, LayerNorm over features, the residual additions) treats tokens
the same wherever they stand, so shuffling the input tokens shuffles the outputs:
f(PX) = P f(X). Adding sinusoidal positional encodings after the shuffle gives the
shuffled tokens new positions, and the equality fails by a wide margin: the model
now sees order.

Assumption: without positions, shuffling the tokens only shuffles the outputs.
Broken by: adding positional encodings, which is the point: the model now sees order.
"""

import os

import torch
from torch import nn

from snippets.attention.transformer._positional import sinusoidal_encoding

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off
BROKEN = 0.1  # outputs are O(1) after LayerNorm; a gap above this is no round-off

# --8<-- [start:positions]
n, d = 10, 32
layer = nn.TransformerEncoderLayer(d, 4, 64, dropout=0.0, batch_first=True).eval()
x = torch.randn(1, n, d)  # (batch, tokens, d_model): token embeddings
pe = sinusoidal_encoding(n, d, dtype=torch.float32)  # (tokens, d_model): one row per position
perm = torch.randperm(n)
while torch.equal(perm, torch.arange(n)):  # a real shuffle, not the identity
    perm = torch.randperm(n)

with torch.no_grad():
    plain_gap = (layer(x[:, perm]) - layer(x)[:, perm]).abs().max().item()
    # The encodings belong to positions, not to tokens: position i gets pe[i].
    with_pe_gap = (layer(x[:, perm] + pe) - layer(x + pe)[:, perm]).abs().max().item()
assert plain_gap < TOL, f"without positions: f(PX) and P f(X) differ by {plain_gap:.2e}"
assert with_pe_gap > BROKEN, f"with positions: f(PX) and P f(X) differ by only {with_pe_gap:.2e}"
# --8<-- [end:positions]
