"""GPT-2 small has 124,439,808 parameters, its tied embedding matrix counted once.

The count is taken on the from-scratch model built on the ``meta`` device (shapes
only, no memory) and compared with the sum written out by hand, part by part, and
with the split nanoGPT prints when it loads the released ``gpt2`` checkpoint:
"num decayed parameter tensors: 50, with 124,318,464 parameters" and "num
non-decayed parameter tensors: 98, with 121,344 parameters" (matrices are decayed,
biases and LayerNorm gains are not). Every block holds 12·d² + 13·d parameters.

Conditions: vocabulary 50,257, 1,024 positions, width 768, 12 layers; biases
everywhere, as in the released checkpoint.
"""

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig

# --8<-- [start:count]
V, P, d, L = 50257, 1024, 768, 12  # vocabulary, positions, width, layers
with torch.device("meta"):  # shapes without storage: counting costs nothing
    model = GPT(GPTConfig(vocab_size=V, n_positions=P, d_model=d, n_layers=L, n_heads=12))
got = sum(p.numel() for p in model.parameters())  # a shared tensor is yielded once

per_layer = (
    2 * d  # ln1: gain and bias
    + d * 3 * d + 3 * d  # qkv: weight and bias
    + d * d + d  # attention output projection
    + 2 * d  # ln2
    + d * 4 * d + 4 * d  # MLP up
    + 4 * d * d + d  # MLP down
)
expected = V * d + P * d + L * per_layer + 2 * d  # tokens + positions + blocks + ln_f; no head of its own
assert per_layer == 12 * d * d + 13 * d == 7_087_872, f"per layer: {per_layer:,}"
assert got == expected == 124_439_808, f"expected {expected:,}, got {got:,}"
# --8<-- [end:count]

# --8<-- [start:nanogpt]
# nanoGPT's configure_optimizers: tensors with 2+ dims are decayed, the rest are not.
decayed = [p for p in model.parameters() if p.dim() >= 2]
others = [p for p in model.parameters() if p.dim() < 2]
assert (len(decayed), sum(p.numel() for p in decayed)) == (50, 124_318_464), "decayed group"
assert (len(others), sum(p.numel() for p in others)) == (98, 121_344), "non-decayed group"
# nanoGPT's get_num_params() leaves out the position table and prints "123.65M".
without_positions = got - model.wpe.weight.numel()
assert round(without_positions / 1e6, 2) == 123.65, f"{without_positions:,}"
# --8<-- [end:nanogpt]
