"""Failure mode: a model with learned positions, trained on sequences of at most 16
symbols, answers well at 16 and badly at 48, because the rows of its table for
positions it never saw are still the random vectors it started with.

The task needs relative position: of three marked symbols, name the one nearest the
query token at the end. The table has 64 rows, so a sequence of 48 symbols can be
looked up; but training only ever looks up rows 0 to 16, so gradients never reach the
others, and Adam leaves a parameter with zero gradient exactly where it was. At length
48 the query itself sits at position 48 and carries an untrained random vector.

Conditions: trained 150 Adam steps (lr 1e-2, batches of 64 fresh sequences of 8 to 16
symbols and a query) on the most-recent-mark task; one attention layer of width 32
with 8 heads and a 64-row learned table; tested on 500 fresh sequences each of 16 and
48 symbols, the answer among the last 6; seeds 0-9: 0.93 to 0.98 at 16, 0.29 to 0.55
at 48. The untouched rows are compared bit for bit.

Assumption: every position the model will read was a position it was trained at.
Broken by: sequences longer than any in training, whose later positions index rows of
the table that training never updated.
"""

import os

import torch

from snippets.attention.positions._positions import (
    TRAIN_LENGTHS,
    PositionAttention,
    accuracy,
    train,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

initial = PositionAttention("learned").table.weight.detach().clone()  # train() starts from this seed's draw

# --8<-- [start:fails]
model = train("learned", SEED)  # 150 steps on 8 to 16 symbols
trained_length = accuracy(model, 16, SEED)
three_times = accuracy(model, 48, SEED)
assert trained_length > 0.9, f"at the trained length it should answer: {trained_length:.3f}"
assert three_times < 0.6, f"at 48 symbols it should fail: {three_times:.3f}"
# --8<-- [end:fails]

# --8<-- [start:rows]
rows = model.table.weight.detach()  # (64, 32) after training
seen = TRAIN_LENGTHS[1] + 1  # positions 0..16: 16 symbols and the query
change = (rows - initial).abs().amax(dim=1)  # (64,): how far each row moved
least_inside = change[:seen].min().item()  # the rows training looked up
most_beyond = change[seen:].max().item()  # the rows it never did
assert least_inside > 0, "every row training looked up should have moved"
assert most_beyond == 0, f"rows beyond the longest training sequence moved by up to {most_beyond:.2e}"
# --8<-- [end:rows]
