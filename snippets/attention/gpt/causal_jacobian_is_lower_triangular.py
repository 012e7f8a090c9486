"""The Jacobian of a GPT's outputs with respect to its inputs is block lower-triangular.

Block (t, s) is the d×d matrix ∂output_t / ∂input_s. Causal attention makes every
block with s > t exactly zero (not small: zero), while every block with s ≤ t is
non-zero, so a sequence of T positions has T(T+1)/2 non-zero blocks out of T².

Conditions: the blocks and final LayerNorm of the from-scratch GPT in ``_gpt.py``
(2 blocks, width 8, 2 heads), random weights at initialisation (no training),
differentiated with ``torch.autograd.functional.jacobian`` at a white-noise input of
6 positions; zero blocks exactly zero, the others above 1e-3 (the smallest measured
is 0.02); seeds 0-5. The zeros are
structural (masked weights are exact zeros), so they hold for any weights.
"""

import os

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig, jacobian_blocks

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:jacobian]
config = GPTConfig(vocab_size=64, n_positions=32, d_model=8, n_layers=2, n_heads=2)
model = GPT(config).eval()
T, d = 6, config.d_model
h = torch.randn(T, d)  # (tokens, d_model): embedded inputs, batch of one left out

blocks = jacobian_blocks(model, h)  # (T, T): the largest entry of each block ∂output_t / ∂input_s

above = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)  # s > t: the future
assert blocks[above].max().item() == 0.0, f"a future block is {blocks[above].max().item():.3g}, not 0"
CLEAR = 1e-3  # far above float32 round-off: a block this large is a real dependence
nonzero = int((blocks > CLEAR).sum())
assert nonzero == T * (T + 1) // 2 == 21, f"expected {T * (T + 1) // 2} non-zero blocks, got {nonzero}"
# --8<-- [end:jacobian]
