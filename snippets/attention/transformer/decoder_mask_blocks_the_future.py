"""The decoder's square subsequent mask keeps each target position from seeing later ones.

`nn.Transformer.generate_square_subsequent_mask(n)` is a float mask with −inf above
the diagonal and 0 on and below it. Passed as `tgt_mask` to a decoder layer, it makes
the output at position i independent of target tokens after i: rewriting the future
leaves the past's outputs unchanged. Without it, in training with teacher forcing,
each position could read the token it is asked to predict: the future leaks into
the past, and the model learns to copy instead of predict.

Conditions: `nn.TransformerDecoderLayer(32, 4, 64)` with random weights at
initialisation and no dropout, random Gaussian target (8 tokens) and memory (6
tokens), float32; masked outputs equal to 1e-5, unmasked ones moving by more than
0.05; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off
LEAK = 0.05  # outputs are O(1) after LayerNorm; a change above this is no round-off

n_tgt, n_src, d, cut = 8, 6, 32, 4  # target positions 0..3 are the past, 4..7 the future
decoder_layer = nn.TransformerDecoderLayer(d, 4, 64, dropout=0.0, batch_first=True).eval()
memory = torch.randn(1, n_src, d)  # (batch, source tokens, d_model): the encoder's output
tgt = torch.randn(1, n_tgt, d)  # (batch, target tokens, d_model)
tgt_new_future = tgt.clone()
tgt_new_future[:, cut:] = torch.randn(1, n_tgt - cut, d)

# --8<-- [start:mask]
mask = nn.Transformer.generate_square_subsequent_mask(n_tgt)  # (target, target)
above = torch.ones(n_tgt, n_tgt, dtype=torch.bool).triu(diagonal=1)
assert torch.isinf(mask[above]).all() and (mask[~above] == 0).all(), "not −inf above, 0 elsewhere"

with torch.no_grad():
    past = decoder_layer(tgt, memory, tgt_mask=mask)[:, :cut]  # (batch, past, d_model)
    past_new = decoder_layer(tgt_new_future, memory, tgt_mask=mask)[:, :cut]
    open_past = decoder_layer(tgt, memory)[:, :cut]  # no mask
    open_past_new = decoder_layer(tgt_new_future, memory)[:, :cut]
masked_gap = (past - past_new).abs().max().item()
open_gap = (open_past - open_past_new).abs().max().item()
assert masked_gap < TOL, f"with the mask the past moved by {masked_gap:.2e}"
assert open_gap > LEAK, f"without the mask the past moved by only {open_gap:.2e}"
# --8<-- [end:mask]
