"""GPT-2, built from scratch: a decoder-only Transformer with causal self-attention.

The model follows the released GPT-2 checkpoints (Radford et al., 2019) in every
tensor that holds parameters: learned token and position embeddings, a stack of
pre-LayerNorm blocks (LayerNorm → causal attention → residual, LayerNorm → MLP →
residual), a final LayerNorm, and an output projection that *is* the token embedding
matrix (weight tying). Attention is written out by hand (scores, mask, softmax,
weighted sum) so that the causal mask is visible; it is checked against
``torch.nn.functional.scaled_dot_product_attention`` on the page.

Differences from the released model, none of which changes a parameter count:
linear layers use ``nn.Linear`` (the checkpoints store the transpose, as ``Conv1D``),
and there is no dropout.

Every attention layer can run incrementally: given the keys and values of the tokens
it has already seen (a key/value cache), it processes only the new tokens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from snippets._jacobian import position_blocks

# One layer's cache: keys and values of every token seen so far,
# each of shape (batch, heads, tokens_so_far, head_dim).
LayerCache = tuple[Tensor, Tensor]


@dataclass(frozen=True)
class GPTConfig:
    """Sizes of a GPT-2 model. The defaults are GPT-2 small (the "124M" model).

    Attributes:
        vocab_size: number of tokens in the byte-pair vocabulary (50,257 for GPT-2).
        n_positions: longest sequence the position table covers (1,024 for GPT-2).
        d_model: width of the residual stream.
        n_layers: number of Transformer blocks.
        n_heads: attention heads per block; must divide ``d_model``.
        layer_norm_eps: the epsilon of every LayerNorm (1e-5 in GPT-2).
    """

    vocab_size: int = 50257
    n_positions: int = 1024
    d_model: int = 768
    n_layers: int = 12
    n_heads: int = 12
    layer_norm_eps: float = 1e-5


def _embedding(rows: int, width: int) -> nn.Embedding:
    """An embedding table initialised from N(0, 0.02²), as GPT-2 was.

    On the ``meta`` device the table is left empty: a meta tensor holds no values,
    and skipping the draw keeps counting a full-size model instant.
    """
    weight = torch.empty(rows, width)
    if not weight.is_meta:
        nn.init.normal_(weight, std=0.02)
    return nn.Embedding(rows, width, _weight=weight)


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention in which a token sees itself and earlier tokens only.

    Args:
        config: the model's sizes.
    """

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        if config.d_model % config.n_heads:
            raise ValueError(f"n_heads={config.n_heads} does not divide d_model={config.d_model}")
        self.n_heads = config.n_heads
        self.qkv = nn.Linear(config.d_model, 3 * config.d_model)  # queries, keys, values at once
        self.proj = nn.Linear(config.d_model, config.d_model)  # mixes the heads back together

    def forward(self, x: Tensor, cache: LayerCache | None = None) -> tuple[Tensor, LayerCache]:
        """Attend from each new token to every earlier token and to itself.

        Args:
            x: the new tokens' hidden states, shape (batch, new_tokens, d_model).
            cache: keys and values of the tokens processed before ``x``, or None.

        Returns:
            The attention output, shape (batch, new_tokens, d_model), and the cache
            extended by the new tokens' keys and values.
        """
        batch, new, width = x.shape
        head_dim = width // self.n_heads
        q, k, v = self.qkv(x).split(width, dim=-1)  # each (batch, new, d_model)
        q, k, v = (t.view(batch, new, self.n_heads, head_dim).transpose(1, 2) for t in (q, k, v))
        if cache is not None:  # prepend what earlier calls saw
            k = torch.cat([cache[0], k], dim=2)  # (batch, heads, past + new, head_dim)
            v = torch.cat([cache[1], v], dim=2)
        past = k.shape[2] - new
        scores = q @ k.transpose(-2, -1) / math.sqrt(head_dim)  # (batch, heads, new, past + new)
        # New token i stands at absolute position past + i: it may see keys 0 .. past + i.
        allowed = torch.ones(new, past + new, dtype=torch.bool, device=x.device).tril(diagonal=past)
        scores = scores.masked_fill(~allowed, float("-inf"))
        weights = scores.softmax(dim=-1)  # each row sums to one over the visible keys
        out = (weights @ v).transpose(1, 2).reshape(batch, new, width)  # (batch, new, d_model)
        return self.proj(out), (k, v)


class MLP(nn.Module):
    """The position-wise feed-forward network: widen four times, GELU, project back.

    GPT-2 uses the tanh approximation of GELU.

    Args:
        config: the model's sizes.
    """

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.fc = nn.Linear(config.d_model, 4 * config.d_model)
        self.proj = nn.Linear(4 * config.d_model, config.d_model)

    def forward(self, x: Tensor) -> Tensor:
        """Apply the network to every position independently: (..., d_model) → (..., d_model)."""
        return self.proj(F.gelu(self.fc(x), approximate="tanh"))


