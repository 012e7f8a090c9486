"""Switch Transformer's load-balancing loss, N·Σ f_i·P_i, is 1 at perfect balance, N
when one expert takes every token with certainty, at least 1 whenever the router is
certain of its choices, but not a lower bound in general.

``f_i`` is the fraction of tokens dispatched to expert i (an argmax: no gradient flows
through it) and ``P_i`` the router's mean probability for expert i (where the gradient
flows). Four routings are built by hand:

* perfect balance: every expert gets the same number of tokens and the probabilities
  are uniform: the loss is exactly 1;
* collapse: every token goes to expert 0 with probability 1: the loss is N;
* certain routing (each token's probability is 1 on its chosen expert, so P = f): the
  loss is N·Σ f_i², at least 1 by the Cauchy–Schwarz inequality, with equality only at
  balance; checked on a thousand random certain routings;
* an uncertain router that sends two thirds of the tokens to one expert, barely: the
  loss falls below 1 although the load is unbalanced. The loss is minimised by
  balance only in combination with confident routing; it is a pressure, not a bound.

Conditions: no training, no model; routings constructed by hand and 1,000 random
certain routings of 64 tokens over 8 experts; float64, exact to 1e-12; seed 0 (any seed).
"""

import os

import torch
import torch.nn.functional as F

from snippets.attention.moe._moe import load_balancing_loss

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: a second thread only adds hand-off cost
TOL = 1e-12  # float64 rounding
N, T = 8, 64  # experts, tokens

# --8<-- [start:balance]
uniform = torch.full((T, N), 1 / N, dtype=torch.float64)  # (tokens, experts)
balanced = torch.arange(T) % N  # every expert gets T / N tokens
collapsed = torch.zeros(T, dtype=torch.long)  # every token to expert 0
certain_on_0 = F.one_hot(collapsed, N).double()  # probability 1 on expert 0
at_balance = load_balancing_loss(uniform, balanced).item()
at_collapse = load_balancing_loss(certain_on_0, collapsed).item()
assert abs(at_balance - 1.0) < TOL, f"balanced: {at_balance}"
assert abs(at_collapse - N) < TOL, f"collapsed: {at_collapse}, expected N = {N}"
# --8<-- [end:balance]

# --8<-- [start:certain]
lowest = float("inf")
for _ in range(1000):
    skew = torch.rand(N, dtype=torch.float64) ** 4  # uneven preferences, some near zero
    index = torch.multinomial(skew / skew.sum(), T, replacement=True)  # (tokens,)
    probs = F.one_hot(index, N).double()  # certain: P_i equals f_i
    loss = load_balancing_loss(probs, index).item()
    f = torch.bincount(index, minlength=N).double() / T
    assert abs(loss - N * (f**2).sum().item()) < TOL, "certain routing: N * sum f_i^2"
    lowest = min(lowest, loss)
assert lowest >= 1.0 - TOL, f"a certain routing went below balance: {lowest}"
# --8<-- [end:certain]

# --8<-- [start:uncertain]
# Two experts, three tokens: two go to expert 0 with probability 0.51, one to expert 1 for sure.
probs = torch.tensor([[0.51, 0.49], [0.51, 0.49], [0.0, 1.0]], dtype=torch.float64)
index = probs.argmax(-1)  # (3,): [0, 0, 1]
loss = load_balancing_loss(probs, index).item()
expected = 2 * ((2 / 3) * (1.02 / 3) + (1 / 3) * (1.98 / 3))  # N * (f_0 P_0 + f_1 P_1), by hand
assert abs(loss - expected) < TOL, f"expected {expected}, got {loss}"
assert round(loss, 2) == 0.89, f"unbalanced, yet the loss is {loss:.3f}"
assert loss < 1.0, "below its value at perfect balance"
# --8<-- [end:uncertain]
