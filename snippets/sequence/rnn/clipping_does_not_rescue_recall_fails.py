"""Gradient clipping does not rescue a vanilla RNN from a vanished gradient.

Clipping rescales the whole gradient when its norm is too large; it never makes a small
component larger relative to the others. The recall task of the failure-mode check
(report the sign of the first of 30 noise values) fails because the first input's share
of the gradient has vanished, not because the gradient is too large. Trained with every
update clipped to norm 1, the network never produces a gradient large enough for the
clip to engage (the largest norm in training is 0.28 to 0.46, seeds 0..11): clipping
changes no step, and the network stays at chance.

Assumption: the gradient from a distant input reaches the weights strongly enough to be learnt from.
Broken by: a dependency 30 steps long; clipping, which only shrinks large gradients, cannot restore it.

Conditions: trained 80 steps of plain gradient descent (lr 1.0, batches of 32) with every update's gradient clipped to norm 1.0, from torch's default initialisation, hidden size 8, on Gaussian-noise sequences labelled by the sign of their first value; 500 test sequences; seeds 0-11 (accuracy 0.47 to 0.55, largest gradient norm 0.28 to 0.46); chance 0.5 with a standard error of 0.022.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
generator = torch.Generator().manual_seed(SEED)
torch.set_num_threads(1)  # tiny sequential ops: a second thread only adds hand-off cost

# Chance is 0.5; 500 test sequences put its standard error at 0.022, so 0.6 is four and a
# half standard errors above it.
CHANCE_CEILING = 0.6
LR, STEPS, HIDDEN = 1.0, 80, 8


def recall_task(seq_len: int, batch: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Noise sequences and the sign of each one's first value."""
    x = torch.randn(batch, seq_len, 1, generator=generator)  # (batch, time, 1)
    return x, (x[:, 0, 0] > 0).float()


def train_clipped(seq_len: int, max_norm: float) -> tuple[float, float]:
    """Plain gradient descent with clip_grad_norm_ on every update.

    Return (the largest gradient norm seen before clipping, test accuracy)."""
    largest = 0.0
    rnn = nn.RNN(1, HIDDEN, batch_first=True)
    head = nn.Linear(HIDDEN, 1)
    params = [*rnn.parameters(), *head.parameters()]
    for _ in range(STEPS):
        x, y = recall_task(seq_len, 32)
        logit = head(rnn(x)[0][:, -1]).squeeze(-1)  # read out the last state
        for p in params:
            p.grad = None
        nn.functional.binary_cross_entropy_with_logits(logit, y).backward()
        norm = nn.utils.clip_grad_norm_(params, max_norm)  # rescale the whole gradient to norm <= 1
        largest = max(largest, norm.item())  # the norm before clipping
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad
    with torch.no_grad():
        x, y = recall_task(seq_len, 500)
        accuracy = ((head(rnn(x)[0][:, -1]).squeeze(-1) > 0).float() == y).float().mean()
    return largest, accuracy.item()


# --8<-- [start:clipped]
max_norm = 1.0
largest, long_accuracy = train_clipped(seq_len=30, max_norm=max_norm)
assert largest < max_norm, f"a gradient of norm {largest:.2f} was clipped"
assert long_accuracy < CHANCE_CEILING, f"30 steps, clipped: accuracy {long_accuracy:.3f}"
# --8<-- [end:clipped]
