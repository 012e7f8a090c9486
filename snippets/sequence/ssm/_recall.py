"""Associative recall, a tiny LTI state-space model and a tiny attention model.

The task: a sequence of ``PAIRS`` tokens, each one a (key, value) pair with a distinct
key, then a query naming one of those keys; the answer is the value stored with it.
Every pair token is embedded as a key vector plus a value vector, the query as its key
vector plus a query flag, so both models start from the same information. Both read
their answer at the query, through the same two-layer head, and train with the same
hand-written Adam on the same batches.

``LTIRecall`` mixes the sequence with an S4D-style diagonal LTI state-space layer
(``snippets._diagonal_ssm``, the layer the sequence lab's state-space row uses too).
``AttentionRecall`` mixes it with one head of softmax attention
from the query to every token.
"""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from snippets._diagonal_ssm import DiagonalSSM

KEYS, VALUES = 16, 8  # key and value alphabets
PAIRS = 8  # (key, value) tokens before the query; chance is 1 / VALUES
WIDTH, STATE = 32, 16  # channels, and N states per channel of the SSM
STEPS, BATCH = 80, 64


def recall_batch(n: int, generator: torch.Generator, slot: int | None = None
                 ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``n`` recall sequences: keys ``(n, PAIRS + 1)``, values ``(n, PAIRS + 1)`` (the
    query's value slot holds ``VALUES``, meaning none) and answers ``(n,)``.

    The query asks for a pair drawn at random, or always for the pair at position
    ``slot`` when one is given (the same sequences, but the answer then always stands
    the same distance back from the query).
    """
    keys = torch.argsort(torch.rand(n, KEYS, generator=generator), dim=1)[:, : PAIRS + 1]
    values = torch.randint(0, VALUES, (n, PAIRS + 1), generator=generator)
    which = torch.randint(0, PAIRS, (n,), generator=generator)  # the pair the query asks for
    if slot is not None:
        which = torch.full((n,), slot)
    keys[:, PAIRS] = keys[torch.arange(n), which]  # the query repeats that pair's key
    answers = values[torch.arange(n), which]
    values[:, PAIRS] = VALUES  # the query carries no value
    return keys, values, answers


class Embed(nn.Module):
    """Key vector + value vector (+ a query flag on the last token)."""

    def __init__(self) -> None:
        super().__init__()
        self.key, self.value = nn.Embedding(KEYS, WIDTH), nn.Embedding(VALUES + 1, WIDTH)
        self.flag = nn.Parameter(torch.randn(WIDTH) / math.sqrt(WIDTH))

    def forward(self, keys, values):
        h = self.key(keys) + self.value(values)  # (batch, tokens, WIDTH)
        return torch.cat([h[:, :-1], h[:, -1:] + self.flag], dim=1)


def head(width: int, classes: int) -> nn.Module:
    return nn.Sequential(nn.Linear(width, 64), nn.GELU(), nn.Linear(64, classes))


class LTIRecall(nn.Module):
    """Embedding, one diagonal LTI SSM layer, GELU, and the head at the query."""

    LR = 0.03  # Adam's rate; at 0.01 it learns even the fixed-distance task slowly

    def __init__(self) -> None:
        super().__init__()
        self.embed, self.ssm, self.head = Embed(), DiagonalSSM(WIDTH, STATE), head(WIDTH, VALUES)

    def forward(self, keys, values):
        h = self.embed(keys, values)
        return self.head(F.gelu(self.ssm(h))[:, -1])


class AttentionRecall(nn.Module):
    """Embedding, one head of softmax attention from the query to every token, and
    the head; no positions (the task needs none)."""

    LR = 0.01  # Adam's rate; at 0.02 and above, some seeds' softmax saturates and stalls

    def __init__(self) -> None:
        super().__init__()
        self.embed, self.head = Embed(), head(WIDTH, VALUES)
        self.q, self.k, self.v = (nn.Linear(WIDTH, WIDTH) for _ in range(3))

    def forward(self, keys, values):
        h = self.embed(keys, values)  # (batch, tokens, WIDTH)
        query = self.q(h[:, -1:])  # (batch, 1, WIDTH)
        weights = torch.softmax(query @ self.k(h).transpose(1, 2) / math.sqrt(WIDTH), dim=-1)
        return self.head(h[:, -1] + (weights @ self.v(h))[:, 0])


def train(model: nn.Module, seed: int, steps: int = STEPS, slot: int | None = None) -> float:
    """Train with Adam (written out, at the model's ``LR``) on fresh batches of ``BATCH``;
    return the accuracy on 1,000 new sequences."""
    generator = torch.Generator().manual_seed(seed)
    params = list(model.parameters())
    first = [torch.zeros_like(p) for p in params]
    second = [torch.zeros_like(p) for p in params]
    for step in range(1, steps + 1):
        keys, values, answers = recall_batch(BATCH, generator, slot)
        loss = F.cross_entropy(model(keys, values), answers)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g, m, v in zip(params, grads, first, second):
                m.lerp_(g, 0.1)  # beta1 = 0.9
                v.lerp_(g * g, 0.001)  # beta2 = 0.999
                p -= model.LR * (m / (1 - 0.9**step)) / ((v / (1 - 0.999**step)).sqrt() + 1e-8)
    test = torch.Generator().manual_seed(10_000 + seed)
    keys, values, answers = recall_batch(1_000, test, slot)
    with torch.no_grad():
        return (model(keys, values).argmax(1) == answers).float().mean().item()
