"""A Llama-style decoder, written from scratch: the block most open language models use.

One block is: ``h = x + attention(rms_norm(x))``, then ``out = h + swiglu(rms_norm(h))``.
Attention is causal, rotates its queries and keys by their positions (RoPE) and may
share one key/value head among several query heads (grouped-query attention). No linear
layer has a bias. The model around the blocks is a token table, the stack, a final
RMSNorm and an output head with weights of its own (not tied to the token table).

The parameter-holding tensors follow Meta's reference code (``llama/model.py``) and the
Hugging Face ``LlamaForCausalLM`` layout, so a full-size configuration built here on the
``meta`` device has exactly the released model's parameter count. Differences from the
reference code, none of which changes a count: RoPE rotates the two halves of each head
(the Hugging Face layout) rather than adjacent pairs (Meta's complex-number layout), a
permutation of the head's coordinates; there is no key/value cache; attention is written
out (scores, mask, softmax) rather than called. ``pre_norm=False`` builds the post-norm
block of the original Transformer for comparison; it is not part of any Llama.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn


@dataclass(frozen=True)
class DecoderConfig:
    """Sizes of a Llama-style decoder, named as in a Hugging Face ``config.json``.

    Attributes:
        vocab_size: rows of the token table and of the output head.
        hidden_size: width of the residual stream, ``d``.
        intermediate_size: width of the SwiGLU feed-forward layer.
        num_hidden_layers: number of blocks.
        num_attention_heads: query heads per block; must divide ``hidden_size``.
        num_key_value_heads: key/value heads per block; must divide the query heads.
            Equal to ``num_attention_heads`` is ordinary multi-head attention, ``1`` is
            multi-query attention, anything between is grouped-query attention.
        rms_norm_eps: the epsilon inside every RMSNorm.
        rope_theta: the base of RoPE's frequencies.
        pre_norm: ``True`` for the Llama block; ``False`` normalises after each residual
            addition instead (post-norm) and drops the final norm.
    """

    vocab_size: int = 32000
    hidden_size: int = 4096
    intermediate_size: int = 11008
    num_hidden_layers: int = 32
    num_attention_heads: int = 32
    num_key_value_heads: int = 32
    rms_norm_eps: float = 1e-5
    rope_theta: float = 10000.0
    pre_norm: bool = True


class RMSNorm(nn.Module):
    """Root-mean-square normalisation (Zhang & Sennrich 2019): ``x / rms(x) * weight``.

    Unlike LayerNorm it subtracts no mean and adds no bias: one gain per feature.

    Args:
        dim: number of features, the last axis of the input.
        eps: added to the mean square before the square root.
    """

    def __init__(self, dim: int, eps: float = 1e-5) -> None:
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: Tensor) -> Tensor:
        """Normalise the last axis of ``x`` to unit root mean square, then scale it."""
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope(x: Tensor, positions: Tensor, theta: float = 10000.0) -> Tensor:
    """Rotate each head's vectors by angles proportional to their positions (RoPE).

    Coordinate ``i`` of the first half and coordinate ``i`` of the second half form a
    pair, rotated by ``position * theta ** (-2i / head_dim)``.

    Args:
        x: queries or keys, shaped (batch, heads, tokens, head_dim), head_dim even.
        positions: the position of each token, shaped (tokens,); any real numbers.
        theta: the frequency base.

    Returns:
        The rotated tensor, the same shape as ``x``.
    """
    half = x.shape[-1] // 2
    freqs = theta ** (-torch.arange(half, dtype=x.dtype, device=x.device) / half)  # (half,)
    angles = positions.to(x.dtype)[:, None] * freqs[None, :]  # (tokens, half)
    cos, sin = angles.cos(), angles.sin()
    a, b = x[..., :half], x[..., half:]
    return torch.cat([a * cos - b * sin, a * sin + b * cos], dim=-1)


class Attention(nn.Module):
    """Causal grouped-query self-attention with RoPE and no biases.

    Args:
        config: the model's sizes; uses ``hidden_size``, the two head counts and
            ``rope_theta``.
    """

    def __init__(self, config: DecoderConfig) -> None:
        super().__init__()
        d, h, kv = config.hidden_size, config.num_attention_heads, config.num_key_value_heads
        if d % h or h % kv:
            raise ValueError(f"{h} heads must divide {d}, and {kv} key/value heads must divide {h}")
        self.n_heads, self.n_kv_heads, self.head_dim = h, kv, d // h
        self.theta = config.rope_theta
        self.q_proj = nn.Linear(d, h * self.head_dim, bias=False)
        self.k_proj = nn.Linear(d, kv * self.head_dim, bias=False)
        self.v_proj = nn.Linear(d, kv * self.head_dim, bias=False)
        self.o_proj = nn.Linear(h * self.head_dim, d, bias=False)

    def forward(self, x: Tensor, positions: Tensor) -> Tensor:
        """Attend causally over ``x`` (batch, tokens, d); ``positions`` is (tokens,)."""
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.n_heads, self.head_dim).transpose(1, 2)  # (b, h, t, hd)
        k = self.k_proj(x).view(b, t, self.n_kv_heads, self.head_dim).transpose(1, 2)  # (b, kv, t, hd)
        v = self.v_proj(x).view(b, t, self.n_kv_heads, self.head_dim).transpose(1, 2)  # (b, kv, t, hd)
        q, k = rope(q, positions, self.theta), rope(k, positions, self.theta)
        group = self.n_heads // self.n_kv_heads  # query heads per key/value head
        k = k.repeat_interleave(group, dim=1)  # (b, h, t, hd): head j reads key/value head j // group
        v = v.repeat_interleave(group, dim=1)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)  # (b, h, t, t)
        future = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
        weights = F.softmax(scores.masked_fill(future, float("-inf")), dim=-1)  # exact zeros above the diagonal
        out = (weights @ v).transpose(1, 2).reshape(b, t, -1)  # (b, t, h * hd)
        return self.o_proj(out)


class SwiGLU(nn.Module):
    """The gated feed-forward layer of Shazeer (2020): ``down(silu(gate(x)) * up(x))``.

    Three matrices instead of the classic MLP's two; none has a bias.

    Args:
        dim: width of the residual stream.
        hidden: width of the gated hidden layer.
    """

    def __init__(self, dim: int, hidden: int) -> None:
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden, bias=False)
        self.up_proj = nn.Linear(dim, hidden, bias=False)
        self.down_proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x: Tensor) -> Tensor:
        """Apply the gated layer to the last axis of ``x``."""
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    """One decoder block: pre-norm attention and pre-norm SwiGLU, each added to the stream.

    With ``config.pre_norm`` false the norms move after the additions (post-norm).

    Args:
        config: the model's sizes.
    """

    def __init__(self, config: DecoderConfig) -> None:
        super().__init__()
        self.pre_norm = config.pre_norm
        self.input_layernorm = RMSNorm(config.hidden_size, config.rms_norm_eps)
        self.self_attn = Attention(config)
        self.post_attention_layernorm = RMSNorm(config.hidden_size, config.rms_norm_eps)
        self.mlp = SwiGLU(config.hidden_size, config.intermediate_size)

    def forward(self, x: Tensor, positions: Tensor) -> Tensor:
        """Map the stream ``x`` (batch, tokens, d) to the next stream, the same shape."""
        if self.pre_norm:
            h = x + self.self_attn(self.input_layernorm(x), positions)
            return h + self.mlp(self.post_attention_layernorm(h))
        h = self.input_layernorm(x + self.self_attn(x, positions))
        return self.post_attention_layernorm(h + self.mlp(h))


class Decoder(nn.Module):
    """Token table, a stack of blocks, a final RMSNorm and an untied output head.

    Args:
        config: the model's sizes.
    """

    def __init__(self, config: DecoderConfig) -> None:
        super().__init__()
        self.config = config
        # nn.Embedding fills its table with normal_, which on the meta device goes through
        # torch's Python reference kernels and imports its compiler stack (over a second of
        # CPU on first use). The table starts empty and is filled here only where it has
        # storage, by the same draw at the same point as nn.Embedding's own.
        table = torch.empty(config.vocab_size, config.hidden_size)
        self.embed_tokens = nn.Embedding(config.vocab_size, config.hidden_size, _weight=table)
        if not table.is_meta:
            nn.init.normal_(self.embed_tokens.weight)
        self.layers = nn.ModuleList(Block(config) for _ in range(config.num_hidden_layers))
        self.norm = RMSNorm(config.hidden_size, config.rms_norm_eps) if config.pre_norm else nn.Identity()
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size, bias=False)

    def forward(self, idx: Tensor, start: int = 0) -> Tensor:
        """Logits (batch, tokens, vocab) for token ids ``idx`` (batch, tokens).

        ``start`` is the position of the first token; RoPE sees only position
        differences, so it should not matter (a claim on the page checks that).
        """
        positions = torch.arange(start, start + idx.shape[1], device=idx.device)
        x = self.embed_tokens(idx)  # (batch, tokens, d)
        for layer in self.layers:
            x = layer(x, positions)
        return self.lm_head(self.norm(x))


def swiglu_hidden(dim: int, multiple_of: int, ffn_dim_multiplier: float | None = None) -> int:
    """The feed-forward width Meta's reference code derives from ``dim``.

    Two thirds of ``4 * dim`` (truncated), optionally scaled by ``ffn_dim_multiplier``
    (truncated again), then rounded up to a multiple of ``multiple_of``.

    Args:
        dim: width of the residual stream.
        multiple_of: the width is rounded up to a multiple of this.
        ffn_dim_multiplier: an extra factor (Llama 2 70B and Llama 3 use one).

    Returns:
        The width of the SwiGLU hidden layer.
    """
    hidden = int(2 * (4 * dim) / 3)
    if ffn_dim_multiplier is not None:
        hidden = int(ffn_dim_multiplier * hidden)
    return multiple_of * ((hidden + multiple_of - 1) // multiple_of)
