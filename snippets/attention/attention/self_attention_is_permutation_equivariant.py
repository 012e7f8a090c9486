"""Self-attention without positional information is permutation-equivariant, whatever its weights.

For `nn.MultiheadAttention` used as self-attention (queries, keys and values all
from X), shuffling the tokens shuffles the outputs the same way: f(PX) = P f(X)
for every permutation matrix P. No parameter of the layer is indexed by position
(the projections act on each token alone and the softmax runs over a set of keys),
so this holds for any weights; the check confirms it for the initial weights and
again after training has moved them.

Conditions: `nn.MultiheadAttention(32, 4)` on 12 random Gaussian tokens, with its
weights at initialisation and again after `50` Adam steps fitting a random target
(the weights move by more than 0.05); float32, to 1e-5; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off: the permuted run sums the same terms in another order

# --8<-- [start:equivariant]
d_model, n = 32, 12
mha = nn.MultiheadAttention(d_model, num_heads=4, batch_first=True)
x = torch.randn(1, n, d_model)  # (batch, tokens, d_model)
perm = torch.randperm(n)


def self_attend(tokens: torch.Tensor) -> torch.Tensor:
    return mha(tokens, tokens, tokens, need_weights=False)[0]  # (batch, tokens, d_model)


def equivariance_gap() -> float:
    with torch.no_grad():  # |f(PX) - P f(X)|
        return (self_attend(x[:, perm]) - self_attend(x)[:, perm]).abs().max().item()


gap_at_init = equivariance_gap()

# Train the weights away from their initial draw: 50 Adam steps towards a random target.
initial = mha.in_proj_weight.detach().clone()
inputs, target = torch.randn(2, 8, n, d_model)  # each (batch, tokens, d_model)
optimiser = torch.optim.Adam(mha.parameters(), lr=1e-2)
for _ in range(50):
    loss = (self_attend(inputs) - target).pow(2).mean()
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
moved = (mha.in_proj_weight - initial).abs().max().item()
gap_trained = equivariance_gap()

assert moved > 0.05, f"training barely moved the weights: {moved:.2e}"
assert gap_at_init < TOL, f"at initialisation, f(PX) and P f(X) differ by {gap_at_init:.2e}"
assert gap_trained < TOL, f"after training, f(PX) and P f(X) differ by {gap_trained:.2e}"
# --8<-- [end:equivariant]
