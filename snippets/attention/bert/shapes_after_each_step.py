"""The shape of the data after each step of BERT, traced on the running model.

A small BERT whose sizes are all different numbers (so no two can be confused) is run
on a batch, forward hooks record the shape of what each part produces, and each shape
is compared with its formula in the batch size B, sequence length T, hidden size H,
head count A and feed-forward width F. The same formulas give BERT-base's shapes with
H = 768, A = 12, F = 3,072 and T up to 512.

The same trace, run on BERT-base itself built on the ``meta`` device (shapes without
storage, so nothing is computed), gives the last column of the page's table.

Conditions: the from-scratch BERT of ``_bert.py``, random weights, random token ids;
a real forward pass on the CPU with B, T, H, A, F = 2, 7, 24, 3, 40, then a
shape-only pass of BERT-base (B = 1, T = 512) on the meta device; exact shapes.
"""

import torch

from snippets.attention.bert._bert import BertConfig, BertModel

# --8<-- [start:shapes]
B, T, H, A, F = 2, 7, 24, 3, 40  # batch, tokens, hidden size, heads, feed-forward width
model = BertModel(BertConfig(vocab_size=50, max_positions=16, d_model=H, n_layers=2, n_heads=A, d_ff=F)).eval()
idx = torch.randint(0, 50, (B, T))  # (batch, tokens)

seen = {}


def record(name):
    def hook(module, args, out):  # returns None, so the output passes through untouched
        seen[name] = tuple(out.shape)
    return hook


layer = model.layers[0]
parts = {"embeddings": model.embeddings, "query": layer.query, "attn_out": layer.attn_out,
         "ff_in": layer.ff_in, "layer": layer, "pooler": model.pooler}
for name, module in parts.items():
    module.register_forward_hook(record(name))
with torch.no_grad():
    hidden, pooled = model(idx)

expected = {
    "embeddings": (B, T, H),  # word + position + segment, LayerNorm-ed
    "query": (B, T, H),  # A heads of H/A side by side (keys and values alike)
    "attn_out": (B, T, H),  # heads concatenated and projected
    "ff_in": (B, T, F),  # the feed-forward layer widens to F = 4H in BERT
    "layer": (B, T, H),  # every layer keeps the shape
    "pooler": (B, H),  # dense layer on the first token, [CLS], before tanh
}
for name, shape in expected.items():
    assert seen[name] == shape, f"{name}: expected {shape}, got {seen[name]}"
assert tuple(hidden.shape) == (B, T, H) and tuple(pooled.shape) == (B, H), (hidden.shape, pooled.shape)
# --8<-- [end:shapes]

# --8<-- [start:bert_base]
with torch.device("meta"):  # BERT-base, shapes only: no memory, no arithmetic
    base = BertModel(BertConfig())  # vocabulary 30,522, 512 positions, H = 768, 12 layers, A = 12
    ids = torch.zeros(1, 512, dtype=torch.long)  # (batch, tokens): the longest input
seen = {}
layer = base.layers[0]
parts = {"embeddings": base.embeddings, "query": layer.query, "attn_out": layer.attn_out,
         "ff_in": layer.ff_in, "layer": layer, "pooler": base.pooler}
for name, module in parts.items():
    module.register_forward_hook(record(name))
scores = []
layer.key.register_forward_hook(  # the scores' shape: heads x queries x keys, from q and k
    lambda module, args, out: scores.append((out.shape[0], layer.n_heads, args[0].shape[1], out.shape[1])))
with torch.no_grad():
    hidden, pooled = base(ids)
assert seen["embeddings"] == seen["query"] == seen["attn_out"] == seen["layer"] == (1, 512, 768), seen
assert seen["ff_in"] == (1, 512, 3072), seen["ff_in"]
assert seen["pooler"] == (1, 768), seen["pooler"]
assert scores[0] == (1, 12, 512, 512), scores
# --8<-- [end:bert_base]
