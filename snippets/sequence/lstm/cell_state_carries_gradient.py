"""With the forget gate open, the LSTM's cell state carries a gradient across 100 steps.

The cell state is updated by c_t = f_t * c_{t-1} + i_t * g_t: no matrix product and no
squashing on the path from c_{t-1} to c_t, only the elementwise forget gate. Hold the
forget gate open (bias +10, so f = sigmoid(10 ± small) ≈ 0.99995) and the input gate
shut (bias -10), and the cell is a memory: a value written at step 0 is still there at
step 100, and dc_100/dc_0 is, unit by unit, the product of the forget gates along the
way, sigmoid(10)**100 ≈ 0.9955: a decay of 0.0045, which the check tells apart from no
decay at all with a tolerance of 0.001. The rest of the LSTM (random inputs, random
recurrent weights, feedback through h) leaves the off-diagonal entries below 0.005.

A vanilla RNN of the same width at torch's default initialisation multiplies by
W_hh^T diag(tanh') at every step instead, and after 100 steps nothing is left. So is
nothing left in an LSTM at torch's default biases (forget gate near sigmoid(0) = 0.5):
the cell path only helps while the forget gate is kept open.

Conditions: hand-set gate biases (forget +10, input -10) on otherwise default random weights, no training; white-noise inputs over 100 steps, hidden size 32; seeds 0-5; float32; tolerance 0.001 on the gradient against the product of forget gates and on the mean against sigmoid(10)**100 (measured within 0.0006), a fifth of the 0.0045 decay it checks.
"""

import math
import os

import torch
from torch import nn

from snippets.sequence.lstm._lstm import lstm_cell, state_jacobians

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # 100 tiny sequential steps: a second thread only adds hand-off cost

# The forget pre-activations wander about ±1 around +10, so each unit's product of gates
# lies between 0.991 and 0.997 (seeds 0..5). The Jacobian's diagonal follows that product
# to within 0.0006 (feedback through h), and its mean stays within 0.0006 of
# sigmoid(10)**100. The effect to tell apart is the decay itself, 1 - 0.99546 = 0.0045:
# a tolerance of 0.001 is a fifth of it.
PATH_TOL = 0.001
# Cross-talk between units, through h and the recurrent weights: up to 0.0017 (seeds 0..5).
OFF_TOL = 0.005


# --8<-- [start:open]
steps, i, h = 100, 8, 32
x = torch.randn(steps, 1, i)  # (time, batch, features): 100 steps of distractors
c0 = torch.randn(h)  # the stored value
lstm = nn.LSTM(i, h)
with torch.no_grad():
    lstm.bias_hh_l0[: 2 * h] = 0.0
    lstm.bias_ih_l0[:h] = -10.0  # chunk 0, input gate: shut
    lstm.bias_ih_l0[h : 2 * h] = 10.0  # chunk 1, forget gate: open
jac = state_jacobians(lstm, x, c0, cell_state=True)[0]  # (hidden, hidden): d c_100 / d c_0
diagonal, off_diagonal = jac.diagonal(), jac - torch.diag(jac.diagonal())

# second method: each unit's product of forget gates along the same trajectory
with torch.no_grad():
    w = (lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0)
    hs, cs, forget_product = torch.zeros(1, h), c0.view(1, h), torch.ones(h)
    for x_t in x:
        pre = x_t @ w[0].T + w[2] + hs @ w[1].T + w[3]  # (1, 4 * hidden)
        forget_product *= torch.sigmoid(pre[0, h : 2 * h])
        hs, cs = lstm_cell(x_t, hs, cs, *w)

predicted = (1 / (1 + math.exp(-10))) ** steps  # sigmoid(10) ** 100
assert (diagonal - forget_product).abs().max() < PATH_TOL, "the cell path is not the forget product"
assert abs(diagonal.mean() - predicted) < PATH_TOL, (
    f"mean {diagonal.mean():.4f}, predicted {predicted:.4f}"
)
assert 1 - diagonal.mean() > 3 * PATH_TOL, f"no decay to see: mean {diagonal.mean():.5f}"
assert diagonal.min() > 0.99, f"the weakest unit kept only {diagonal.min():.4f} of its gradient"
assert off_diagonal.abs().max() < OFF_TOL, f"off-diagonal up to {off_diagonal.abs().max():.4f}"

rnn = nn.RNN(i, h)  # torch's default initialisation
rnn_jac = state_jacobians(rnn, x, c0, cell_state=False)[0]  # d h_100 / d h_0
assert rnn_jac.abs().max() < 1e-15, f"the vanilla RNN kept {rnn_jac.abs().max():.1e}"
# --8<-- [end:open]
