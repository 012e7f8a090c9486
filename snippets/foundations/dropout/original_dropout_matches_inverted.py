"""Srivastava et al.'s dropout and inverted dropout are the same model, reparameterised.

The paper keeps a unit with probability q = 1 - p, leaves the survivors unscaled in
training, and at test time multiplies the outgoing weights by q. Inverted dropout
divides the survivors by q in training and does nothing at test time. With the
outgoing weights related by W_original = W_inverted / q, the two produce the same output
for every mask in training and the same output at test time.

Conditions: a random Linear(12, 5) after a dropout of p = 0.2 on white-noise input of
shape 16×12, float64, one shared mask; no training; equal to 1e-12; seeds 0-4.
"""

import os

import torch

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-12  # float64 rounding of a 12-term sum

# --8<-- [start:check]
p = 0.2
q = 1 - p  # the paper's retention probability
h = torch.randn(16, 12, dtype=torch.float64)  # (batch, units) entering the dropout
w_inv = torch.randn(5, 12, dtype=torch.float64)  # outgoing weights, inverted dropout
w_orig = w_inv / q  # the same model, written the paper's way
mask = (torch.rand(16, 12) >= p).double()  # one draw, shared by both

train_inverted = (h * mask / q) @ w_inv.T  # survivors scaled up in training
train_original = (h * mask) @ w_orig.T  # survivors unscaled in training
assert torch.allclose(train_inverted, train_original, rtol=0.0, atol=TOL), "training outputs differ"

test_inverted = h @ w_inv.T  # nothing to do at test time
test_original = h @ (q * w_orig).T  # the paper: multiply the weights by q
assert torch.allclose(test_inverted, test_original, rtol=0.0, atol=TOL), "test outputs differ"
# --8<-- [end:check]
