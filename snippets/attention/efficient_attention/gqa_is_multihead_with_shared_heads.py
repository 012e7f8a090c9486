"""Grouped-query attention is multi-head attention whose key/value heads repeat.

With H query heads and G key/value heads, query head h reads key/value head
h // (H/G). So a grouped-query layer computes exactly what an ordinary multi-head
layer computes when that layer's key and value projections hold each of the G
heads H/G times over: the queries keep all their freedom, only the keys and values
are shared, and only they are cached. Multi-query attention is the case G = 1.

The multi-head side is torch's own ``nn.MultiheadAttention``, loaded with the
grouped layer's weights (each key/value head's rows copied H/G times), so the two
sides share no attention code.

Conditions: random weights at initialisation (no training), white-noise input of
shape 2×10×32, 8 query heads of width 4, causal mask; float64, equal within 1e-10;
seeds 0-4.
"""

import os

import torch
from torch import nn

from snippets.attention.efficient_attention._attention import GroupedQueryAttention, window_mask

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: threads cost more than they save
torch.set_default_dtype(torch.float64)

TOL = 1e-10  # float64 rounding; the two sides sum in different orders


def as_multihead(layer: GroupedQueryAttention) -> nn.MultiheadAttention:
    """torch's multi-head attention with the grouped layer's key/value heads repeated."""
    heads, hd = layer.n_heads, layer.head_dim
    group = heads // layer.n_kv_heads
    d_model = layer.q.in_features
    mha = nn.MultiheadAttention(d_model, heads, bias=False, batch_first=True)
    # (kv_heads·hd, d) → (kv_heads, hd, d) → each head's rows `group` times → (heads·hd, d)
    k = layer.k.weight.view(layer.n_kv_heads, hd, d_model).repeat_interleave(group, dim=0)
    v = layer.v.weight.view(layer.n_kv_heads, hd, d_model).repeat_interleave(group, dim=0)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([layer.q.weight, k.reshape(-1, d_model), v.reshape(-1, d_model)]))
        mha.out_proj.weight.copy_(layer.o.weight)
    return mha


# --8<-- [start:check]
d_model, heads, tokens = 32, 8, 10
x = torch.randn(2, tokens, d_model)  # (batch, tokens, d_model)
future = ~window_mask(tokens, tokens)  # True where torch's mask forbids attending
for kv_heads in (8, 2, 1):  # multi-head, grouped-query, multi-query
    layer = GroupedQueryAttention(d_model, heads, kv_heads)
    with torch.no_grad():
        grouped, (k, v) = layer(x)  # k, v: (batch, kv_heads, tokens, head_dim), the cache
        full, _ = as_multihead(layer)(x, x, x, attn_mask=future, need_weights=False)
    gap = (grouped - full).abs().max().item()
    assert gap < TOL, f"{kv_heads} key/value heads: outputs differ by {gap:.2e}"
    assert k.shape[1] == kv_heads, f"the cache holds {k.shape[1]} heads, expected {kv_heads}"
# --8<-- [end:check]