class Block(nn.Module):
    """One pre-LayerNorm Transformer block: ``x + attn(ln1(x))``, then ``x + mlp(ln2(x))``.

    Args:
        config: the model's sizes.
    """

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(config.d_model, eps=config.layer_norm_eps)
        self.attn = CausalSelfAttention(config)
        self.ln2 = nn.LayerNorm(config.d_model, eps=config.layer_norm_eps)
        self.mlp = MLP(config)

    def forward(self, x: Tensor, cache: LayerCache | None = None) -> tuple[Tensor, LayerCache]:
        """Run the block on new tokens; see ``CausalSelfAttention.forward`` for ``cache``."""
        attended, cache = self.attn(self.ln1(x), cache)
        x = x + attended
        return x + self.mlp(self.ln2(x)), cache


class GPT(nn.Module):
    """GPT-2: embeddings, a stack of causal blocks, a final LayerNorm, tied output head.

    The output head has no weight of its own: ``lm_head.weight`` is the token
    embedding matrix, so ``parameters()`` yields it once although two modules hold it.

    Args:
        config: the model's sizes; ``GPTConfig()`` is GPT-2 small.

    Examples:
        Count GPT-2 small without allocating it:

        >>> with torch.device("meta"):
        ...     model = GPT(GPTConfig())
        >>> sum(p.numel() for p in model.parameters())
        124439808
    """

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.config = config
        self.wte = _embedding(config.vocab_size, config.d_model)  # token embeddings
        self.wpe = _embedding(config.n_positions, config.d_model)  # learned position embeddings
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.ln_f = nn.LayerNorm(config.d_model, eps=config.layer_norm_eps)
        self.lm_head = nn.Linear(config.d_model, config.vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight  # tie: one matrix reads tokens in and writes them out

    def embed(self, idx: Tensor, start: int = 0) -> Tensor:
        """Token plus position embeddings.

        Args:
            idx: token ids, shape (batch, tokens).
            start: absolute position of the first token (the length of the cache).

        Returns:
            Hidden states of shape (batch, tokens, d_model).

        Raises:
            ValueError: if the sequence would run past ``n_positions``.
        """
        end = start + idx.shape[1]
        if end > self.config.n_positions:
            raise ValueError(
                f"position {end - 1} is past the last learned position "
                f"({self.config.n_positions - 1}); GPT-2 has no embedding for it"
            )
        positions = torch.arange(start, end, device=idx.device)  # (tokens,)
        return self.wte(idx) + self.wpe(positions)

    def transform(
        self, h: Tensor, caches: list[LayerCache] | None = None
    ) -> tuple[Tensor, list[LayerCache]]:
        """Run the blocks and the final LayerNorm on hidden states.

        Args:
            h: embedded tokens, shape (batch, tokens, d_model).
            caches: one cache per block from earlier calls, or None.

        Returns:
            Final hidden states (batch, tokens, d_model) and the extended caches.
        """
        new_caches = []
        for i, block in enumerate(self.blocks):
            h, cache = block(h, None if caches is None else caches[i])
            new_caches.append(cache)
        return self.ln_f(h), new_caches

    def forward(
        self, idx: Tensor, caches: list[LayerCache] | None = None
    ) -> tuple[Tensor, list[LayerCache]]:
        """Next-token logits for every given token.

        Args:
            idx: token ids, shape (batch, tokens): the whole sequence, or only the new
                tokens when ``caches`` holds the earlier ones.
            caches: the caches returned by the previous call, or None to start afresh.

        Returns:
            Logits of shape (batch, tokens, vocab_size) and the caches to pass next time.
        """
        start = 0 if caches is None else caches[0][0].shape[2]
        h, caches = self.transform(self.embed(idx, start), caches)
        return self.lm_head(h), caches


def jacobian_blocks(model: GPT, h: Tensor) -> Tensor:
    """The size of every block of the model's Jacobian, one per (output, input) pair of
    positions (``snippets._jacobian.position_blocks``), through the blocks and final LayerNorm (`transform`) at the embedded
    input ``h`` of one sequence. The lower-triangular check and the page's figure both call it.

    Args:
        model: the model, in eval mode.
        h: the embedded inputs of one sequence, shape `(tokens, d_model)`.

    Returns:
        The largest $|J_{t,i,s,j}|$ of each block, shape `(tokens, tokens)`: row $t$ the
        output position, column $s$ the input position.
    """
    return position_blocks(lambda x: model.transform(x.unsqueeze(0))[0][0], h)  # (tokens, tokens)
