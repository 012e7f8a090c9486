"""ALiBi extrapolates in length, not in distance: the model that still answers at 48
symbols fails when the answer is 20 to 29 symbols back, farther than training ever
put it.

The first cause is the training distribution, not ALiBi: the last mark was always one
of the final 6 symbols, so the model never learned to read a mark farther back. RoPE,
trained the same way, fails as badly on the same far-back test (measured by hand, not
asserted here: seeds 0-9, 0.13 to 0.26). ALiBi's bias adds a second obstacle: a head
with slope m pays m for every step back, so a mark 20 to 29 symbols back costs the
steepest head (slope 1/2) more than 10, and the plain symbols right before the query
almost nothing.

Conditions: trained 150 Adam steps (lr 1e-2, batches of 64 fresh sequences of 8 to 16
symbols and a query) on the most-recent-mark task; one attention layer of width 32
with 8 heads and ALiBi's slopes; tested on 500 fresh sequences of 48 symbols with the
answer among the last 6, and on 500 with it 20 to 29 back; seeds 0-9: 0.99 to 1.00
recent, 0.17 to 0.26 far back.
"""

import os

import torch

from snippets.attention.positions._positions import accuracy, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:recent]
model = train("alibi", SEED)  # the last mark 0 to 5 back in training
recent = accuracy(model, 48, SEED, back=(0, 6))
assert recent > 0.95, f"48 symbols, answer recent: {recent:.3f}"
# --8<-- [end:recent]

# --8<-- [start:far]
far = accuracy(model, 48, SEED, back=(20, 30))
assert far < 0.35, f"48 symbols, answer 20 to 29 back: {far:.3f}"
# --8<-- [end:far]
