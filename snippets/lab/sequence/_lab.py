"""The sequence lab: one recall task, eight models, every broken assumption measured.

The task: a sequence of plain symbols (eight kinds, tokens 0 to 7) holds exactly one
*marked* symbol (tokens 8 to 15, the same eight kinds); the answer is the marked
symbol's kind. Training sequences are 8 to 16 tokens long, and the marked token is one
of the last 8, so the answer never has to be carried more than 7 steps. Eight models
learn it with the same optimiser, steps and batches, each reading its answer from a
final vector of 32 units:

* ``rnn``, ``lstm``, ``gru``: an embedding of 16 dimensions and one recurrent layer of
  32 units (torch's ``nn.RNN``, ``nn.LSTM``, ``nn.GRU``), read out from the last state;
* ``ssm``: an embedding of 32 dimensions and one diagonal linear time-invariant
  state-space layer of 32 channels with 16 modes each (``snippets._diagonal_ssm``, the
  state-space page's layer), then GELU, read out from the last step;
* ``transformer``: an embedding of 32 dimensions plus the sinusoidal positions of
  Vaswani et al., one pre-norm Transformer block of two heads, mean pooling over the
  tokens;
* ``transformer_nopos``: the same with no position information at all;
* ``transformer_rope``, ``transformer_alibi``: the same block with nothing added to the
  embeddings and the position inside the attention instead, RoPE's rotation of queries
  and keys or ALiBi's distance penalty (``snippets._position_schemes``, the positions
  page's functions).

Each trained model is then tested on one set of 400 fresh in-distribution sequences,
under every condition but the two at 48 tokens, which draw 400 of their own. ``results()``
runs every model on five seeds, two processes at a time, and keeps the numbers in
``build/lab/`` so that the checks and the site's table read one run.
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from snippets import _lab_runner
from snippets._diagonal_ssm import DiagonalSSM
from snippets._transformer_block import Block

KINDS = 8  # symbols 0..7 plain, 8..15 the same symbols marked
VOCAB = 2 * KINDS
CHANCE = 1 / KINDS  # the accuracy of a guess
TRAIN_LENGTHS = (8, 16)  # shortest and longest training sequence
TRAIN_REACH = 8  # the marked token is one of the last TRAIN_REACH tokens
UNITS = 32  # the vector every model's readout sees
STEPS, BATCH, LR = 150, 64, 6e-3
TEST = 400  # sequences per condition

ARCHITECTURES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU", "ssm": "LTI state-space model",
                 "transformer": "Transformer", "transformer_nopos": "Transformer, no positions",
                 "transformer_rope": "Transformer, RoPE", "transformer_alibi": "Transformer, ALiBi"}
# the page of each architecture, for the comparison matrix
PAGES = {"rnn": "sequence/rnn.md", "lstm": "sequence/lstm.md", "gru": "sequence/gru.md",
         "ssm": "sequence/ssm.md", "transformer": "attention/transformer.md",
         "transformer_nopos": "attention/transformer.md",
         "transformer_rope": "attention/positions.md", "transformer_alibi": "attention/positions.md"}
# the architectures whose result may stand for their page in the comparison matrix: not the
# RoPE and ALiBi rows, one scheme each of a page about four, whose own checks differ
MATRIX_ARCHITECTURES = ("rnn", "lstm", "gru", "ssm", "transformer", "transformer_nopos")
# property of the comparison matrix -> (the condition that measures it, what that condition is)
MATRIX = {"long-range-memory": ("further_back", "the marked token 44 to 47 steps back")}
# condition -> what it does to the test sequences (the order of the table's columns)
CONDITIONS = {
    "in_distribution": "16 tokens, the marked one among the last 8",
    "longer": "48 tokens, the marked one among the last 8",
    "further_back": "48 tokens, the marked one among the first 4",
    "shuffled": "16 tokens, the in-distribution sequences in a random order",
    "distractors": "16 tokens, every plain token one wrong symbol",
    "fault": "a random quarter of the readout's units silenced",
}


# --8<-- [start:sequences]
def sequences(
    n: int, length: int, reach: tuple[int, int], generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` sequences of ``length`` tokens; the marked token sits ``reach[0]`` to
    ``reach[1] - 1`` tokens before the end (0 is the last token).

    Returns:
        Tokens ``(n, length)`` and answers ``(n,)``.
    """
    tokens = torch.randint(0, KINDS, (n, length), generator=generator)
    answers = torch.randint(0, KINDS, (n,), generator=generator)
    back = torch.randint(reach[0], reach[1], (n,), generator=generator)
    tokens[torch.arange(n), length - 1 - back] = answers + KINDS  # the marked token
    return tokens, answers
# --8<-- [end:sequences]


class Recurrent(nn.Module):
    def __init__(self, cell: type[nn.Module]) -> None:
        super().__init__()
        self.embed = nn.Embedding(VOCAB, 16)
        self.cell = cell(16, UNITS, batch_first=True)
        self.head = nn.Linear(UNITS, KINDS)
        self.silenced = torch.ones(UNITS)  # the fault condition zeroes some of these

    def forward(self, tokens):
        states, _ = self.cell(self.embed(tokens))  # (batch, time, UNITS)
        return self.head(states[:, -1] * self.silenced)  # the last state


