"""An encoder layer is two residual blocks: self-attention, then a feed-forward net.

Post-norm (the paper, and PyTorch's default):
    h = LayerNorm(x + SelfAttention(x));  y = LayerNorm(h + FF(h))
Pre-norm (`norm_first=True`):
    h = x + SelfAttention(LayerNorm(x));  y = h + FF(LayerNorm(h))
with FF(h) = W₂ ReLU(W₁ h + b₁) + b₂ applied to each position separately. Written
out with the module's own weights (dropout off), both orders give the same output
as `nn.TransformerEncoderLayer`.

Conditions: `nn.TransformerEncoderLayer(32, 4, 64)` with random weights at
initialisation and no dropout, random Gaussian input of 2 sequences of 6 tokens,
float32; equal to 1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off

batch, n, d, n_heads, d_ff = 2, 6, 32, 4, 64
x = torch.randn(batch, n, d)  # (batch, tokens, d_model)

# --8<-- [start:layer]
for norm_first in (False, True):
    layer = nn.TransformerEncoderLayer(
        d, n_heads, d_ff, dropout=0.0, batch_first=True, norm_first=norm_first
    ).eval()

    def self_attention(t: torch.Tensor) -> torch.Tensor:
        return layer.self_attn(t, t, t, need_weights=False)[0]  # (batch, tokens, d_model)

    def feed_forward(t: torch.Tensor) -> torch.Tensor:
        hidden = F.relu(layer.linear1(t))  # (batch, tokens, d_ff): position by position
        return layer.linear2(hidden)  # (batch, tokens, d_model)

    with torch.no_grad():
        if norm_first:
            h = x + self_attention(layer.norm1(x))
            ours = h + feed_forward(layer.norm2(h))
        else:
            h = layer.norm1(x + self_attention(x))
            ours = layer.norm2(h + feed_forward(h))
        theirs = layer(x)  # (batch, tokens, d_model)
    gap = (ours - theirs).abs().max().item()
    assert gap < TOL, f"norm_first={norm_first}: from scratch and module differ by {gap:.2e}"
# --8<-- [end:layer]
