"""The from-scratch causal attention and GPT block compute what torch's own modules compute.

With the same weights, ``CausalSelfAttention`` equals
``F.scaled_dot_product_attention(..., is_causal=True)`` followed by the same output
projection, and a whole pre-LayerNorm ``Block`` equals ``nn.TransformerEncoderLayer``
with ``norm_first=True``, a tanh-GELU and an explicit causal mask.

Conditions: one block of width 32 with 4 heads, random weights at initialisation
(no training), white-noise input of shape 2×10×32, float32 on the CPU; equal within
1e-5 (round-off only); seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.attention.gpt._gpt import Block, GPTConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off: the two sides sum the same products in different orders
config = GPTConfig(d_model=32, n_heads=4)
block = Block(config).eval()
x = torch.randn(2, 10, config.d_model)  # (batch, tokens, d_model)

# --8<-- [start:sdpa]
attn = block.attn
with torch.no_grad():
    ours, _ = attn(x)  # (batch, tokens, d_model)
    q, k, v = attn.qkv(x).split(config.d_model, dim=-1)  # each (batch, tokens, d_model)
    heads = [t.unflatten(-1, (config.n_heads, -1)).transpose(1, 2) for t in (q, k, v)]
    mixed = F.scaled_dot_product_attention(*heads, is_causal=True)  # (batch, heads, tokens, head_dim)
    theirs = attn.proj(mixed.transpose(1, 2).flatten(2))  # (batch, tokens, d_model)
gap = (ours - theirs).abs().max().item()
assert gap < TOL, f"from-scratch attention and SDPA differ by {gap:.3g} (tolerance {TOL})"
# --8<-- [end:sdpa]

# --8<-- [start:block]
layer = nn.TransformerEncoderLayer(
    config.d_model, config.n_heads, dim_feedforward=4 * config.d_model, dropout=0.0,
    activation=lambda z: F.gelu(z, approximate="tanh"), layer_norm_eps=config.layer_norm_eps,
    batch_first=True, norm_first=True,
).eval()
with torch.no_grad():  # copy our weights into torch's layer, tensor by tensor
    layer.self_attn.in_proj_weight.copy_(block.attn.qkv.weight)  # both stack q, k, v by rows
    layer.self_attn.in_proj_bias.copy_(block.attn.qkv.bias)
    layer.self_attn.out_proj.weight.copy_(block.attn.proj.weight)
    layer.self_attn.out_proj.bias.copy_(block.attn.proj.bias)
    for mine, torchs in [(block.ln1, layer.norm1), (block.ln2, layer.norm2),
                         (block.mlp.fc, layer.linear1), (block.mlp.proj, layer.linear2)]:
        torchs.weight.copy_(mine.weight)
        torchs.bias.copy_(mine.bias)
    mask = nn.Transformer.generate_square_subsequent_mask(x.shape[1])  # (tokens, tokens), -inf above
    ours, _ = block(x)
    theirs = layer(x, src_mask=mask, is_causal=True)
gap = (ours - theirs).abs().max().item()
assert gap < TOL, f"Block and nn.TransformerEncoderLayer differ by {gap:.3g} (tolerance {TOL})"
# --8<-- [end:block]
