"""The shape of the data after each step of a GPT, traced on the running model.

A small GPT whose sizes are all different numbers (so no two can be confused) is run
on a batch, forward hooks record the shape of what each part produces, and each shape
is compared with its formula in the batch size B, sequence length T, width d, head
count h and vocabulary V. The same formulas give GPT-2 small's shapes with d = 768,
h = 12, V = 50,257 and T up to 1,024.

Conditions: the from-scratch GPT of ``_gpt.py``; a real forward pass on the CPU.
"""

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig

# --8<-- [start:shapes]
B, T, d, h, V = 2, 5, 24, 3, 40  # batch, tokens, width, heads, vocabulary: all distinct
model = GPT(GPTConfig(vocab_size=V, n_positions=16, d_model=d, n_layers=2, n_heads=h)).eval()
idx = torch.randint(0, V, (B, T))  # (batch, tokens)

seen = {}


def record(name):
    def hook(module, args, out):  # returns None, so the output passes through untouched
        seen[name] = tuple((out[0] if isinstance(out, tuple) else out).shape)
    return hook


block = model.blocks[0]
parts = {"wte": model.wte, "qkv": block.attn.qkv, "attn": block.attn, "mlp.fc": block.mlp.fc,
         "block": block, "ln_f": model.ln_f, "lm_head": model.lm_head}
for name, module in parts.items():
    module.register_forward_hook(record(name))
with torch.no_grad():
    logits, caches = model(idx)

expected = {
    "wte": (B, T, d),  # one d-vector per token (its position's vector is added next)
    "qkv": (B, T, 3 * d),  # queries, keys and values side by side
    "attn": (B, T, d),  # h heads of d/h, concatenated and projected
    "mlp.fc": (B, T, 4 * d),  # the MLP widens four times
    "block": (B, T, d),  # every block keeps the residual stream's shape
    "ln_f": (B, T, d),
    "lm_head": (B, T, V),  # a logit for every vocabulary entry at every position
}
assert seen == expected, f"expected {expected}, got {seen}"
keys = caches[0][0]
assert tuple(keys.shape) == (B, h, T, d // h), f"keys {tuple(keys.shape)}"  # (batch, heads, tokens, head_dim)
# --8<-- [end:shapes]
