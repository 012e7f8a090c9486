"""The decoder is causal: its output at position t depends on tokens 0..t only.

Every later token of a sequence is changed; the logits at positions 0..t stay exactly as
they were (bit for bit: the masked attention weights are exact zeros, and RMSNorm,
SwiGLU and the head act on one position at a time), while every changed position's
logits move. Nothing here depends on the weights' values, so training cannot change it.

Conditions: the from-scratch decoder of ``_decoder.py`` at a tiny size (2 blocks, width
32, 4 query heads, 2 key/value heads, vocabulary 64), random weights at initialisation
(no training), random token ids, 12 tokens with t = 5; float32; earlier logits compared
for exact equality, a changed position must move by more than 1e-3; seeds 0-4.
"""

import os

import torch

from snippets.attention.modern_decoder._decoder import Decoder, DecoderConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

config = DecoderConfig(vocab_size=64, hidden_size=32, intermediate_size=88, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2)
model = Decoder(config).eval()

# --8<-- [start:check]
T, t = 12, 5
idx = torch.randint(0, config.vocab_size, (1, T))  # (batch, tokens)
changed = idx.clone()
step = torch.randint(1, config.vocab_size, (1, T - t - 1))  # never 0: every later token differs
changed[:, t + 1:] = (idx[:, t + 1:] + step) % config.vocab_size
with torch.no_grad():
    delta = (model(changed) - model(idx)).abs().amax(dim=-1)[0]  # (tokens,) largest change per position
MOVED = 1e-3  # a position whose own token changed moves far more than this
assert delta[: t + 1].max().item() == 0.0, f"positions 0..{t} changed by {delta[: t + 1].max().item():.3g}"
assert delta[t + 1:].min().item() > MOVED, f"a changed position moved only {delta[t + 1:].min().item():.3g}"
# --8<-- [end:check]
