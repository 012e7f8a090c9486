"""Without a padding mask, the padding's values change the real tokens' outputs.

The failure mode of forgetting `src_key_padding_mask`: the padded slots are ordinary
keys to self-attention, so every real token attends to them, and its output depends
on whatever the padding holds (a pad embedding, zeros, stale data). The same
sentence gets different representations depending on how long the longest
sentence in its batch was.

Assumption: padded slots are invisible to the real tokens.
Broken by: forgetting `src_key_padding_mask`, so padding is attended to like any token.

Conditions: `nn.TransformerEncoderLayer(32, 4, 64)` with random weights at
initialisation and no dropout, one random Gaussian sequence of 5 real tokens padded
to 8, float32; changes above 0.05; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

LEAK = 0.05  # outputs are O(1) after LayerNorm; round-off is near 1e-6

n, real, d = 8, 5, 32  # one sequence of 5 real tokens, padded to 8
layer = nn.TransformerEncoderLayer(d, 4, 64, dropout=0.0, batch_first=True).eval()
x = torch.randn(1, n, d)  # (batch, tokens, d_model)

# --8<-- [start:leak]
x_zero_pad = x.clone()
x_zero_pad[:, real:] = 0.0  # padded with zeros
x_other_pad = x.clone()
x_other_pad[:, real:] = torch.randn(1, n - real, d)  # padded with something else

with torch.no_grad():  # no src_key_padding_mask: padding is attended to
    out_zero = layer(x_zero_pad)[:, :real]  # (batch, real tokens, d_model)
    out_other = layer(x_other_pad)[:, :real]
    alone = layer(x[:, :real])
pad_gap = (out_zero - out_other).abs().max().item()
alone_gap = (out_zero - alone).abs().max().item()
assert pad_gap > LEAK, f"changing the padding moved real outputs by only {pad_gap:.2e}"
assert alone_gap > LEAK, f"padded and unpadded runs differ by only {alone_gap:.2e}"
# --8<-- [end:leak]
