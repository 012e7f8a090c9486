"""A query whose keys are all masked gets NaN, not zeros, and the NaN spreads.

Masking sets a score to −inf before the softmax. If every score of a row is −inf,
the softmax computes 0/0 and returns NaN. This happens in practice when a whole
sequence of a batch is padding (an empty document, a bucketing bug): with
`key_padding_mask` all True for that sequence, `nn.MultiheadAttention` returns NaN
for it, and a loss averaged over the batch becomes NaN for every sequence.
`F.scaled_dot_product_attention` handles the same mask differently in the pinned
PyTorch: it returns zeros for the fully masked rows.

Assumption: every query has at least one key it may attend to.
Broken by: a sequence that is padding from end to end (an empty document, a bucketing bug), so the softmax of a row of −inf is 0/0.

Conditions: `nn.MultiheadAttention(8, 2)` with random weights at initialisation,
random Gaussian input of 2 sequences of 5 tokens, float32; torch 2.13 on CPU (which
kernel returns NaN and which returns zeros is framework behaviour and may change
between versions); exact checks, seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.attention.attention._attention import attention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:nan]
batch, n, d = 2, 5, 8
mha = nn.MultiheadAttention(d, num_heads=2, batch_first=True)
x = torch.randn(batch, n, d)  # (batch, tokens, d)
padding = torch.zeros(batch, n, dtype=torch.bool)  # (batch, keys): True = padding
padding[1] = True  # the second sequence is padding from end to end

out, _ = mha(x, x, x, key_padding_mask=padding)  # (batch, tokens, d)
real_nans, padded_nans = out[0].isnan().sum().item(), out[1].isnan().sum().item()
assert real_nans == 0, f"the real sequence has {real_nans} NaN outputs"
assert padded_nans == out[1].numel(), f"only {padded_nans} of {out[1].numel()} padded outputs are NaN"
loss = out.pow(2).mean()  # one bad sequence poisons the whole batch's loss
assert loss.isnan(), f"the batch loss is {loss.item()}"

# The from-scratch softmax does the same (True = may attend, the opposite convention).
q = torch.randn(1, 1, n, d)  # (batch, heads, queries, d)
keep = torch.zeros(n, n, dtype=torch.bool)  # (queries, keys): every key masked
ours, _ = attention(q, q, q, mask=keep)
assert ours.isnan().all(), "a softmax over all −inf should be NaN"
fused = F.scaled_dot_product_attention(q, q, q, attn_mask=keep)
assert torch.equal(fused, torch.zeros_like(fused)), "the fused kernel returns zeros for fully masked rows"
# --8<-- [end:nan]
