"""An encoder layer is permutation-equivariant until positional encodings are added.

Every part of `nn.TransformerEncoderLayer` (self-attention, the position-wise
feed-forward net, LayerNorm over features, the residual additions) treats tokens
the same wherever they stand, so shuffling the input tokens shuffles the outputs:
f(PX) = P f(X). No parameter is indexed by position, so this holds for any weights;
the check confirms it at initialisation and after training has moved the weights.
Adding sinusoidal positional encodings after the shuffle gives the shuffled tokens
new positions, and the equality no longer holds: the layer now sees order.

Conditions: `nn.TransformerEncoderLayer(32, 4, 64)` without dropout, 10 random
Gaussian tokens, weights at initialisation and after `30` Adam steps fitting a random
target (the weights move by more than 0.05); float32, equality to 1e-5, a gap
above 0.1 with encodings; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.attention.transformer._positional import sinusoidal_encoding

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off
BROKEN = 0.1  # outputs are O(1) after LayerNorm; a gap above this is no round-off

# --8<-- [start:positions]
n, d = 10, 32
layer = nn.TransformerEncoderLayer(d, 4, 64, dropout=0.0, batch_first=True)
x = torch.randn(1, n, d)  # (batch, tokens, d_model): token embeddings
pe = sinusoidal_encoding(n, d, dtype=torch.float32)  # (tokens, d_model): one row per position
perm = torch.randperm(n)
while torch.equal(perm, torch.arange(n)):  # a real shuffle, not the identity
    perm = torch.randperm(n)


def gaps() -> tuple[float, float]:
    """|f(PX) - P f(X)| without, then with, the encodings added to the input."""
    with torch.no_grad():
        plain = (layer(x[:, perm]) - layer(x)[:, perm]).abs().max().item()
        # The encodings belong to positions, not to tokens: position i gets pe[i].
        with_pe = (layer(x[:, perm] + pe) - layer(x + pe)[:, perm]).abs().max().item()
    return plain, with_pe


plain_at_init, with_pe_at_init = gaps()
initial = layer.linear1.weight.detach().clone()
inputs, target = torch.randn(2, 8, n, d)  # each (batch, tokens, d_model)
optimiser = torch.optim.Adam(layer.parameters(), lr=1e-2)
for _ in range(30):  # move the weights away from their initial draw
    loss = (layer(inputs) - target).pow(2).mean()
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
moved = (layer.linear1.weight - initial).abs().max().item()
plain_trained, with_pe_trained = gaps()

assert moved > 0.05, f"training barely moved the weights: {moved:.2e}"
assert max(plain_at_init, plain_trained) < TOL, (
    f"without positions: f(PX) and P f(X) differ by {plain_at_init:.2e} / {plain_trained:.2e}"
)
assert min(with_pe_at_init, with_pe_trained) > BROKEN, (
    f"with positions: f(PX) and P f(X) differ by only {with_pe_at_init:.2e} / {with_pe_trained:.2e}"
)
# --8<-- [end:positions]
