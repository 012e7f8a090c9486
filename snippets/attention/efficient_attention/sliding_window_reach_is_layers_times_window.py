"""A stack of sliding-window layers sees exactly layers · (w − 1) tokens back, and no further.

With a window of w keys (the query's own position among them), one layer lets
position p read positions p − w + 1 … p: w − 1 tokens back. Each further layer reads
the previous layer's outputs, which have already gathered w − 1 tokens, so L layers
reach L·(w − 1) tokens back. Anything older has no path at all to the output: its
gradient is not small, it is exactly zero, whatever the weights. The cost side of
the same mask: each query scores at most w keys, so every token past the first w
adds exactly w scored pairs, where full causal attention adds one pair per token
already seen.

Conditions: random weights at initialisation (no training), stacks of 1, 2 and 3
grouped-query layers (width 16, 4 query heads, 2 key/value heads) with residual
connections, a window of 4 keys, white-noise input of 16 tokens; float64 gradients,
compared with exactly zero; seeds 0-4. The pair counts are exact and seed-free.
"""

import os

import torch

from snippets.attention.efficient_attention._attention import GroupedQueryAttention, window_mask

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: threads cost more than they save
torch.set_default_dtype(torch.float64)

# --8<-- [start:gradient]
window, tokens, d_model = 4, 16, 16
for depth in (1, 2, 3):
    layers = [GroupedQueryAttention(d_model, 4, 2, window=window) for _ in range(depth)]
    x = torch.randn(1, tokens, d_model, requires_grad=True)  # (batch, tokens, d_model)
    h = x
    for layer in layers:
        h = h + layer(h)[0]  # residual
    h[0, -1].sum().backward()  # the last position's output
    reach = depth * (window - 1)
    influence = x.grad[0].abs().sum(dim=-1).flip(0)  # (tokens,), indexed by distance back
    assert (influence[: reach + 1] > 0).all(), f"{depth} layers: a token within {reach} has no gradient"
    assert (influence[reach + 1:] == 0).all(), f"{depth} layers: a token beyond {reach} has a gradient"
    assert influence[reach] > 0 and influence[reach + 1] == 0, f"the edge of the reach is at {reach}"
# --8<-- [end:gradient]

# --8<-- [start:pairs]
w = 64
pairs = {n: (int(window_mask(n, n, w).sum()), int(window_mask(n, n).sum())) for n in (1024, 2048, 4096)}
for n, (windowed, full) in pairs.items():
    assert windowed == n * w - w * (w - 1) // 2, f"n={n}: {windowed:,} windowed pairs"
    assert full == n * (n + 1) // 2, f"n={n}: {full:,} causal pairs"
for n in (2048, 4096):  # n more tokens: w pairs each, against ever more for full attention
    assert pairs[n][0] - pairs[n // 2][0] == (n // 2) * w, f"n={n}: windowed grew non-linearly"
assert pairs[4096][0] == 260_128 and pairs[4096][1] == 8_390_656, pairs[4096]
# --8<-- [end:pairs]
