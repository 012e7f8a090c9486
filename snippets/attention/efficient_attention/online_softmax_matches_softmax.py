"""The online softmax finds its normaliser in one pass and gives the softmax, even where exp overflows.

Milakov & Gimelshein's normaliser keeps a running maximum m and a running sum of
exp(x - m); when a new chunk raises the maximum, the sum so far is multiplied by
exp(m_old - m_new). The normaliser takes one pass over the scores instead of the
safe softmax's two (maximum, then sum), and one more pass writes the probabilities.
The result equals the usual "safe" softmax (subtract the maximum, exponentiate,
normalise). Because no positive number is ever exponentiated, scores as large as
1,000 cause no overflow, where the textbook formula exp(x) / sum(exp(x)) returns NaN
in float32 (exp(1000) is inf). This recurrence is what lets FlashAttention normalise
a row of scores it never holds at once.

Conditions: no model, no training; 64 rows of 100 Gaussian scores (scaled by 10)
and, separately, the same rows shifted up by 1,000; chunks of 7 (not dividing 100);
float32, equal to torch.softmax within 1e-6; seeds 0-4.
"""

import os

import torch

from snippets.attention.efficient_attention._attention import online_softmax

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # small tensors: threads cost more than they save

TOL = 1e-6  # float32 rounding of probabilities no larger than 1

# --8<-- [start:check]
scores = 10 * torch.randn(64, 100)  # (rows, keys)
for shift in (0.0, 1000.0):
    x = scores + shift
    online = online_softmax(x, chunk=7)  # one pass, 7 scores at a time
    reference = torch.softmax(x, dim=-1)  # two passes over the whole row
    gap = (online - reference).abs().max().item()
    assert gap < TOL, f"shift {shift}: online and torch softmax differ by {gap:.2e}"

textbook = torch.exp(scores + 1000.0) / torch.exp(scores + 1000.0).sum(-1, keepdim=True)
assert torch.isnan(textbook).all(), "exp(x) / sum(exp(x)) overflows at scores near 1,000"
# --8<-- [end:check]
