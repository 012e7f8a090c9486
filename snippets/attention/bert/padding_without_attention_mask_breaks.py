"""Padding a batch without an attention mask changes BERT's outputs for the real tokens.

Bidirectional attention lets every token read every other, the padding included.
Batch a short sentence with a long one, pad it, and leave out ``attention_mask``: the
short sentence's real tokens now attend to the padding and their outputs move. With
the mask, the padded keys get zero weight and the outputs equal those of the
sentence run alone. (A causal model is spared when padding goes on the right: no real
token can see a later pad. BERT has no such luck.)

Assumption: every token in the input is part of the text.
Broken by: padding a batch to one length without passing ``attention_mask``.

Conditions: the from-scratch BERT of ``_bert.py`` at a tiny size (2 layers, width
32, 4 heads), random weights at initialisation (no training), a random sentence of 5
tokens right-padded with 7 pads of id 0; float32 on the CPU; masked run equal within
1e-5, unmasked run off by more than 1e-2; seeds 0-5.
"""

import os

import torch

from snippets.attention.bert._bert import BertConfig, BertModel

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

config = BertConfig(vocab_size=64, max_positions=32, d_model=32, n_layers=2, n_heads=4, d_ff=64)
model = BertModel(config).eval()

# --8<-- [start:padding]
short = torch.randint(1, config.vocab_size, (1, 5))  # (batch, 5 tokens): the sentence alone
padded = torch.cat([short, torch.zeros(1, 7, dtype=torch.long)], dim=1)  # (batch, 12): 7 pads
attention_mask = torch.cat([torch.ones(1, 5), torch.zeros(1, 7)], dim=1)  # (batch, 12): 1 = real

with torch.no_grad():
    alone, _ = model(short)  # (batch, 5, d_model)
    unmasked, _ = model(padded)  # (batch, 12, d_model): pads visible to everyone
    masked, _ = model(padded, attention_mask=attention_mask)

BROKEN = 1e-2  # the unmasked run moves by orders of magnitude more than round-off
gap_unmasked = (unmasked[:, :5] - alone).abs().max().item()
assert gap_unmasked > BROKEN, f"without the mask, real tokens moved by only {gap_unmasked:.3g}"
# --8<-- [end:padding]

# --8<-- [start:masked]
TOL = 1e-5  # float32 round-off: the masked run sums a longer row of (zero) weights
gap_masked = (masked[:, :5] - alone).abs().max().item()
assert gap_masked < TOL, f"with the mask, real tokens moved by {gap_masked:.3g}"
# --8<-- [end:masked]
