"""In BERT, the output at position t depends on the tokens after t, unlike in GPT.

Changing only the tokens after position t moves the outputs at positions 0..t, and
the Jacobian of the encoder's outputs with respect to its inputs is dense: all T²
blocks ∂output_t / ∂input_s are non-zero, where a causal decoder has T(T+1)/2.
That is what "bidirectional" means, and why BERT cannot generate text left to right:
its prediction for a position reads the very tokens that would come after it.

Conditions: the from-scratch encoder of ``_bert.py`` at a tiny size (2 layers, width
8, 2 heads), random weights at initialisation (no training), random token ids for the
perturbation (10 tokens, t = 4) and a white-noise input for the Jacobian (6 positions),
no padding; float32 on the CPU; a block counts as non-zero above 1e-3 (the smallest
measured is 0.03), earlier positions must move by more than 1e-3; seeds 0-5.
"""

import os

import torch

from snippets.attention.bert._bert import BertConfig, BertModel, jacobian_blocks

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

config = BertConfig(vocab_size=64, max_positions=32, d_model=8, n_layers=2, n_heads=2, d_ff=32)
model = BertModel(config).eval()

# --8<-- [start:perturb]
T, t = 10, 4
idx = torch.randint(0, config.vocab_size, (1, T))  # (batch, tokens)
changed = idx.clone()
changed[:, t + 1 :] = (idx[:, t + 1 :] + torch.randint(1, config.vocab_size, (1, T - t - 1))) % config.vocab_size
with torch.no_grad():
    before, _ = model(idx)  # (batch, tokens, d_model)
    after, _ = model(changed)
moved = (after - before)[0, : t + 1].abs().amax(dim=-1)  # (t + 1,): change at each earlier position
MOVED = 1e-3  # a causal model would give exactly 0 at every one of these positions
assert moved.min().item() > MOVED, f"an earlier position moved only {moved.min().item():.3g}"
# --8<-- [end:perturb]

# --8<-- [start:jacobian]
T = 6
h = torch.randn(T, config.d_model)  # (tokens, d_model): embedded inputs, batch of one left out
blocks = jacobian_blocks(model, h)  # (T, T): largest entry of each ∂output_t / ∂input_s
CLEAR = 1e-3  # far above float32 round-off: a block this large is a real dependence
nonzero = int((blocks > CLEAR).sum())
assert nonzero == T * T == 36, f"expected all {T * T} blocks non-zero, got {nonzero}"
# --8<-- [end:jacobian]