class StateSpace(nn.Module):
    """An embedding, one diagonal LTI state-space layer, GELU, read out from the last step."""

    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Embedding(VOCAB, UNITS)
        self.ssm = DiagonalSSM(UNITS, 16)  # UNITS channels, 16 modes each
        self.head = nn.Linear(UNITS, KINDS)
        self.silenced = torch.ones(UNITS)

    def forward(self, tokens):
        states = F.gelu(self.ssm(self.embed(tokens)))  # (batch, time, UNITS)
        return self.head(states[:, -1] * self.silenced)


def sinusoids(length: int, dim: int) -> torch.Tensor:
    """The Transformer paper's positions: sin and cos of position / 10000^(2i/dim)."""
    position = torch.arange(length).unsqueeze(1)  # (length, 1)
    frequency = torch.exp(-math.log(10_000.0) * torch.arange(0, dim, 2) / dim)  # (dim / 2,)
    table = torch.zeros(length, dim)
    table[:, 0::2], table[:, 1::2] = torch.sin(position * frequency), torch.cos(position * frequency)
    return table  # (length, dim)


class Transformer(nn.Module):
    """One pre-norm block over the embeddings, mean pooling, a linear readout.

    ``positions``: ``"sinusoidal"`` (added to the embeddings), ``"none"``, or ``"rope"`` and
    ``"alibi"`` (inside the attention, see ``snippets._transformer_block.Block``)."""

    def __init__(self, positions: str) -> None:
        super().__init__()
        self.positions = positions
        self.embed = nn.Embedding(VOCAB, UNITS)
        inside = positions if positions in ("rope", "alibi") else "none"
        self.blocks = nn.ModuleList([Block(UNITS, 2, positions=inside)])
        self.norm = nn.LayerNorm(UNITS)
        self.head = nn.Linear(UNITS, KINDS)
        self.silenced = torch.ones(UNITS)

    def forward(self, tokens):
        h = self.embed(tokens)  # (batch, time, UNITS)
        if self.positions == "sinusoidal":
            h = h + sinusoids(tokens.shape[1], UNITS)
        for block in self.blocks:
            h = block(h)
        return self.head(self.norm(h).mean(dim=1) * self.silenced)


MODELS = {
    "rnn": lambda: Recurrent(nn.RNN), "lstm": lambda: Recurrent(nn.LSTM),
    "gru": lambda: Recurrent(nn.GRU), "ssm": StateSpace,
    "transformer": lambda: Transformer("sinusoidal"), "transformer_nopos": lambda: Transformer("none"),
    "transformer_rope": lambda: Transformer("rope"), "transformer_alibi": lambda: Transformer("alibi"),
}


def train(arch: str, seed: int) -> nn.Module:
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = MODELS[arch]()
    optimiser = torch.optim.Adam(model.parameters(), lr=LR, foreach=True)
    for _ in range(STEPS):
        length = int(torch.randint(TRAIN_LENGTHS[0], TRAIN_LENGTHS[1] + 1, (1,), generator=generator))
        tokens, answers = sequences(BATCH, length, (0, TRAIN_REACH), generator)
        loss = F.cross_entropy(model(tokens), answers)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return model.eval()


def accuracy(model: nn.Module, tokens: torch.Tensor, answers: torch.Tensor) -> float:
    with torch.no_grad():
        return (model(tokens).argmax(1) == answers).float().mean().item()


def measure(arch: str, seed: int) -> dict[str, float]:
    """The accuracy of ``arch`` trained with ``seed`` under every condition."""
    torch.set_num_threads(1)
    model = train(arch, seed)
    generator = torch.Generator().manual_seed(10_000 + seed)  # test sequences: never trained on
    longest = TRAIN_LENGTHS[1]
    out = {}
    tokens, answers = sequences(TEST, longest, (0, TRAIN_REACH), generator)
    out["in_distribution"] = accuracy(model, tokens, answers)
    out["longer"] = accuracy(model, *sequences(TEST, 3 * longest, (0, TRAIN_REACH), generator))
    out["further_back"] = accuracy(model, *sequences(TEST, 3 * longest, (3 * longest - 4, 3 * longest), generator))
    order = torch.argsort(torch.rand(tokens.shape, generator=generator), dim=1)
    out["shuffled"] = accuracy(model, torch.gather(tokens, 1, order), answers)
    wrong = (answers + torch.randint(1, KINDS, (TEST,), generator=generator)) % KINDS
    loud = torch.where(tokens < KINDS, wrong.unsqueeze(1).expand_as(tokens), tokens)
    out["distractors"] = accuracy(model, loud, answers)
    model.silenced = torch.ones(UNITS)
    model.silenced[torch.randperm(UNITS, generator=generator)[:UNITS // 4]] = 0.0
    out["fault"] = accuracy(model, tokens, answers)
    return out


LAB = _lab_runner.Lab("sequence", Path(__file__), measure, tuple(MODELS))


def results() -> dict:
    """Every architecture under every condition, on five seeds:
    ``{"seeds": [...], "accuracy": {arch: {condition: [one accuracy per seed]}}}``,
    computed once per change of this file (see ``snippets._lab_runner``)."""
    return _lab_runner.run(LAB)
