"""ALiBi's bias is a fixed straight line in the distance between query and key: the
same for every pair at the same distance, falling by the head's slope at every step
back, and it adds no parameter to the model.

A second form, the official code's, adds +m·j to the score of key j, the same row for
every query; under a causal mask the softmax cannot tell the two apart, because
m·j = −m·(i − j) + m·i and m·i is the same for every key a query sees.

Conditions: exact arithmetic, no training; 8 heads, 48 positions, random Gaussian
scores for the softmax comparison, float64, equal to 1e-12; the parameter count is
exact; any seed.
"""

import os

import torch

from snippets.attention.positions._positions import (
    DIM,
    MAX_LEN,
    PositionAttention,
    alibi_bias,
    alibi_slopes,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-12  # float64 round-off
HEADS, LENGTH = 8, 48
slopes = alibi_slopes(HEADS)
bias = alibi_bias(LENGTH, slopes)  # (heads, query i, key j)

# --8<-- [start:linear]
i, j = torch.tril_indices(LENGTH, LENGTH)  # every causal pair, key j <= query i
for shift in (1, 5, 20):
    keep = i + shift < LENGTH
    moved = bias[:, i[keep] + shift, j[keep] + shift]  # the same distances, moved along
    assert torch.equal(moved, bias[:, i[keep], j[keep]]), f"shift {shift} changed the bias"
row = bias[:, -1, :].flip(-1)  # (heads, distance 0..47): the last query, looking back
steps = row[:, 1:] - row[:, :-1]  # one step further back
assert (steps + slopes.unsqueeze(1)).abs().max() < TOL, "each step back should cost exactly the slope"
assert (steps[:, 1:] - steps[:, :-1]).abs().max() < TOL, "a straight line has no second difference"
# --8<-- [end:linear]

# --8<-- [start:official]
scores = torch.randn(HEADS, LENGTH, LENGTH, dtype=torch.float64)
causal = torch.ones(LENGTH, LENGTH, dtype=torch.bool).tril()
per_key = slopes.view(-1, 1, 1) * torch.arange(LENGTH, dtype=torch.float64)  # +m·j, one row for all i
ours = (scores + bias).masked_fill(~causal, float("-inf")).softmax(dim=-1)
theirs = (scores + per_key).masked_fill(~causal, float("-inf")).softmax(dim=-1)
assert torch.allclose(ours, theirs, rtol=0, atol=TOL), f"gap {(ours - theirs).abs().max():.2e}"
# --8<-- [end:official]

# --8<-- [start:parameters]
counts = {kind: sum(p.numel() for p in PositionAttention(kind).parameters()) for kind in ("none", "alibi", "rope", "learned")}
assert counts["alibi"] == counts["rope"] == counts["none"], f"{counts}"
assert counts["learned"] - counts["none"] == MAX_LEN * DIM == 2_048, f"{counts}"
# --8<-- [end:parameters]
