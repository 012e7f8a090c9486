"""Llama 2 70B holds fewer parameters than its name; multi-head attention would push it past.

The released configuration (read from ``published.toml``): width 8,192, 80 layers, 64
query heads sharing 8 key/value heads, feed-forward width 28,672, vocabulary 32,000.
Built on the ``meta`` device with the decoder of ``_decoder.py`` and compared with the
sum written out by hand, it holds 68,976,648,192 parameters, below the 70B of its name.
The same model with one key/value head per query head would hold
2 · L · d · (d − 8 · 128) more, and then exceed it.

Conditions: exact integer counts on the meta device, no training, no data; no biases,
untied head, as released.
"""

import tomllib
from pathlib import Path

import torch

from snippets.attention.modern_decoder._decoder import Decoder, DecoderConfig

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def config_value(key: str) -> int:
    """A configuration value from published.toml, such as "28672", as an integer."""
    return int(PUBLISHED[key]["value"].replace(",", ""))


V = config_value("decoder_llama2_vocab")
d = config_value("decoder_llama2_70b_hidden_size")
L = config_value("decoder_llama2_70b_layers")
H = config_value("decoder_llama2_70b_heads")
KV = config_value("decoder_llama2_70b_kv_heads")
I = config_value("decoder_llama2_70b_intermediate")  # noqa: E741 - the feed-forward width, I in the formula
NAME = float(PUBLISHED["decoder_llama2_70b_params_name"]["value"].rstrip("B")) * 1e9  # "70B"


def count(kv_heads: int) -> int:
    """Parameters of the Llama 2 70B configuration with ``kv_heads`` key/value heads."""
    with torch.device("meta"):
        model = Decoder(DecoderConfig(vocab_size=V, hidden_size=d, intermediate_size=I, num_hidden_layers=L,
                                      num_attention_heads=H, num_key_value_heads=kv_heads))
    return sum(p.numel() for p in model.parameters())


# --8<-- [start:check]
got = count(kv_heads=KV)
d_head = d // H  # 128
per_layer = 2 * d * d + 2 * d * KV * d_head + 3 * d * I + 2 * d  # q, o; k, v; SwiGLU; two gains
expected = 2 * V * d + L * per_layer + d  # token table and untied head, blocks, final norm
assert got == expected == 68_976_648_192, f"expected {expected:,}, got {got:,}"
assert got < NAME, f"{got:,} against the name's {NAME:,.0f}"
with_mha = count(kv_heads=H)
assert with_mha - got == 2 * L * d * (d - KV * d_head), "the key/value projections at full size"
assert with_mha == 78_371_889_152 and with_mha > NAME, f"with multi-head attention: {with_mha:,}"
# --8<-- [end:check]
