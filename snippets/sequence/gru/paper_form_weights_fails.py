"""Weights meant for the paper's GRU (reset before the product) compute something else in `nn.GRU`.

Cho et al. (2014) compute the candidate state as tanh(W x + U (r ⊙ h)): the reset gate
acts on the old state before the recurrent matrix. torch computes
tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)): the reset gate acts after it, which lets one
matrix product cover all three chunks of W_hh h (cuDNN's form; Keras calls it
`reset_after=True`). The two are different functions of the same weights, so weights
made for one form (trained in it, or, here, drawn at random) and loaded into the other
give a different network, although every tensor has the right shape and loads without
complaint.

Assumption: a GRU's weights mean the same thing in every implementation that accepts them.
Broken by: the reset gate's placement, before the recurrent product in the paper and after it in torch.

Conditions: random weights at initialisation (no training) run through both forms; white-noise input of 20 steps × 5 features, a random initial state, hidden size 8; seeds 0-5; outputs moved by more than 5% of their norm (14% to 34% measured).
"""

import os

import torch
from torch import nn

from snippets.sequence.gru._gru import gru_forward

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 rounding over 20 steps
# The paper's form moves the outputs by 14% to 34% of their norm (seeds 0..15)
BROKEN = 0.05

seq_len, i, h = 20, 5, 8
gru = nn.GRU(i, h)
x = torch.randn(seq_len, 1, i)  # (time, batch, features)
h0 = torch.randn(1, h)  # (batch, hidden)

# --8<-- [start:differs]
with torch.no_grad():
    weights = (gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0)
    torch_form, _ = gru_forward(x, h0, *weights, reset_after=True)
    paper_form, _ = gru_forward(x, h0, *weights, reset_after=False)
    reference, _ = gru(x, h0.unsqueeze(0))
assert (torch_form - reference).abs().max() < TOL, "reset-after is what nn.GRU computes"
moved = ((paper_form - reference).norm() / reference.norm()).item()
assert moved > BROKEN, f"the paper's form moved the outputs by only {moved:.1%}"
# --8<-- [end:differs]
