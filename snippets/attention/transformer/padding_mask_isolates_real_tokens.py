"""With `src_key_padding_mask`, what sits in the padded slots cannot reach real tokens.

Sequences of different lengths are batched by padding the short ones. The padding
mask sets the attention scores of padded keys to −inf, so their weight is exactly
zero, and the feed-forward net and LayerNorm work position by position: the real
tokens' outputs are the same whatever values the padded slots hold, and the same
as running the short sequence alone, unpadded.

Conditions: `nn.TransformerEncoderLayer(32, 4, 64)` with random weights at
initialisation and no dropout, one random Gaussian sequence of 5 real tokens padded
to 8, padding 100 times larger than the tokens, float32; equal to 1e-5; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off (the padded run sums zero-weight terms as well)

n, real, d = 8, 5, 32  # one sequence of 5 real tokens, padded to 8
layer = nn.TransformerEncoderLayer(d, 4, 64, dropout=0.0, batch_first=True).eval()
x = torch.randn(1, n, d)  # (batch, tokens, d_model)

# --8<-- [start:mask]
padding = torch.zeros(1, n, dtype=torch.bool)  # (batch, tokens): True = padding
padding[:, real:] = True
x_other_pad = x.clone()
x_other_pad[:, real:] = 100 * torch.randn(1, n - real, d)  # wildly different padding

with torch.no_grad():
    out = layer(x, src_key_padding_mask=padding)[:, :real]  # (batch, real tokens, d_model)
    out_other_pad = layer(x_other_pad, src_key_padding_mask=padding)[:, :real]
    alone = layer(x[:, :real])  # the same sentence with no padding at all
pad_gap = (out - out_other_pad).abs().max().item()
alone_gap = (out - alone).abs().max().item()
assert pad_gap < TOL, f"changing the padding moved real outputs by {pad_gap:.2e}"
assert alone_gap < TOL, f"padded and unpadded runs differ by {alone_gap:.2e}"
# --8<-- [end:mask]
