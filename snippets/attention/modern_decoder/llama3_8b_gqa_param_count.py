"""Llama 3 8B has 8,030,261,248 parameters; grouped-query attention saves 805,306,368 of them.

The model is the from-scratch decoder of ``_decoder.py`` built on the ``meta`` device from
the released configuration (read from ``published.toml``): 32 query heads share 8
key/value heads, so the key and value projections map the width d to ``n_kv * d_head``
columns instead of d. Rebuilt with as many key/value heads as query heads (ordinary
multi-head attention) and nothing else changed, the model grows by exactly
``2 * L * d * (d - n_kv * d_head)`` parameters, the formula written out below.

Conditions: exact integer counts on the meta device, no training, no data; Llama 3 8B:
vocabulary 128,256, width 4,096, 32 layers, 32 query heads, 8 key/value heads,
feed-forward width 14,336, no biases, untied head.
"""

import tomllib
from pathlib import Path

import torch

from snippets.attention.modern_decoder._decoder import Decoder, DecoderConfig

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def config_value(key: str) -> int:
    """A configuration value from published.toml, such as "14336", as an integer."""
    return int(PUBLISHED[key]["value"].replace(",", ""))


V = config_value("decoder_llama3_vocab")
d = config_value("decoder_llama3_8b_hidden_size")
L = config_value("decoder_llama3_8b_layers")
H = config_value("decoder_llama3_8b_heads")
KV = config_value("decoder_llama3_8b_kv_heads")
I = config_value("decoder_llama3_8b_intermediate")  # noqa: E741 - the feed-forward width, I in the formula


def count(kv_heads: int) -> int:
    """Parameters of the Llama 3 8B configuration with ``kv_heads`` key/value heads."""
    with torch.device("meta"):
        model = Decoder(DecoderConfig(vocab_size=V, hidden_size=d, intermediate_size=I, num_hidden_layers=L,
                                      num_attention_heads=H, num_key_value_heads=kv_heads))
    return sum(p.numel() for p in model.parameters())


# --8<-- [start:count]
got = count(kv_heads=KV)
d_head = d // H  # 128
q_and_out = 2 * d * d  # the query and output projections keep their full size
k_and_v = 2 * d * (KV * d_head)  # keys and values: d -> 8 heads x 128 = 1,024 columns each
per_layer = q_and_out + k_and_v + 3 * d * I + 2 * d  # attention + SwiGLU + two RMSNorm gains
expected = V * d + L * per_layer + d + d * V  # token table + blocks + final norm + untied head
assert got == expected == 8_030_261_248, f"expected {expected:,}, got {got:,}"
# The model card calls it 8B.
assert round(got, -9) == float(PUBLISHED["decoder_llama3_8b_params_name"]["value"].rstrip("B")) * 1e9, got
# --8<-- [end:count]

# --8<-- [start:saving]
mha = count(kv_heads=H)  # the same model with one key/value head per query head
saving = mha - got
expected_saving = 2 * L * d * (d - KV * d_head)  # two projections, L layers, d x (d - 1,024) each
assert saving == expected_saving == 805_306_368, f"expected {expected_saving:,}, got {saving:,}"
kv_ratio = (2 * d * d) / k_and_v  # key/value weights of multi-head against grouped-query attention
assert kv_ratio == H / KV == 4, f"the key/value projections are {kv_ratio}x smaller"
assert round(saving / mha, 3) == 0.091, f"{saving / mha:.1%} of the multi-head model"
# --8<-- [end:saving]
