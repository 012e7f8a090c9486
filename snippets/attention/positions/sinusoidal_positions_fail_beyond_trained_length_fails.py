"""Failure mode: a model with sinusoidal positions added to its embeddings, trained on
sequences of at most 16 symbols, fails at 48, although the sinusoids are defined for
every position.

The formula gives a vector for position 48, but the model never saw one: its query and
key maps were fitted to the vectors of positions 0 to 16 only, and the positional part
of a score, PE(m)ᵀW_qᵀW_k PE(n), is not a function of the offset once W_q and W_k are
learned (see sinusoidal_dot_product_depends_only_on_offset.py). Which earlier symbol
wins at a new position is then whatever the fitted maps happen to give.

Conditions: trained 150 Adam steps (lr 1e-2, batches of 64 fresh sequences of 8 to 16
symbols and a query) on the most-recent-mark task; one attention layer of width 32
with 8 heads, the paper's sinusoids (base 10000) added to the embeddings; tested on 500
fresh sequences each of 16 and 48 symbols, the answer among the last 6; seeds 0-9: 0.93
to 0.98 at 16, 0.15 to 0.42 at 48.

Assumption: a fixed formula for every position lets the model read positions it was
not trained at.
Broken by: learned projections that mix the sinusoids' coordinates, so that a new
absolute position gives scores training never shaped.
"""

import os

import torch

from snippets.attention.positions._positions import accuracy, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:fails]
model = train("sinusoidal", SEED)  # 150 steps on 8 to 16 symbols
trained_length = accuracy(model, 16, SEED)
three_times = accuracy(model, 48, SEED)
assert trained_length > 0.9, f"at the trained length it should answer: {trained_length:.3f}"
assert three_times < 0.5, f"at 48 symbols it should fail: {three_times:.3f}"
# --8<-- [end:fails]
