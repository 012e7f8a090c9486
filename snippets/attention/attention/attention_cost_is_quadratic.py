"""Attention's memory and compute grow with the square of the sequence length.

Every query is scored against every key, so one head's score matrix has n² entries,
and the two products that use it (Q Kᵀ and the weighted sum of V) each cost
2·n²·d floating-point operations (a multiply and an add per term). The entries are
counted from the weights `nn.MultiheadAttention` returns; the operations with
`torch.utils.flop_counter.FlopCounterMode` on the from-scratch attention and on
the whole `nn.MultiheadAttention` layer, whose four projections add 8·n·d²,
linear in n.
"""

import os

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from snippets.attention.attention._attention import attention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

d = 64  # width of queries, keys and values (one head)

# --8<-- [start:entries]
mha = nn.MultiheadAttention(d, num_heads=1, batch_first=True).eval()
entries = {}
for n in (64, 128, 256, 512):
    x = torch.randn(1, n, d)  # (batch, tokens, d)
    with torch.no_grad():
        _, weights = mha(x, x, x)  # (batch, queries, keys)
    entries[n] = weights[0].numel()
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
# The whole layer: four d×d projections (linear in n) plus the n² attention itself.
layer_flops, projections = {}, {}
for n in (64, 128, 256):
    x = torch.randn(1, n, d)  # (batch, tokens, d)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        mha(x, x, x)
    layer_flops[n] = counter.get_total_flops()
    projections[n] = 8 * n * d * d  # q, k, v and output projections: 2·n·d² each
    quadratic = 4 * n * n * d  # Q Kᵀ and weights @ V
    assert layer_flops[n] == projections[n] + quadratic, (
        f"n={n}: counted {layer_flops[n]:,}, expected {projections[n] + quadratic:,}"
    )
# Below n = 2d the projections dominate, at n = 2d the two parts tie, above it n² wins.
assert layer_flops[64] < 2 * projections[64], "at n = d the projections should dominate"
assert layer_flops[2 * d] == 2 * projections[2 * d], "at n = 2d the two parts should tie"
assert layer_flops[256] > 2 * projections[256], "at n = 4d the attention should dominate"
# --8<-- [end:crossover]
