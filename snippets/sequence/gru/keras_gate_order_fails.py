"""Keras stacks a GRU's chunks as update, reset, candidate; loaded unswapped into `nn.GRU`, they misbehave.

torch's `weight_ih_l0` is (W_ir | W_iz | W_in); Keras's `kernel` holds the same three
blocks as (z, r, h) (keras/src/layers/rnn/gru.py splits it into `x_z, x_r, x_h`). Both
are stacks of three h-row blocks (once Keras's (in, out) kernels are transposed to torch's
(out, in), as any port does), so Keras-ordered weights load into `nn.GRU` without any
error, and the update and reset gates silently swap roles. Read in their own order,
the same tensors reproduce the original network exactly.

Assumption: the chunks of a stacked GRU weight mean the same gates in every framework.
Broken by: Keras's (z, r, h) order read as torch's (r, z, n).

Conditions: random weights at initialisation (no training) standing in for a ported Keras layer; white-noise input of 15 steps × 4 features, hidden size 8; seeds 0-5; outputs moved by more than 5% of their norm (21% to 50% measured), the correct reading agrees to 1e-5.
"""

import os

import torch
from torch import nn

from snippets.sequence.gru._gru import KERAS_ORDER, gru_forward

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 rounding over 15 steps
# Swapped gates move the outputs by 21% to 50% of their norm (seeds 0..15)
BROKEN = 0.05

# --8<-- [start:keras_order]
seq_len, i, h = 15, 4, 8
gru = nn.GRU(i, h)
xs = torch.randn(seq_len, 1, i)  # (time, batch, features)


def to_keras_order(w: torch.Tensor) -> torch.Tensor:
    """The same chunks restacked as (z, r, n), Keras's order."""
    r, z, n = w.chunk(3)
    return torch.cat([z, r, n])


with torch.no_grad():
    reference, _ = gru(xs)  # (time, batch, hidden)
    keras_weights = [to_keras_order(p) for p in gru.parameters()]  # w_ih, w_hh, b_ih, b_hh
    read_as_keras, _ = gru_forward(xs, torch.zeros(1, h), *keras_weights, order=KERAS_ORDER)
    naive = nn.GRU(i, h)
    for p, w in zip(naive.parameters(), keras_weights):
        p.copy_(w)  # copied without swapping chunks 0 and 1 back
    misread, _ = naive(xs)

assert (read_as_keras - reference).abs().max() < TOL, "Keras order, read as Keras: same network"
moved = ((misread - reference).norm() / reference.norm()).item()
assert moved > BROKEN, f"swapped gates moved the outputs by only {moved:.1%}"
# --8<-- [end:keras_order]
