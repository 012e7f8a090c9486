"""Attention's stored scores and its operation count grow with the square of the length.

Every query is scored against every key, so one head's score matrix has n² entries,
and the two products that use it (Q Kᵀ and the weighted sum of V) each cost
2·n²·d floating-point operations (a multiply and an add per term). The entries are
counted from the weights `nn.MultiheadAttention` returns; the operations with
`torch.utils.flop_counter.FlopCounterMode`, on the from-scratch attention and on the
whole `nn.MultiheadAttention` layer, split by operation: the four projections run as
`aten.addmm` and cost 8·n·d², linear in n; the two products with the n×n matrix run
as `aten.bmm` and cost 4·n²·d, quadratic in n.

Conditions: exact counts, no training; one head of width 64, random Gaussian inputs
of 64 to 512 tokens; FLOPs as `FlopCounterMode` counts them in torch 2.13 (two per
multiply-add), entries as stored in the returned weights and, at 8,192 tokens, on the
meta device. These are operation counts and stored entries, not measured run time or
peak memory. They do not depend on the seed.
"""

import os

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from snippets.attention.attention._attention import attention, score_entries

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

d = 64  # width of queries, keys and values (one head)

# --8<-- [start:entries]
mha = nn.MultiheadAttention(d, num_heads=1, batch_first=True).eval()
entries = {}
for n in (64, 128, 256, 512):
    entries[n] = score_entries(mha, n)  # entries of the weights mha returns for n tokens
    expected = n * n  # one score per (query, key) pair
    assert entries[n] == expected, f"n={n}: {entries[n]:,} entries, expected {expected:,}"
for n in (128, 256, 512):
    growth = entries[n] / entries[n // 2]
    assert growth == 4, f"doubling n to {n} multiplied the entries by {growth}"

# At a long context, counted on the meta device (shapes only, nothing allocated):
n_long = 8_192
q_long = torch.empty(n_long, d, device="meta")  # (tokens, d)
scores = q_long @ q_long.T  # (queries, keys)
mib = scores.numel() * scores.element_size() / 2**20
assert mib == n_long**2 * 4 / 2**20 == 256, f"one head's float32 scores: {mib} MiB"
# --8<-- [end:entries]

# --8<-- [start:flops]
flops = {}
for n in (128, 256, 512):
    q, k, v = torch.randn(3, 1, n, d)  # each (batch, tokens, d)
    with FlopCounterMode(display=False) as counter:
        attention(q, k, v)
    flops[n] = counter.get_total_flops()
    expected = 2 * n * n * d + 2 * n * n * d  # Q Kᵀ, then weights @ V
    assert flops[n] == expected, f"n={n}: counted {flops[n]:,} FLOPs, expected {expected:,}"
for n in (256, 512):
    growth = flops[n] / flops[n // 2]
    assert growth == 4, f"doubling n to {n} multiplied the FLOPs by {growth}"
# --8<-- [end:flops]

# --8<-- [start:crossover]
d = 64  # one head of this width
projections, products = {}, {}
for n in (64, 128, 256, 512):
    x = torch.randn(1, n, d)  # (batch, tokens, d)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        mha(x, x, x)
    by_op = {str(op): count for op, count in counter.get_flop_counts()["Global"].items()}
    projections[n] = by_op.pop("aten.addmm")  # the q, k, v and output projections
    products[n] = by_op.pop("aten.bmm")  # Q Kᵀ and weights @ V
    assert by_op == {}, f"n={n}: operations not accounted for: {by_op}"
    assert projections[n] == 8 * n * d * d, f"n={n}: projections {projections[n]:,} FLOPs"
    assert products[n] == 4 * n * n * d, f"n={n}: attention products {products[n]:,} FLOPs"
for n in (128, 256, 512):
    # Doubling n: the projections double (linear), the products quadruple (quadratic).
    assert projections[n] / projections[n // 2] == 2, f"n={n}: projections grew differently"
    assert products[n] / products[n // 2] == 4, f"n={n}: products grew differently"
# Below n = 2d the projections are larger, at n = 2d the two are equal, above it n² wins.
assert projections[64] > products[64], "at n = d the projections should be larger"
assert projections[2 * d] == products[2 * d], "at n = 2d the two parts should be equal"
assert products[256] > projections[256], "at n = 4d the attention products should be larger"
# --8<-- [end:crossover]
