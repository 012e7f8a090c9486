"""Efficient attention, written out in plain tensor operations.

Four pieces, each small enough to read in one sitting and each checked on the
efficient-attention page against a plainer way of computing the same thing:

* ``naive_attention``, the textbook formula that holds the whole score matrix;
* ``online_softmax`` and ``blocked_attention``, the one-pass softmax of
  Milakov & Gimelshein (2018) and the tiled attention FlashAttention builds on it
  (Dao et al. 2022), which never holds more than one block of scores;
* ``GroupedQueryAttention``, multi-head, grouped-query and multi-query attention
  in one module, with a key/value cache and an optional sliding window;
* ``RecallModel`` and ``recall_batch``, a tiny causal Transformer and the
  recall task the page trains it on.

Everything runs on the CPU (or the ``meta`` device, for published sizes); nothing
here is a fused kernel, so each intermediate tensor can be seen and measured.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F


def window_mask(n_queries: int, n_keys: int, window: int | None = None) -> torch.Tensor:
    """Which keys each query may attend to, under a causal (and optionally sliding) mask.

    The queries are the last ``n_queries`` of the ``n_keys`` positions (as in decoding,
    where the cache holds earlier keys). Query ``i`` sits at position
    ``p = i + n_keys - n_queries`` and may attend to key ``j`` when ``j <= p`` and, with a
    window, ``j > p - window``: each query sees at most ``window`` keys, itself included.

    Args:
        n_queries: number of queries.
        n_keys: number of keys (at least ``n_queries``).
        window: keys each query may see, itself included; ``None`` for full causal.

    Returns:
        Boolean tensor of shape ``(n_queries, n_keys)``; ``True`` marks a visible key.
    """
    positions = torch.arange(n_queries).unsqueeze(1) + (n_keys - n_queries)  # (n_queries, 1)
    keys = torch.arange(n_keys).unsqueeze(0)  # (1, n_keys)
    visible = keys <= positions
    if window is not None:
        visible = visible & (keys > positions - window)
    return visible


def naive_attention(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None = None
) -> torch.Tensor:
    """``softmax(q kᵀ / √d) v``, holding the whole ``(n_queries, n_keys)`` score matrix.

    Args:
        q: queries, ``(..., n_queries, d)``.
        k: keys, ``(..., n_keys, d)``.
        v: values, ``(..., n_keys, d_v)``.
        mask: optional boolean ``(n_queries, n_keys)``; ``True`` marks a visible key.

    Returns:
        The output, ``(..., n_queries, d_v)``.
    """
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (..., n_queries, n_keys)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return scores.softmax(dim=-1) @ v


def online_softmax(x: torch.Tensor, chunk: int) -> torch.Tensor:
    """Softmax over the last axis, its normaliser computed in one pass, ``chunk`` entries at a time.

    Milakov & Gimelshein's online normaliser: keep a running maximum ``m`` and a
    running sum ``s`` of ``exp(x - m)``. When a chunk raises the maximum to ``m'``,
    every term already in the sum is too large by ``exp(m' - m)``, so the sum is
    multiplied by ``exp(m - m')`` before the chunk's own terms are added. At the end
    ``s`` is the usual normaliser, computed without ever exponentiating a positive
    number, so large scores cannot overflow. A second pass writes the probabilities
    (the safe softmax needs three: maximum, sum, probabilities).

    Args:
        x: scores, ``(..., n)``.
        chunk: how many entries are read at a time.

    Returns:
        ``softmax(x)`` along the last axis, ``(..., n)``.
    """
    m = torch.full(x.shape[:-1], float("-inf"), dtype=x.dtype)  # running maximum
    s = torch.zeros(x.shape[:-1], dtype=x.dtype)  # running sum of exp(x - m)
    for start in range(0, x.shape[-1], chunk):
        block = x[..., start:start + chunk]
        m_new = torch.maximum(m, block.amax(dim=-1))
        s = s * torch.exp(m - m_new) + torch.exp(block - m_new.unsqueeze(-1)).sum(dim=-1)
        m = m_new
    return torch.exp(x - m.unsqueeze(-1)) / s.unsqueeze(-1)


def blocked_attention(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    block_q: int = 64,
    block_k: int = 64,
    causal: bool = False,
    window: int | None = None,
) -> torch.Tensor:
    """Exact attention computed block by block, never holding the score matrix.

    FlashAttention's forward pass without its GPU kernel, in the loop order of
    FlashAttention-2 (Dao 2023): for each block of queries, walk over the blocks of
    keys, keep per query a running maximum ``m``, a running softmax denominator ``s``
    and an unnormalised output ``acc``, rescale ``s`` and ``acc`` by
    ``exp(m_old - m_new)`` whenever a block raises the maximum, and divide by ``s``
    once at the end. (The first FlashAttention, Dao et al. 2022, Algorithm 1, puts the
    keys in the outer loop and rescales a normalised output at every step.) Only a
    ``(block_q, block_k)`` tile of scores exists at any time. Key blocks that the
    causal or sliding mask hides entirely are skipped.

    Args:
        q: queries, ``(..., n_queries, d)``.
        k: keys, ``(..., n_keys, d)``.
        v: values, ``(..., n_keys, d_v)``.
        block_q: queries per tile.
        block_k: keys per tile.
        causal: apply the causal mask of ``window_mask``.
        window: with ``causal``, each query sees at most this many keys.

    Returns:
        The output, ``(..., n_queries, d_v)``, equal to ``naive_attention`` with
        the same mask up to floating-point rounding.
    """
    n_q, n_k = q.shape[-2], k.shape[-2]
    offset = n_k - n_q  # query i sits at position i + offset
    scale = 1.0 / math.sqrt(q.shape[-1])
    out = q.new_empty(*q.shape[:-1], v.shape[-1])  # (..., n_queries, d_v)
    for i0 in range(0, n_q, block_q):
        qi = q[..., i0:i0 + block_q, :] * scale  # (..., bq, d)
        rows = qi.shape[-2]
        first, last = i0 + offset, i0 + rows - 1 + offset  # positions of the block's queries
        m = q.new_full((*qi.shape[:-1],), float("-inf"))  # (..., bq) running maximum
        s = q.new_zeros((*qi.shape[:-1],))  # (..., bq) running denominator
        acc = q.new_zeros((*qi.shape[:-1], v.shape[-1]))  # (..., bq, d_v) unnormalised output
        for j0 in range(0, n_k, block_k):
            cols = min(block_k, n_k - j0)
            if causal and j0 > last:
                break  # every later key is in the future of every query of the block
            if causal and window is not None and j0 + cols - 1 <= first - window:
                continue  # the whole tile is older than the window of every query
            scores = qi @ k[..., j0:j0 + cols, :].transpose(-2, -1)  # (..., bq, bk)
            if causal:
                pos = torch.arange(first, last + 1).unsqueeze(1)  # (bq, 1)
                key = torch.arange(j0, j0 + cols).unsqueeze(0)  # (1, bk)
                visible = key <= pos
                if window is not None:
                    visible = visible & (key > pos - window)
                scores = scores.masked_fill(~visible, float("-inf"))
            m_new = torch.maximum(m, scores.amax(dim=-1))
            # A row that has seen no visible key yet keeps m = -inf; subtract 0 there.
            shift = torch.where(torch.isinf(m_new), torch.zeros_like(m_new), m_new)
            p = torch.exp(scores - shift.unsqueeze(-1))  # (..., bq, bk)
            rescale = torch.exp(m - shift)  # exp(m_old - m_new); 0 while m_old = -inf
            s = s * rescale + p.sum(dim=-1)
            acc = acc * rescale.unsqueeze(-1) + p @ v[..., j0:j0 + cols, :]
            m = m_new
        out[..., i0:i0 + rows, :] = acc / s.unsqueeze(-1)
    return out


class GroupedQueryAttention(nn.Module):
    """Causal self-attention with ``n_heads`` query heads sharing ``n_kv_heads`` key/value heads.

    ``n_kv_heads == n_heads`` is ordinary multi-head attention, ``n_kv_heads == 1`` is
    multi-query attention (Shazeer 2019), anything between is grouped-query attention
    (Ainslie et al. 2023): query head ``h`` reads key/value head ``h // (n_heads //
    n_kv_heads)``. Only the ``n_kv_heads`` keys and values are projected and cached.
    No biases and no positions inside the layer (a Llama-style layer would rotate
    queries and keys with RoPE here; the page's checks do not need it).

    Args:
        d_model: width of the residual stream.
        n_heads: query heads.
        n_kv_heads: key/value heads; must divide ``n_heads``.
        head_dim: width of one head; ``d_model // n_heads`` when ``None``.
        window: with a value, sliding-window attention: each query sees at most this
            many keys, itself included, and the cache keeps only that many tokens.
    """

    def __init__(self, d_model: int, n_heads: int, n_kv_heads: int,
                 head_dim: int | None = None, window: int | None = None) -> None:
        super().__init__()
        if n_heads % n_kv_heads:
            raise ValueError(f"n_kv_heads={n_kv_heads} must divide n_heads={n_heads}")
        self.n_heads, self.n_kv_heads, self.window = n_heads, n_kv_heads, window
        self.head_dim = head_dim or d_model // n_heads
        self.q = nn.Linear(d_model, n_heads * self.head_dim, bias=False)
        self.k = nn.Linear(d_model, n_kv_heads * self.head_dim, bias=False)
        self.v = nn.Linear(d_model, n_kv_heads * self.head_dim, bias=False)
        self.o = nn.Linear(n_heads * self.head_dim, d_model, bias=False)

    def keys_values(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The keys and values of new tokens, as the cache stores them.

        Args:
            x: the new tokens, ``(batch, tokens, d_model)``.

        Returns:
            Keys and values, each ``(batch, n_kv_heads, tokens, head_dim)``.
        """
        b, n, _ = x.shape
        k = self.k(x).view(b, n, self.n_kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(x).view(b, n, self.n_kv_heads, self.head_dim).transpose(1, 2)
        return k, v

    def forward(
        self, x: torch.Tensor, cache: tuple[torch.Tensor, torch.Tensor] | None = None
    ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        """Attend from the new tokens ``x`` to the cached tokens and to themselves.

        Args:
            x: the new tokens, ``(batch, tokens, d_model)``.
            cache: keys and values of earlier tokens, each
                ``(batch, n_kv_heads, cached, head_dim)``, or ``None``.

        Returns:
            The output ``(batch, tokens, d_model)`` and the new cache (with a window,
            only its last ``window`` tokens).
        """
        b, n, _ = x.shape
        q = self.q(x).view(b, n, self.n_heads, self.head_dim).transpose(1, 2)  # (b, H, n, hd)
        k, v = self.keys_values(x)  # each (b, G, n, hd)
        if cache is not None:
            k, v = torch.cat([cache[0], k], dim=2), torch.cat([cache[1], v], dim=2)
        group = self.n_heads // self.n_kv_heads
        keys = k.shape[2]
        if n == 1 and (self.window is None or keys <= self.window):
            mask = None  # one new token sees every cached key: nothing to hide
        else:
            mask = window_mask(n, keys, self.window).to(x.device)  # (n, keys)
        mixed = naive_attention(q, k.repeat_interleave(group, dim=1),
                                v.repeat_interleave(group, dim=1), mask)  # (b, H, n, hd)
        if self.window is not None:  # a rolling buffer: older keys can never be seen again
            k, v = k[:, :, -self.window:], v[:, :, -self.window:]
        return self.o(mixed.transpose(1, 2).reshape(b, n, -1)), (k, v)


def cache_bytes_per_token(layers: int, heads: int, kv_heads: int, head_dim: int,
                          dtype: torch.dtype = torch.float16) -> int:
    """Bytes of keys and values a decoder caches per token, measured on ``meta``.

    One ``GroupedQueryAttention`` layer of the given sizes (input width
    ``heads * head_dim``) is built on the ``meta`` device, projects one token to the
    keys and values it would cache, and their bytes are counted once per layer: every
    layer has the same shapes. Nothing is allocated.

    Args:
        layers: number of attention layers.
        heads: query heads.
        kv_heads: key/value heads.
        head_dim: width of one head.
        dtype: the cache's number format.

    Returns:
        Bytes per token of one sequence.
    """
    d_model = heads * head_dim
    with torch.device("meta"):
        layer = GroupedQueryAttention(d_model, heads, kv_heads, head_dim).to(dtype)
        token = torch.empty(1, 1, d_model, dtype=dtype)  # (batch, tokens, d_model)
        k, v = layer.keys_values(token)  # each (batch, kv_heads, tokens, head_dim)
    return layers * (k.numel() * k.element_size() + v.numel() * v.element_size())


class RecallModel(nn.Module):
    """A tiny causal Transformer that answers from its last position.

    Token and learned position embeddings, ``layers`` pre-norm blocks of
    ``GroupedQueryAttention`` and a two-layer MLP, then a linear readout of the
    last position.

    Args:
        vocab: number of token ids.
        classes: number of answers.
        length: sequence length (size of the position table).
        d_model: width.
        layers: number of blocks.
        window: sliding window of every layer; ``None`` for full causal attention.
    """

    def __init__(self, vocab: int, classes: int, length: int, d_model: int = 32,
                 layers: int = 1, window: int | None = None) -> None:
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.position = nn.Parameter(0.1 * torch.randn(length, d_model))
        self.norms = nn.ModuleList(nn.LayerNorm(d_model) for _ in range(2 * layers))
        self.attn = nn.ModuleList(GroupedQueryAttention(d_model, 4, 2, window=window) for _ in range(layers))
        self.mlp = nn.ModuleList(
            nn.Sequential(nn.Linear(d_model, 2 * d_model), nn.GELU(), nn.Linear(2 * d_model, d_model))
            for _ in range(layers))
        self.head = nn.Linear(d_model, classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        """Logits ``(batch, classes)`` for token ids ``(batch, length)``."""
        x = self.embed(tokens) + self.position[: tokens.shape[1]]  # (batch, length, d_model)
        for index, (attn, mlp) in enumerate(zip(self.attn, self.mlp, strict=True)):
            x = x + attn(self.norms[2 * index](x))[0]
            x = x + mlp(self.norms[2 * index + 1](x))
        return self.head(x[:, -1])


def recall_batch(n: int, length: int, symbols: int, fillers: int, distances: range,
                 generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Sequences of filler tokens with one symbol to recall, and the symbol.

    Token ids ``0 .. symbols-1`` are the symbols, the next ``fillers`` ids are filler.
    Each sequence is filler except for one symbol placed ``distance`` tokens before
    the last position, with ``distance`` drawn from ``distances``; the answer is the
    symbol.

    Args:
        n: number of sequences.
        length: tokens per sequence.
        symbols: number of symbols (the chance accuracy is ``1 / symbols``).
        fillers: number of filler token ids.
        distances: the distances from the last position the symbol may be placed at.
        generator: the random generator.

    Returns:
        Token ids ``(n, length)`` and answers ``(n,)``.
    """
    tokens = torch.randint(symbols, symbols + fillers, (n, length), generator=generator)
    answers = torch.randint(0, symbols, (n,), generator=generator)
    choice = torch.randint(0, len(distances), (n,), generator=generator)
    where = length - 1 - torch.tensor(list(distances))[choice]  # (n,) positions of the symbol
    tokens[torch.arange(n), where] = answers
    return tokens, answers


def train_recall(model: nn.Module, data: tuple[torch.Tensor, torch.Tensor], steps: int,
                 lr: float = 1e-2, batch: int = 64) -> nn.Module:
    """Train ``model`` with Adam on minibatches drawn in turn from ``data``.

    Adam is written out (Kingma and Ba 2015, Algorithm 1, with ``torch.optim.Adam``'s
    defaults: betas 0.9 and 0.999, eps 1e-8) because constructing ``torch.optim.Adam``
    imports ``torch._dynamo``, about 1.5 s of CPU in a fresh process: more than the
    training itself.
    """
    tokens, answers = data
    params = [p for p in model.parameters() if p.requires_grad]
    m = [torch.zeros_like(p) for p in params]  # first-moment estimates
    v = [torch.zeros_like(p) for p in params]  # second-moment estimates
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(steps):
        rows = slice((step * batch) % len(tokens), (step * batch) % len(tokens) + batch)
        loss = F.cross_entropy(model(tokens[rows]), answers[rows])
        grads = torch.autograd.grad(loss, params)
        t = step + 1
        with torch.no_grad():
            for p, g, m_p, v_p in zip(params, grads, m, v, strict=True):
                m_p.lerp_(g, 1 - b1)  # m = b1 m + (1 - b1) g
                v_p.lerp_(g * g, 1 - b2)  # v = b2 v + (1 - b2) g²
                p -= lr * (m_p / (1 - b1**t)) / ((v_p / (1 - b2**t)).sqrt() + eps)
    return model
