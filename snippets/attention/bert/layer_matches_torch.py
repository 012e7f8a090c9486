"""A from-scratch BERT layer computes what ``nn.TransformerEncoderLayer`` computes.

BERT's layer is the original post-LayerNorm Transformer encoder layer with a GELU
(the tanh approximation, as in the released TensorFlow code) and LayerNorm epsilon
1e-12. Copying its weights into ``nn.TransformerEncoderLayer(norm_first=False)`` with
the same activation gives the same outputs, with and without a padding mask (torch's
``src_key_padding_mask`` is True where BERT's ``attention_mask`` is 0).

Conditions: one layer of width 32, 4 heads, feed-forward width 128, random weights at
initialisation (no training), white-noise input of shape 2×9×32 with three padded
positions in the second sequence; float32 on the CPU, equal within 1e-5 (round-off
only); seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.attention.bert._bert import BertConfig, BertLayer

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:layer]
TOL = 1e-5  # float32 round-off: the same products summed in a different order
config = BertConfig(d_model=32, n_heads=4, d_ff=128)
ours = BertLayer(config).eval()
theirs = nn.TransformerEncoderLayer(
    config.d_model, config.n_heads, dim_feedforward=config.d_ff, dropout=0.0,
    activation=lambda z: F.gelu(z, approximate="tanh"),
    layer_norm_eps=config.layer_norm_eps, batch_first=True, norm_first=False,
).eval()
with torch.no_grad():  # torch stacks q, k, v in one matrix; BERT keeps three
    theirs.self_attn.in_proj_weight.copy_(torch.cat([ours.query.weight, ours.key.weight, ours.value.weight]))
    theirs.self_attn.in_proj_bias.copy_(torch.cat([ours.query.bias, ours.key.bias, ours.value.bias]))
    for mine, torchs in [(ours.attn_out, theirs.self_attn.out_proj), (ours.norm1, theirs.norm1),
                         (ours.ff_in, theirs.linear1), (ours.ff_out, theirs.linear2), (ours.norm2, theirs.norm2)]:
        torchs.weight.copy_(mine.weight)
        torchs.bias.copy_(mine.bias)

x = torch.randn(2, 9, config.d_model)  # (batch, tokens, d_model)
attention_mask = torch.ones(2, 9, dtype=torch.long)  # (batch, tokens): 1 = real token
attention_mask[1, 6:] = 0  # the second sequence ends with three padding tokens
with torch.no_grad():
    gap_plain = (ours(x) - theirs(x)).abs().max().item()
    gap_padded = (ours(x, attention_mask) - theirs(x, src_key_padding_mask=attention_mask == 0))
    gap_padded = gap_padded[attention_mask.bool()].abs().max().item()  # compare the real tokens
assert gap_plain < TOL, f"no padding: the layers differ by {gap_plain:.3g} (tolerance {TOL})"
assert gap_padded < TOL, f"with padding: the layers differ by {gap_padded:.3g} (tolerance {TOL})"
# --8<-- [end:layer]
