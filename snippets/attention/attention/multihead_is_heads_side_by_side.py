"""Multi-head attention is several small attentions side by side, then one projection.

`nn.MultiheadAttention(d_model, num_heads)` projects the input to queries, keys and
values of width d_model, cuts each into num_heads slices of width d_model/num_heads,
runs scaled dot-product attention on each slice independently (scaled by the
slice's width, not d_model), concatenates the results and applies an output
projection. Rebuilt here from the module's own weights, it gives the same output
and the same head-averaged weights.

Conditions: `nn.MultiheadAttention(32, 4)` with random weights at initialisation,
random Gaussian input of 2 sequences of 7 tokens, float32; outputs and weights equal
to 1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.attention.attention._attention import attention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off

batch, n, d_model, num_heads = 2, 7, 32, 4
mha = nn.MultiheadAttention(d_model, num_heads, batch_first=True).eval()
x = torch.randn(batch, n, d_model)  # (batch, tokens, d_model)

# --8<-- [start:heads]
d_head = d_model // num_heads  # 8: each head works in a slice this wide
w_q, w_k, w_v = mha.in_proj_weight.chunk(3)  # each (d_model, d_model)
b_q, b_k, b_v = mha.in_proj_bias.chunk(3)  # each (d_model,)


def split_heads(t: torch.Tensor) -> torch.Tensor:
    # (batch, tokens, d_model) -> (batch, heads, tokens, d_head)
    return t.view(batch, n, num_heads, d_head).transpose(1, 2)


q = split_heads(F.linear(x, w_q, b_q))
k = split_heads(F.linear(x, w_k, b_k))
v = split_heads(F.linear(x, w_v, b_v))
per_head, weights = attention(q, k, v)  # (batch, heads, tokens, d_head), scale 1/√d_head
concat = per_head.transpose(1, 2).reshape(batch, n, d_model)  # (batch, tokens, d_model)
ours = mha.out_proj(concat)  # (batch, tokens, d_model)

with torch.no_grad():
    theirs, theirs_weights = mha(x, x, x)  # weights averaged over heads by default
gap = (ours - theirs).abs().max().item()
weight_gap = (weights.mean(dim=1) - theirs_weights).abs().max().item()
assert gap < TOL, f"outputs differ by {gap:.2e}"
assert weight_gap < TOL, f"head-averaged weights differ by {weight_gap:.2e}"
# --8<-- [end:heads]
