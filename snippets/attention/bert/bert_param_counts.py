"""BERT-base has 109,482,240 parameters and BERT-large 335,141,888.

Each count is taken on the from-scratch model built on the ``meta`` device and
compared with a formula written out from the configuration alone: vocabulary
V = 30,522, P = 512 positions, S = 2 token types, hidden size H, L layers,
feed-forward width F = 4H. Embeddings hold (V + P + S)·H weights plus a LayerNorm
(2H); a layer holds 4(H² + H) for attention, 2H + 2H for its two LayerNorms and
2HF + F + H for the feed-forward network; the pooler holds H² + H.

Devlin et al. (2019) report "Total Parameters=110M" for BERT-base and "340M" for
BERT-large; the exact counts of the released architecture are 0.47% and 1.43% below
those rounded figures.

Conditions: exact integer counts on the meta device, no training, no data; the
architecture of the released uncased checkpoints, without the pre-training heads
(what ``transformers.BertModel`` holds); the paper's figures read from
``published.toml``.
"""

import tomllib
from dataclasses import replace
from pathlib import Path

import torch

from snippets.attention.bert._bert import BertConfig, BertModel


def count(config: BertConfig) -> int:
    with torch.device("meta"):  # shapes without storage: counting costs nothing
        return sum(p.numel() for p in BertModel(config).parameters())


# --8<-- [start:base]
V, P, S = 30522, 512, 2  # vocabulary, positions, token types
H, L, F = 768, 12, 3072  # hidden size, layers, feed-forward width

embeddings = (V + P + S) * H + 2 * H  # three tables and a LayerNorm
per_layer = 4 * (H * H + H) + 2 * H + (H * F + F) + (F * H + H) + 2 * H  # attn, norm1, FF, norm2
pooler = H * H + H

base = BertConfig(vocab_size=V, max_positions=P, type_vocab_size=S, d_model=H, n_layers=L, d_ff=F)
with_pooler, without_pooler = count(base), count(replace(base, pooler=False))
assert with_pooler == embeddings + L * per_layer + pooler == 109_482_240, f"{with_pooler:,}"
assert without_pooler == embeddings + L * per_layer == 108_891_648, f"{without_pooler:,}"
# --8<-- [end:base]

# --8<-- [start:parts]
with torch.device("meta"):
    model = BertModel(base)
got_embeddings = sum(p.numel() for p in model.embeddings.parameters())
got_layers = [sum(p.numel() for p in layer.parameters()) for layer in model.layers]
feed_forward = (H * F + F) + (F * H + H)  # H -> F -> H, with biases
assert got_embeddings == embeddings == 23_837_184, f"embeddings: {got_embeddings:,}"
assert len(got_layers) == L, f"expected {L} layers, got {len(got_layers)}"
assert set(got_layers) == {per_layer}, f"every layer should hold {per_layer:,}: {got_layers}"
assert F == 4 * H and feed_forward == 8 * H * H + 5 * H, f"feed-forward: {feed_forward:,}"
assert per_layer == 12 * H * H + 13 * H == 7_087_872, f"per layer: {per_layer:,}"
word_share = model.embeddings.word.weight.numel() / with_pooler  # the word table alone
assert round(word_share, 2) == 0.21, f"the word table is {word_share:.1%} of BERT-base"
# --8<-- [end:parts]

# --8<-- [start:large]
Hl, Ll, Fl = 1024, 24, 4096  # BERT-large: hidden size, layers, feed-forward width
expected_large = (
    (V + P + S) * Hl + 2 * Hl  # embeddings
    + Ll * (4 * (Hl * Hl + Hl) + 2 * Hl + (Hl * Fl + Fl) + (Fl * Hl + Hl) + 2 * Hl)  # layers
    + Hl * Hl + Hl  # pooler
)
large = count(BertConfig(d_model=Hl, n_layers=Ll, n_heads=16, d_ff=Fl))
assert large == expected_large == 335_141_888, f"expected {expected_large:,}, got {large:,}"
# --8<-- [end:large]

# --8<-- [start:paper]
# Devlin et al. (2019), section 3: "BERT_BASE (L=12, H=768, A=12, Total Parameters=110M)
# and BERT_LARGE (L=24, H=1024, A=16, Total Parameters=340M)", read from published.toml.
published = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))
reported = {size: float(published[f"bert_{size}_params"]["value"].rstrip("M")) * 1e6 for size in ("base", "large")}
gap_base = (reported["base"] - with_pooler) / reported["base"]  # > 0: the paper rounds up
gap_large = (reported["large"] - large) / reported["large"]
assert with_pooler < reported["base"] and large < reported["large"], "the paper's figures are rounded up"
assert round(gap_base, 4) == 0.0047, f"BERT-base is {gap_base:.2%} under {reported['base']:,.0f}"
assert round(gap_large, 4) == 0.0143, f"BERT-large is {gap_large:.2%} under {reported['large']:,.0f}"
# --8<-- [end:paper]
