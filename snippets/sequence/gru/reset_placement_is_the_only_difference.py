"""The reset gate's placement is the only difference between torch's GRU and the paper's.

torch applies the reset gate after the recurrent product, r ⊙ (W_hn h + b_hn); Cho et
al. (2014) apply it before, W_hn (r ⊙ h) + b_hn. Hold the reset gate fully open
(r = 1) and both expressions become W_hn h + b_hn: the two GRUs then compute the same
function of the same weights, step after step. Whatever separates them lies in where
r goes and nowhere else.

Conditions: random weights at initialisation (no training) with the reset gate's bias set to +30; white-noise input of 20 steps × 5 features, a random initial state, hidden size 8; seeds 0-5; float32, agreement to 1e-5.
"""

import os

import torch
from torch import nn

from snippets.sequence.gru._gru import gru_forward

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 rounding over 20 steps

seq_len, i, h = 20, 5, 8
gru = nn.GRU(i, h)
x = torch.randn(seq_len, 1, i)  # (time, batch, features)
h0 = torch.randn(1, h)  # (batch, hidden)

# --8<-- [start:reset_open]
with torch.no_grad():
    b_ih = gru.bias_ih_l0.clone()
    b_ih[:h] = 30.0  # chunk 0, reset gate: sigmoid(30) = 1 to float32 precision
    weights = (gru.weight_ih_l0, gru.weight_hh_l0, b_ih, gru.bias_hh_l0)
    torch_open, _ = gru_forward(x, h0, *weights, reset_after=True)
    paper_open, _ = gru_forward(x, h0, *weights, reset_after=False)
gap = (torch_open - paper_open).abs().max().item()
assert gap < TOL, f"with r = 1 the two forms still differ by {gap:.2e}"
# --8<-- [end:reset_open]
