"""Without positions, self-attention cannot tell “dog bites man” from “man bites dog”.

A failure of the permutation equivariance: with no positional information, a token's
output depends on which tokens are present, not on their order. The output for
“dog” is the same whether the dog bites or is bitten, and any order-independent
summary of the sequence (here the mean over tokens) is identical for both
sentences, so no head on top can tell them apart.

Assumption: order is supplied from outside the attention (positional information).
Broken by: feeding tokens with no positional encoding, so only which tokens are present counts.

Conditions: random weights at initialisation (no training), a random embedding of
width 16 and `nn.MultiheadAttention(16, 2)`, float32; equal to 1e-5; seeds 0-5. The
trained version of this failure is `self_attention_cannot_learn_word_order_fails.py`.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off
DIFFERENT = 1e-2  # the two sentences' embeddings differ by far more than this

# --8<-- [start:blind]
d_model = 16
vocab = {"dog": 0, "bites": 1, "man": 2}
embed = nn.Embedding(len(vocab), d_model)
mha = nn.MultiheadAttention(d_model, num_heads=2, batch_first=True).eval()


def encode(sentence: str) -> torch.Tensor:
    ids = torch.tensor([[vocab[w] for w in sentence.split()]])  # (batch, tokens)
    x = embed(ids)  # (batch, tokens, d_model)
    return mha(x, x, x, need_weights=False)[0]  # (batch, tokens, d_model)


with torch.no_grad():
    a = encode("dog bites man")  # (1, 3, d_model)
    b = encode("man bites dog")  # (1, 3, d_model)
    inputs_differ = (embed.weight[0] - embed.weight[2]).abs().max().item()
dog_gap = (a[0, 0] - b[0, 2]).abs().max().item()  # “dog” is first in a, last in b
pooled_gap = (a.mean(dim=1) - b.mean(dim=1)).abs().max().item()
assert inputs_differ > DIFFERENT, f"the embeddings of dog and man barely differ: {inputs_differ:.2e}"
assert dog_gap < TOL, f"the output for “dog” changed with its role, by {dog_gap:.2e}"
assert pooled_gap < TOL, f"the mean-pooled sentences differ by {pooled_gap:.2e}"
# --8<-- [end:blind]
