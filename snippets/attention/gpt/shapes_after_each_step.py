"""The shape of the data after each step of a GPT, traced on the running model.

A small GPT whose sizes are all different numbers (so no two can be confused) is run
on a batch, forward hooks record the shape of what each part produces, and each shape
is compared with its formula in the batch size B, sequence length T, width d, head
count h and vocabulary V. The same formulas give GPT-2 small's shapes with d = 768,
h = 12, V = 50,257 and T up to 1,024.

The same trace, run on GPT-2 small itself built on the ``meta`` device (shapes
without storage, so nothing is computed), gives the last column of the page's table.

Conditions: the from-scratch GPT of ``_gpt.py``, random weights, random token ids;
a real forward pass on the CPU with B, T, d, h, V = 2, 5, 24, 3, 40, then a
shape-only pass of GPT-2 small (B = 1, T = 1,024) on the meta device; exact shapes.
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
for name, shape in expected.items():
    assert seen[name] == shape, f"{name}: expected {shape}, got {seen[name]}"
keys = caches[0][0]
assert tuple(keys.shape) == (B, h, T, d // h), f"keys {tuple(keys.shape)}"  # (batch, heads, tokens, head_dim)
# --8<-- [end:shapes]

# --8<-- [start:gpt2_small]
with torch.device("meta"):  # GPT-2 small, shapes only: no memory, no arithmetic
    small = GPT(GPTConfig(vocab_size=50257, n_positions=1024, d_model=768, n_layers=12, n_heads=12))
    ids = torch.zeros(1, 1024, dtype=torch.long)  # (batch, tokens): a full context
seen = {}
block = small.blocks[0]
parts = {"wte": small.wte, "qkv": block.attn.qkv, "attn": block.attn, "mlp.fc": block.mlp.fc,
         "block": block, "ln_f": small.ln_f, "lm_head": small.lm_head}
for name, module in parts.items():
    module.register_forward_hook(record(name))
scores = []
block.attn.register_forward_hook(  # the scores' shape: queries x keys per head, from the cache
    lambda module, args, out: scores.append((1, module.n_heads, args[0].shape[1], out[1][0].shape[2])))
with torch.no_grad():
    _, caches = small(ids)
assert seen["wte"] == seen["attn"] == seen["block"] == seen["ln_f"] == (1, 1024, 768), seen
assert seen["qkv"] == (1, 1024, 2304), seen["qkv"]
assert seen["mlp.fc"] == (1, 1024, 3072), seen["mlp.fc"]
assert seen["lm_head"] == (1, 1024, 50257), seen["lm_head"]
assert scores[0] == (1, 12, 1024, 1024), scores
assert tuple(caches[0][0].shape) == (1, 12, 1024, 64), caches[0][0].shape
# --8<-- [end:gpt2_small]
