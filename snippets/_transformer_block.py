"""A pre-norm Transformer block, shared by the labs' ViT and Transformers.

The labs train small Transformers on images and on token sequences; all use this one
block, so a difference between the two labs, or between the sequence lab's position
schemes, is never a difference in the block.
"""

import torch
from torch import nn
from torch.nn import functional as F

from snippets._position_schemes import alibi_bias, alibi_slopes, rotate


class Block(nn.Module):
    """A pre-norm Transformer block: x + attention(norm(x)), then x + MLP(norm(x)).

    Args:
        dim: The width of every token's vector.
        heads: Attention heads, each of width ``dim / heads``.
        positions: What the attention itself knows of position: ``"none"`` (what it is
            given in its input, if anything), ``"rope"`` (queries and keys turned by
            their position) or ``"alibi"`` (each score lowered by the head's slope times
            the distance ``|i - j|`` between query and key, in both directions, since
            the block reads every token).
    """

    def __init__(self, dim: int, heads: int, positions: str = "none") -> None:
        super().__init__()
        if positions not in ("none", "rope", "alibi"):
            raise ValueError(f"unknown position scheme {positions!r}: use 'none', 'rope' or 'alibi'")
        self.heads, self.positions = heads, positions
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.out = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape  # (batch, tokens, dim)
        q, k, v = self.qkv(self.norm1(x)).view(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        bias = None
        if self.positions == "rope":
            q, k = rotate(q, torch.arange(n)), rotate(k, torch.arange(n))
        elif self.positions == "alibi":  # (heads, tokens, tokens), -slope * |i - j|
            bias = -alibi_bias(n, alibi_slopes(self.heads)).abs().to(x.dtype)
        mixed = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)  # (batch, heads, tokens, dim / heads)
        x = x + self.out(mixed.transpose(1, 2).reshape(b, n, d))
        return x + self.mlp(self.norm2(x))
