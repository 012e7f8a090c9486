"""The parameter count of the default `nn.Transformer()`, and of the paper's models.

`nn.Transformer()` defaults to the base model of Vaswani et al. (2017): d_model = 512,
8 heads, 6 encoder and 6 decoder layers, d_ff = 2048. An encoder layer holds
4d² + 4d (self-attention) + 2·d·d_ff + d_ff + d (feed-forward) + 4d (two LayerNorms);
a decoder layer adds a second attention block (cross-attention over the encoder's
output) and a third LayerNorm; each stack ends with a LayerNorm of its own.

The module has no embeddings: the paper's models also hold one token embedding
matrix, shared by the encoder, the decoder and the pre-softmax projection (section
3.4), over a shared vocabulary of about 37,000 byte-pair tokens for English-German
(section 5.1). Adding it brings the counts within a few percent of Table 3's
“params ×10⁶” column: 65 for the base model and 213 for the big one, read from the
page's `published.toml`.

Conditions: exact counts on the meta device, no data, no training, independent of the
seed; torch 2.13's `nn.Transformer` layout (biases on every projection, a LayerNorm
closing each stack). The comparison with the paper is within 5%, because the paper
gives the vocabulary only as “about 37000”.
"""

import tomllib
from pathlib import Path

from torch import nn

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def layer_formulas(d: int, d_ff: int) -> tuple[int, int]:
    attention = 4 * d * d + 4 * d
    feed_forward = 2 * d * d_ff + d_ff + d
    layer_norm = 2 * d
    encoder_layer = attention + feed_forward + 2 * layer_norm
    decoder_layer = 2 * attention + feed_forward + 3 * layer_norm
    return encoder_layer, decoder_layer


# --8<-- [start:default]
model = nn.Transformer(batch_first=True, device="meta")  # defaults: 512 wide, 8 heads, 6 + 6 layers
encoder_layer, decoder_layer = layer_formulas(d=512, d_ff=2048)
final_norms = 2 * (2 * 512)  # one LayerNorm closing each stack
expected = 6 * encoder_layer + 6 * decoder_layer + final_norms

assert len(model.encoder.layers) == len(model.decoder.layers) == 6
# every layer of each stack, not just the first: six encoder layers, six decoder layers
assert [count(layer) for layer in model.encoder.layers] == 6 * [encoder_layer] == 6 * [3_152_384]
assert [count(layer) for layer in model.decoder.layers] == 6 * [decoder_layer] == 6 * [4_204_032]
assert count(model) == expected == 44_140_544, f"expected {expected:,}, got {count(model):,}"
# --8<-- [end:default]

# --8<-- [start:paper]
VOCAB = 37_000  # “about 37000 tokens”, shared source-target BPE vocabulary (section 5.1)
# Vaswani et al. 2017, Table 3, params ×10⁶, as written in published.toml ("65M", "213M")
TABLE_3_MILLIONS = {name: float(PUBLISHED[f"{name}_params"]["value"].rstrip("M")) for name in ("base", "big")}
REL_TOL = 0.05  # “about 37000” and unlisted details leave a few percent unexplained
configs = {
    "base": dict(d_model=512, nhead=8, dim_feedforward=2048),
    "big": dict(d_model=1024, nhead=16, dim_feedforward=4096),
}
for name, config in configs.items():
    body = count(nn.Transformer(**config, batch_first=True, device="meta"))
    shared_embedding = VOCAB * config["d_model"]  # one matrix: embed, embed, pre-softmax
    millions = (body + shared_embedding) / 1e6
    published = TABLE_3_MILLIONS[name]
    assert abs(millions - published) / published < REL_TOL, (
        f"{name}: {millions:.1f}M counted, {published}M published"
    )
# --8<-- [end:paper]
