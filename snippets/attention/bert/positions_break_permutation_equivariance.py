"""Without position embeddings, a Transformer encoder cannot tell word order.

Self-attention and the position-wise layers treat a sequence as a set: shuffle the
inputs of BERT's encoder stack and its outputs come out shuffled the same way
(permutation equivariance), so "dog bites man" and "man bites dog" would get the same
vectors, reordered. Adding BERT's learned position embeddings breaks that symmetry:
the same shuffle of the token ids now changes the outputs themselves.

Conditions: the from-scratch BERT of ``_bert.py`` at a tiny size (2 layers, width
32, 4 heads), random weights at initialisation (no training), white-noise inputs for
the stack and random token ids for the model, 8 tokens, one random permutation that
moves every token; float32, equal within 1e-5, broken by more than 1e-2; seeds 0-5.
"""

import os

import torch

from snippets.attention.bert._bert import BertConfig, BertModel

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

config = BertConfig(vocab_size=64, max_positions=32, d_model=32, n_layers=2, n_heads=4, d_ff=64)
model = BertModel(config).eval()
T = 8
perm = torch.randperm(T)  # a shuffle of positions 0..T-1
while bool((perm == torch.arange(T)).any()):  # insist that every token moves
    perm = torch.randperm(T)

# --8<-- [start:equivariance]
TOL = 1e-5  # float32 round-off
with torch.no_grad():
    h = torch.randn(1, T, config.d_model)  # (batch, tokens, d_model): inputs, no positions added
    gap_stack = (model.encode(h[:, perm]) - model.encode(h)[:, perm]).abs().max().item()

    idx = torch.randint(0, config.vocab_size, (1, T))  # (batch, tokens)
    out, _ = model(idx)  # embeddings include positions
    out_shuffled, _ = model(idx[:, perm])
    gap_model = (out_shuffled - out[:, perm]).abs().max().item()

assert gap_stack < TOL, f"the encoder stack is not equivariant: {gap_stack:.3g}"
# --8<-- [end:equivariance]

# --8<-- [start:positions]
BROKEN = 1e-2  # far above round-off
assert gap_model > BROKEN, f"positions should break equivariance, gap only {gap_model:.3g}"
# --8<-- [end:positions]
