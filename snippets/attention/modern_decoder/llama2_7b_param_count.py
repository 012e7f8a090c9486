"""Llama 2 7B, built from its released configuration, has 6,738,415,616 parameters.

The model is the from-scratch decoder of ``_decoder.py``, built on the ``meta`` device
(shapes without storage), and its count is compared with the sum written out by hand,
part by part: every block holds four d×d attention matrices, three d×I feed-forward
matrices and two RMSNorm gains; around the blocks sit the token table, the final norm and
an output head of its own. The configuration is read from ``published.toml``; so are the
published sizes the count is rounded to ("6.7B" in the LLaMA paper's Table 2 for the same
architecture, "7B" in the Llama 2 model card).

Conditions: exact integer counts on the meta device, no training, no data; Llama 2 7B:
vocabulary 32,000, width 4,096, 32 layers, 32 heads and as many key/value heads,
feed-forward width 11,008, no biases, untied head.
"""

import tomllib
from pathlib import Path

import torch

from snippets.attention.modern_decoder._decoder import Decoder, DecoderConfig

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def config_value(key: str) -> int:
    """A configuration value from published.toml, such as "4096", as an integer."""
    return int(PUBLISHED[key]["value"].replace(",", ""))


def billions(key: str) -> float:
    """A published size such as "6.7B", in parameters."""
    return float(PUBLISHED[key]["value"].rstrip("B")) * 1e9


V = config_value("decoder_llama2_vocab")
d = config_value("decoder_llama2_7b_hidden_size")
L = config_value("decoder_llama2_7b_layers")
H = config_value("decoder_llama2_7b_heads")
I = config_value("decoder_llama2_7b_intermediate")  # noqa: E741 - the feed-forward width, I in the formula

# --8<-- [start:count]
with torch.device("meta"):  # shapes only: counting a 7-billion-parameter model costs nothing
    model = Decoder(DecoderConfig(vocab_size=V, hidden_size=d, intermediate_size=I,
                                  num_hidden_layers=L, num_attention_heads=H, num_key_value_heads=H))
got = sum(p.numel() for p in model.parameters())

attention = 4 * d * d  # q, k, v and output projections, no biases (as many k/v heads as q heads)
feed_forward = 3 * d * I  # SwiGLU: gate and up (d -> I), down (I -> d)
norms = 2 * d  # two RMSNorm gains, no biases
per_layer = attention + feed_forward + norms
expected = V * d + L * per_layer + d + d * V  # token table + blocks + final norm + output head
block_sizes = {sum(p.numel() for p in block.parameters()) for block in model.layers}
assert block_sizes == {per_layer}, f"every block should hold {per_layer:,}, got {block_sizes}"
assert per_layer == 202_383_360, f"per layer: {per_layer:,}"
assert got == expected == 6_738_415_616, f"expected {expected:,}, got {got:,}"
# --8<-- [end:count]

# --8<-- [start:published]
# The LLaMA paper rounds the same architecture to one decimal; the model card to the billion.
assert round(got, -8) == billions("decoder_llama1_7b_params"), f"{got:,} against the paper's 6.7B"
assert round(got, -9) == billions("decoder_llama2_7b_params_name"), f"{got:,} against the card's 7B"
# --8<-- [end:published]

# --8<-- [start:head]
head = model.lm_head.weight.numel()  # the untied output head: a V x d matrix of its own
table = model.embed_tokens.weight.numel()
assert model.lm_head.weight is not model.embed_tokens.weight, "Llama does not tie its head"
assert head == table == V * d == 131_072_000, f"head {head:,}, table {table:,}"
share = head / got
assert round(share, 3) == 0.019, f"the head is {share:.2%} of the model"
assert got - head == 6_607_343_616, f"tied, the model would hold {got - head:,}"
# --8<-- [end:head]
