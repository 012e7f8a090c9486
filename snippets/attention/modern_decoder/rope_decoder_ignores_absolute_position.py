"""A decoder whose only position signal is RoPE sees no absolute position.

RoPE rotates a query at position m and a key at position n by angles proportional to m
and n, so their dot product depends on m - n only. Every other part of the block acts on
one position at a time. Numbering the same sequence from 1,000 instead of 0 therefore
leaves every logit of the whole decoder unchanged, up to float64 round-off in the cosines
of larger angles. A learned position table, as in GPT-2, would give the model a
different input at every position instead.

Conditions: the from-scratch decoder of ``_decoder.py`` at a tiny size (2 blocks, width
32, 4 query heads, 2 key/value heads, vocabulary 64), random weights at initialisation
(no training), random token ids, 12 tokens; float64; equal to 1e-9; seeds 0-4.
"""

import os

import torch

from snippets.attention.modern_decoder._decoder import Decoder, DecoderConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

TOL = 1e-9  # float64 round-off of cosines and sines of angles up to about 1,000 radians
config = DecoderConfig(vocab_size=64, hidden_size=32, intermediate_size=88, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2)
model = Decoder(config).eval()

# --8<-- [start:check]
idx = torch.randint(0, config.vocab_size, (2, 12))  # (batch, tokens)
with torch.no_grad():
    from_zero = model(idx, start=0)  # positions 0..11
    from_later = model(idx, start=1_000)  # positions 1,000..1,011
gap = (from_zero - from_later).abs().max().item()
assert gap < TOL, f"numbering from 1,000 moved the logits by {gap:.2e}"
# --8<-- [end:check]
