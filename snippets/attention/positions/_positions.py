"""Four ways to tell attention where a token is, on one small model and one recall task.

The task, *the most recent marked symbol*: a sequence of plain symbols (eight kinds,
tokens 0 to 7) holds three marked symbols (tokens 8 to 15, the same eight kinds),
followed by a query token; the answer is the kind of the marked symbol nearest the end.
Which of the three is the answer is decided by position alone, and by relative position:
the nearest to the query. Training sequences hold 8 to 16 tokens before the query, as in
the sequence lab; the tests use 16 and 48.

The model is one attention layer read out at the query token, with one of five position
schemes (``"none"``, ``"learned"``, ``"sinusoidal"``, ``"rope"``, ``"alibi"``) and
nothing else changed, so a difference between two of them is a difference in positions.
``PositionAttention`` takes the same ``(batch, tokens)`` input as the lab's models and
returns ``(batch, 8)`` logits, so it can join the lab's table.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from snippets._position_schemes import BASE, alibi_bias, alibi_slopes, rotate

KINDS = 8  # plain symbols 0..7; the same symbols marked are 8..15
QUERY = 2 * KINDS  # the token the answer is read at
VOCAB = 2 * KINDS + 1
MARKS = 3  # marked symbols per sequence: the answer is the last of them
RECENT = 6  # the last mark is one of the final RECENT tokens before the query
TRAIN_LENGTHS = (8, 16)  # shortest and longest training sequence, before the query
DIM, HEADS = 32, 8  # model width and heads (ALiBi gives each head its own slope)
MAX_LEN = 64  # rows of the learned table: more than any test length needs
STEPS, BATCH, LR = 150, 64, 1e-2


def recent_marks(
    n: int, length: int, generator: torch.Generator, back: tuple[int, int] = (0, RECENT)
) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` sequences of ``length`` symbols and a query token; three are marked.

    The last mark sits ``back[0]`` to ``back[1] - 1`` symbols before the query's
    neighbour (0: right before the query); the other two anywhere before it (they may
    coincide).

    Returns:
        Tokens ``(n, length + 1)`` and answers ``(n,)``: the kind of the last mark.
    """
    tokens = torch.randint(0, KINDS, (n, length), generator=generator)
    kinds = torch.randint(0, KINDS, (n, MARKS), generator=generator)
    last = length - 1 - torch.randint(back[0], back[1], (n,), generator=generator)  # (n,)
    earlier = (torch.rand(n, MARKS - 1, generator=generator) * last.unsqueeze(1)).long()  # before `last`
    where = torch.cat([earlier, last.unsqueeze(1)], dim=1)  # (n, MARKS), the answer's last
    tokens.scatter_(1, where, kinds + KINDS)
    query = torch.full((n, 1), QUERY)
    return torch.cat([tokens, query], dim=1), kinds[:, -1]


def sinusoids(length: int, dim: int) -> torch.Tensor:
    """Vaswani et al.'s table: ``sin`` and ``cos`` of ``position / BASE^(2i/dim)``,
    interleaved (even coordinates sines, odd ones cosines).

    Returns:
        ``(length, dim)``.
    """
    position = torch.arange(length, dtype=torch.float64).unsqueeze(1)  # (length, 1)
    frequency = BASE ** (-torch.arange(0, dim, 2, dtype=torch.float64) / dim)  # (dim / 2,)
    table = torch.zeros(length, dim, dtype=torch.float64)
    table[:, 0::2], table[:, 1::2] = torch.sin(position * frequency), torch.cos(position * frequency)
    return table


class PositionAttention(nn.Module):
    """One attention layer read out at the last token, with one position scheme.

    ``learned`` and ``sinusoidal`` add a vector to each token's embedding; ``rope`` turns
    the queries and keys; ``alibi`` adds a fixed bias to the scores; ``none`` does
    nothing. There is no feed-forward layer and no normalisation: the residual stream at
    the query plus the attention's output goes straight to a linear readout.
    """

    def __init__(self, kind: str, dim: int = DIM, heads: int = HEADS, max_len: int = MAX_LEN) -> None:
        super().__init__()
        if kind not in ("none", "learned", "sinusoidal", "rope", "alibi"):
            raise ValueError(f"unknown position scheme {kind!r}")
        self.kind, self.heads = kind, heads
        self.embed = nn.Embedding(VOCAB, dim)
        self.table = nn.Embedding(max_len, dim) if kind == "learned" else None
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.head = nn.Linear(dim, KINDS)
        self.scale = 1.0  # multiplies RoPE's positions: 1 plain, < 1 position interpolation

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        b, n = tokens.shape  # (batch, tokens); the last token is the query
        position = torch.arange(n)
        h = self.embed(tokens)  # (batch, tokens, dim)
        if self.kind == "learned":
            h = h + self.table(position)
        elif self.kind == "sinusoidal":
            h = h + sinusoids(n, h.shape[-1]).to(h.dtype)
        d = h.shape[-1]
        q, k, v = self.qkv(h).view(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q = q[:, :, -1:]  # (batch, heads, 1, dim / heads): only the query token asks
        if self.kind == "rope":
            q, k = rotate(q, self.scale * position[-1:]), rotate(k, self.scale * position)
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // self.heads)  # (batch, heads, 1, tokens)
        if self.kind == "alibi":
            scores = scores + alibi_bias(n, alibi_slopes(self.heads))[:, -1:].to(scores.dtype)
        mixed = (scores.softmax(dim=-1) @ v).reshape(b, d)  # (batch, dim)
        return self.head(h[:, -1] + self.out(mixed))  # (batch, KINDS)


def train(kind: str, seed: int, steps: int = STEPS) -> PositionAttention:
    """Train a ``PositionAttention(kind)`` with Adam on fresh batches of 8 to 16 symbols.

    Returns:
        The trained model.
    """
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = PositionAttention(kind)
    optimiser = torch.optim.Adam(model.parameters(), lr=LR, foreach=True)
    for _ in range(steps):
        length = int(torch.randint(TRAIN_LENGTHS[0], TRAIN_LENGTHS[1] + 1, (1,), generator=generator))
        tokens, answers = recent_marks(BATCH, length, generator)
        loss = F.cross_entropy(model(tokens), answers)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return model.eval()


def accuracy(model: nn.Module, length: int, seed: int, back: tuple[int, int] = (0, RECENT), n: int = 500) -> float:
    """The share of ``n`` fresh sequences of ``length`` symbols, the last mark ``back``
    symbols from the end, answered right (test sequences come from a generator no
    training run uses)."""
    generator = torch.Generator().manual_seed(10_000 + seed)
    tokens, answers = recent_marks(n, length, generator, back)
    with torch.no_grad():
        return (model(tokens).argmax(dim=1) == answers).float().mean().item()
