"""The same model with RoPE instead of absolute positions, trained the same way, still
answers at 48 symbols (the ALiBi model's run is in alibi_extrapolates_in_length_not_distance.py).

RoPE and ALiBi both make the score of a query and a key depend on their offset, not on where they
are: at 48 symbols the offsets that decide the answer (the last mark is one of the
final 6 symbols) are offsets training shaped. What is new at 48 is only more, and farther,
symbols: ALiBi charges every extra step back its slope, and RoPE's scores at offsets
beyond 16 happen not to outbid the near mark on this task.

Conditions: trained 150 Adam steps (lr 1e-2, batches of 64 fresh sequences of 8 to 16
symbols and a query) on the most-recent-mark task; one attention layer of width 32
with 8 heads, RoPE with base 10000; tested on 500 fresh sequences of 48 symbols, the
answer among the last 6; seeds 0-9: 0.89 to 0.99.
"""

import os

import torch

from snippets.attention.positions._positions import accuracy, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:extrapolate]
rope = accuracy(train("rope", SEED), 48, SEED)  # trained on 8 to 16 symbols, tested on 48
assert rope > 0.85, f"RoPE at 48 symbols: {rope:.3f}"
# --8<-- [end:extrapolate]
