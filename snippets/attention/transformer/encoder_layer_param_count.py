"""The parameter count of `nn.TransformerEncoderLayer`, written out by hand.

For `nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward)` (d = d_model,
d_ff = dim_feedforward):

* self-attention: three d×d input projections (queries, keys, values) and a d×d
  output projection, each with a bias: 4d² + 4d;
* feed-forward: Linear(d, d_ff) then Linear(d_ff, d): 2·d·d_ff + d_ff + d;
* two LayerNorms, each with a gain and a bias of width d: 4d.

The number of heads does not appear: heads split the width d, they do not add to it.
Counted on the meta device, so nothing is allocated.

Conditions: exact counts on the meta device, no data, no training, independent of
the seed; torch 2.13's `nn.TransformerEncoderLayer` (biases on every projection).
"""

from torch import nn


def count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


# --8<-- [start:count]
d, n_heads, d_ff = 512, 8, 2048  # the base model of Vaswani et al. 2017
layer = nn.TransformerEncoderLayer(d, n_heads, d_ff, batch_first=True, device="meta")

attention_params = 4 * d * d + 4 * d  # W_q, W_k, W_v, W_o and their biases
feed_forward_params = 2 * d * d_ff + d_ff + d  # two weight matrices, two biases
norm_params = 2 * 2 * d  # two LayerNorms, gain + bias each
expected = attention_params + feed_forward_params + norm_params

assert count(layer.self_attn) == attention_params == 1_050_624, f"attention: {count(layer.self_attn):,}"
got_ff = count(layer.linear1) + count(layer.linear2)
assert got_ff == feed_forward_params == 2_099_712, f"feed-forward: {got_ff:,}"
got_norms = count(layer.norm1) + count(layer.norm2)
assert got_norms == norm_params == 2_048, f"LayerNorms: {got_norms:,}"
assert count(layer) == expected == 3_152_384, f"expected {expected:,}, got {count(layer):,}"
# --8<-- [end:count]

# --8<-- [start:heads]
for heads in (1, 4, 8, 16):
    got = count(nn.TransformerEncoderLayer(d, heads, d_ff, batch_first=True, device="meta"))
    assert got == expected, f"nhead={heads}: {got:,} parameters, expected {expected:,}"
# --8<-- [end:heads]

# --8<-- [start:share]
# With d_ff = 4d the feed-forward block holds 8d² + 5d of the layer's 12d² + 13d:
# two thirds, up to the biases and gains (a 1/d correction).
SHARE_TOL = 1 / d  # the biases and gains shift the share by less than this
share = feed_forward_params / expected
assert abs(share - 2 / 3) < SHARE_TOL, f"feed-forward share {share:.4f}, expected about {2 / 3:.4f}"
# --8<-- [end:share]
