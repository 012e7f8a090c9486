"""A causal mask alone, with no positional encoding, lets an encoder layer learn order.

The twin task of `no_positions_cannot_learn_order_fails.py` (is “a” before “b”?),
with the same layer, data and training, but no positional encoding and a causal mask
on self-attention instead. The mask breaks the permutation equivariance: token i
attends to tokens 0..i only, so “a” sees “b” exactly when “b” comes first, and a
sequence and its swapped twin are no longer the same input to the layer.

Conditions: trained `60` full-batch Adam steps (learning rate 1e-2) on 64 random twin
pairs, tested on 256 fresh pairs; embeddings of width 32, one
`nn.TransformerEncoderLayer(32, 4, 64)` without dropout and with a causal mask, a mean
over tokens and a linear read-out, no positional encoding; float32; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

A, B, VOCAB = 0, 1, 6  # tokens 2..5 are fillers


def twin_pairs(count: int, n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``count`` sequences with one a and one b, then their twins with a and b swapped."""
    x = torch.randint(2, VOCAB, (count, n))  # (pairs, tokens): fillers
    where = torch.stack([torch.randperm(n)[:2] for _ in range(count)])  # (pairs, 2)
    rows = torch.arange(count)
    x[rows, where[:, 0]], x[rows, where[:, 1]] = A, B
    twins = x.clone()
    twins[rows, where[:, 0]], twins[rows, where[:, 1]] = B, A
    a_first = (where[:, 0] < where[:, 1]).float()  # (pairs,)
    return torch.cat([x, twins]), torch.cat([a_first, 1 - a_first])


# --8<-- [start:causal]
n, d, steps = 8, 32, 60
train_x, train_y = twin_pairs(64, n)  # (128, tokens), (128,)
test_x, test_y = twin_pairs(256, n)  # (512, tokens), (512,)
causal = nn.Transformer.generate_square_subsequent_mask(n)  # (tokens, tokens): −inf above the diagonal
embed = nn.Embedding(VOCAB, d)
layer = nn.TransformerEncoderLayer(d, 4, 64, dropout=0.0, batch_first=True)
readout = nn.Linear(d, 1)


def logits(x: torch.Tensor) -> torch.Tensor:
    h = layer(embed(x), src_mask=causal, is_causal=True)  # (batch, tokens, d_model): no positions
    return readout(h.mean(dim=1)).squeeze(-1)  # (batch,)


optimiser = torch.optim.Adam([*embed.parameters(), *layer.parameters(), *readout.parameters()], lr=1e-2)
for _ in range(steps):
    loss = nn.functional.binary_cross_entropy_with_logits(logits(train_x), train_y)
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
with torch.no_grad():
    accuracy = ((logits(test_x) > 0).float() == test_y).float().mean().item()
assert accuracy > 0.9, f"with a causal mask and no positions, accuracy only {accuracy:.3f}"
# --8<-- [end:causal]
