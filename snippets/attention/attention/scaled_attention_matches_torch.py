"""Scaled dot-product attention written out by hand equals PyTorch's fused version.

softmax(Q Kᵀ / √d_k) V, computed with a matrix product, a softmax and a second
matrix product, gives the same tensor as `F.scaled_dot_product_attention` (float32,
random inputs), without a mask, with a causal mask and with an arbitrary boolean
mask. Each row of the weights is a probability distribution, so each output vector
is a weighted average of the value vectors and lies inside their range.

Conditions: random Gaussian queries, keys and values (2 batches, 4 heads, 10
tokens, widths 16 and 8), no learned weights, float32, torch 2.13 on CPU; equal to
1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

from snippets.attention.attention._attention import attention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off of two matrix products and a softmax of this size

batch, heads, n, d_k, d_v = 2, 4, 10, 16, 8
q = torch.randn(batch, heads, n, d_k)  # (batch, heads, queries, d_k)
k = torch.randn(batch, heads, n, d_k)  # (batch, heads, keys, d_k)
v = torch.randn(batch, heads, n, d_v)  # (batch, heads, keys, d_v)

# --8<-- [start:match]
causal = torch.ones(n, n, dtype=torch.bool).tril()  # (queries, keys): True = may attend
random_mask = torch.rand(n, n) < 0.7
random_mask[:, 0] = True  # every query keeps at least one key
cases = {
    "no mask": (None, {}),
    "causal": (causal, {"is_causal": True}),
    "boolean mask": (random_mask, {"attn_mask": random_mask}),
}
for name, (mask, torch_kwargs) in cases.items():
    ours, _ = attention(q, k, v, mask=mask)  # (batch, heads, queries, d_v)
    theirs = F.scaled_dot_product_attention(q, k, v, **torch_kwargs)
    gap = (ours - theirs).abs().max().item()
    assert gap < TOL, f"{name}: from scratch and F.scaled_dot_product_attention differ by {gap:.2e}"
# --8<-- [end:match]

# --8<-- [start:rows]
out, weights = attention(q, k, v)  # (batch, heads, queries, d_v), (batch, heads, queries, keys)
row_sums = weights.sum(dim=-1)  # (batch, heads, queries)
assert weights.min().item() >= 0.0, f"a negative weight: {weights.min().item():.3g}"
assert abs(row_sums.max().item() - 1.0) < TOL and abs(row_sums.min().item() - 1.0) < TOL, (
    f"row sums range over [{row_sums.min().item():.7f}, {row_sums.max().item():.7f}], expected 1"
)
# A weighted average never leaves the range of what it averages, feature by feature.
v_min = v.min(dim=-2, keepdim=True).values  # (batch, heads, 1, d_v)
v_max = v.max(dim=-2, keepdim=True).values  # (batch, heads, 1, d_v)
below = (v_min - out).max().item()  # > 0 if an output fell below the smallest value
above = (out - v_max).max().item()  # > 0 if an output rose above the largest value
assert below <= TOL and above <= TOL, f"outside the values' range by {max(below, above):.2e}"
# --8<-- [end:rows]
