"""The sequence family's argument, end to end: recall across a growing distance.

The task: the first token of a sequence is one of four symbols (tokens 0 to 3); the
``L - 1`` tokens after it are distractors drawn at random from four other tokens (4 to
7); the answer, read from the last state, is the first symbol. Nothing in the
distractors says anything about the answer, so a network must carry the first token
through ``L - 1`` steps of irrelevant input. Six recurrent networks, each an embedding
of 16 dimensions, one recurrent layer of 32 units (torch's own ``nn.RNN``, ``nn.LSTM``,
``nn.GRU``) and a linear readout of the last state, are each trained from scratch at
each length ``L`` in ``LENGTHS`` with the same optimiser, steps and batches:

* ``rnn``: a plain RNN, torch's default initialisation;
* ``rnn_orthogonal``: the same with an orthogonal ``W_hh`` (every eigenvalue on the
  unit circle, so the linear part of the recurrence neither shrinks nor grows a state);
* ``lstm_forget0`` / ``lstm_forget1``: an LSTM whose forget-gate bias starts at 0
  (the gate near one half) or at 1 (near 0.73), the rest torch's default;
* ``lstm_chrono``: an LSTM with the chrono initialisation of Tallec and Ollivier
  (ICLR 2018): forget-gate bias ``log(U(1, T_max - 1))`` and input-gate bias its
  negative, with ``T_max`` the length trained on;
* ``gru``: a GRU, torch's default initialisation.

Each trained network is tested on 400 fresh sequences of its length. ``results()`` runs
every variant on three seeds, two processes at a time, and keeps the numbers in
``build/lab/`` (see ``snippets._lab_runner``).
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from snippets import _lab_runner

KINDS = 4  # the symbols to recall: tokens 0..3
NOISE = 4  # the distractors: tokens 4..7
CHANCE = 1 / KINDS
LENGTHS = (3, 10, 30, 100)  # tokens per sequence: the first symbol is LENGTH - 1 steps back
EMBED, UNITS = 16, 32
STEPS, BATCH, LR = 40, 32, 0.1
TEST = 400  # sequences per length
SEEDS = 3  # seeds per run: each costs about 3 s of CPU, and the suite runs this on every CI run

VARIANTS = {
    "rnn": "RNN", "rnn_orthogonal": "RNN, orthogonal W_hh",
    "lstm_forget0": "LSTM, forget bias 0", "lstm_forget1": "LSTM, forget bias 1",
    "lstm_chrono": "LSTM, chrono", "gru": "GRU",
}


# --8<-- [start:sequences]
def sequences(n: int, length: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` sequences: a symbol, then ``length - 1`` random distractors.

    Returns:
        tokens ``(n, length)`` and answers ``(n,)``, the first token of each.
    """
    tokens = torch.randint(KINDS, KINDS + NOISE, (n, length), generator=generator)
    answers = torch.randint(0, KINDS, (n,), generator=generator)
    tokens[:, 0] = answers  # the symbol to recall comes first
    return tokens, answers
# --8<-- [end:sequences]


class Recall(nn.Module):
    def __init__(self, variant: str, length: int) -> None:
        super().__init__()
        cell = {"rnn": nn.RNN, "rnn_orthogonal": nn.RNN, "gru": nn.GRU}.get(variant, nn.LSTM)
        self.embed = nn.Embedding(KINDS + NOISE, EMBED)
        self.cell = cell(EMBED, UNITS, batch_first=True)
        self.head = nn.Linear(UNITS, KINDS)
        initialise(self.cell, variant, length)

    def forward(self, tokens):
        states, _ = self.cell(self.embed(tokens))  # (batch, time, UNITS)
        return self.head(states[:, -1])  # the last state


# --8<-- [start:initialise]
def initialise(cell: nn.Module, variant: str, length: int) -> None:
    """Everything torch's default except what the variant names. torch's LSTM has two
    bias vectors per gate (``bias_ih`` and ``bias_hh``, gates in the order i, f, g, o);
    a gate's bias is their sum, so one is set and the other zeroed."""
    with torch.no_grad():
        if variant == "rnn_orthogonal":
            nn.init.orthogonal_(cell.weight_hh_l0)
        if variant.startswith("lstm"):
            input_gate, forget_gate = slice(0, UNITS), slice(UNITS, 2 * UNITS)
            cell.bias_hh_l0[forget_gate] = 0.0
            if variant == "lstm_forget0":
                cell.bias_ih_l0[forget_gate] = 0.0
            if variant == "lstm_forget1":
                cell.bias_ih_l0[forget_gate] = 1.0
            if variant == "lstm_chrono":  # Tallec & Ollivier: b_f ~ log U(1, T_max - 1), b_i = -b_f
                b_f = torch.log(torch.empty(UNITS).uniform_(1.0, max(length - 1.0, 1.0)))
                cell.bias_ih_l0[forget_gate], cell.bias_ih_l0[input_gate] = b_f, -b_f
                cell.bias_hh_l0[input_gate] = 0.0
# --8<-- [end:initialise]


def accuracy(variant: str, length: int, seed: int) -> float:
    """Train ``variant`` at ``length`` from ``seed``; its accuracy on fresh sequences."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    model = Recall(variant, length)
    optimiser = torch.optim.Adam(model.parameters(), lr=LR, foreach=True)
    for _ in range(STEPS):
        tokens, answers = sequences(BATCH, length, generator)
        loss = F.cross_entropy(model(tokens), answers)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    tokens, answers = sequences(TEST, length, torch.Generator().manual_seed(10_000 + seed))
    with torch.no_grad():
        return (model(tokens).argmax(1) == answers).float().mean().item()


def measure(variant: str, seed: int) -> dict[str, float]:
    """The accuracy of ``variant`` trained with ``seed`` at every length."""
    torch.set_num_threads(1)
    return {str(length): accuracy(variant, length, seed) for length in LENGTHS}


# The GRU's jobs first, so that both processes end together.
LAB = _lab_runner.Lab("recall", Path(__file__), measure, tuple(VARIANTS)[::-1], seed_count=SEEDS)


def results() -> dict:
    """Every variant at every length, on three seeds:
    ``{"seeds": [...], "accuracy": {variant: {"3": [...], "10": [...], ...}}}``,
    computed once per change of this file (see ``snippets._lab_runner``)."""
    return _lab_runner.run(LAB)
