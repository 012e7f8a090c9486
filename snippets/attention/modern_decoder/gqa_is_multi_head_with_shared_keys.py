"""Grouped-query attention is multi-head attention whose key/value heads are shared.

Two checks of one identity. First, the from-scratch attention of ``_decoder.py``, with
8 query heads sharing 2 key/value heads, matches torch's fused
``scaled_dot_product_attention(..., is_causal=True, enable_gqa=True)`` given the same
rotated queries and keys. Second, it equals ordinary multi-head attention (8 key/value
heads) whose key and value weights repeat each of the 2 heads' rows for its group of 4
query heads: sharing a head is the same as copying its weights, so GQA is a constraint
on multi-head attention, never a different kind of layer.

Conditions: random weights at initialisation (no training), random Gaussian input of 2
sequences of 10 tokens, width 32, 8 query heads, 2 key/value heads; float64; equal to
1e-12; seeds 0-4; torch 2.5 or later (``enable_gqa`` first appeared there), run on 2.13.
"""

import os

import torch
import torch.nn.functional as F

from snippets.attention.modern_decoder._decoder import Attention, DecoderConfig, rope

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

TOL = 1e-12  # float64 round-off of two different orders of the same sums
d, H, KV, T = 32, 8, 2, 10
x = torch.randn(2, T, d)  # (batch, tokens, d)
positions = torch.arange(T)
gqa = Attention(DecoderConfig(hidden_size=d, num_attention_heads=H, num_key_value_heads=KV))

# --8<-- [start:torch]
with torch.no_grad():
    ours = gqa(x, positions)  # (batch, tokens, d)
    hd = d // H
    q = rope(gqa.q_proj(x).view(2, T, H, hd).transpose(1, 2), positions)  # (batch, 8, tokens, hd)
    k = rope(gqa.k_proj(x).view(2, T, KV, hd).transpose(1, 2), positions)  # (batch, 2, tokens, hd)
    v = gqa.v_proj(x).view(2, T, KV, hd).transpose(1, 2)  # (batch, 2, tokens, hd)
    fused = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)  # (batch, 8, tokens, hd)
    theirs = gqa.o_proj(fused.transpose(1, 2).reshape(2, T, d))
gap = (ours - theirs).abs().max().item()
assert gap < TOL, f"the two differ by {gap:.2e}"
# --8<-- [end:torch]

# --8<-- [start:copies]
mha = Attention(DecoderConfig(hidden_size=d, num_attention_heads=H, num_key_value_heads=H))
group = H // KV  # 4 query heads read each key/value head
with torch.no_grad():
    mha.q_proj.weight.copy_(gqa.q_proj.weight)
    mha.o_proj.weight.copy_(gqa.o_proj.weight)
    for name in ("k_proj", "v_proj"):
        shared = getattr(gqa, name).weight.view(KV, hd, d)  # (2 heads, hd, d)
        getattr(mha, name).weight.copy_(shared.repeat_interleave(group, dim=0).reshape(H * hd, d))
    copied = mha(x, positions)  # (batch, tokens, d)
gap = (ours - copied).abs().max().item()
assert gap < TOL, f"the two differ by {gap:.2e}"
n_gqa = sum(p.numel() for p in gqa.parameters())
n_mha = sum(p.numel() for p in mha.parameters())
assert n_mha - n_gqa == 2 * d * (d - KV * hd) == 1_536, f"{n_mha:,} against {n_gqa:,}"
# --8<-- [end:copies]
