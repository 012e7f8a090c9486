"""The key/value cache's size per token, from a published configuration alone.

A decoder caches, for every layer and every token, one key and one value vector per
key/value head: 2 · layers · kv_heads · head_dim numbers per token, times the bytes
of one number. Llama 2 7B uses ordinary multi-head attention (32 key/value heads);
Llama 2 70B uses grouped-query attention with 8 key/value heads shared by 64 query
heads. Here the cache is not computed from the formula but measured: one layer of the
page's ``GroupedQueryAttention``, built at the published sizes on the ``meta``
device in float16, projects one token to the keys and values it would cache, and
their bytes are counted once per layer (every layer has the same shapes). The formula, written out from the configuration, is the
independent side.

Conditions: exact byte counts of float16 tensors on the meta device (shapes only,
nothing allocated), no training, no data; configuration values read from
``published.toml`` (the released checkpoints' config.json); head_dim is
hidden_size / num_attention_heads, as in Llama. One sequence, no padding.
"""

import tomllib
from pathlib import Path

import torch

from snippets.attention.efficient_attention._attention import cache_bytes_per_token

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def config(prefix: str) -> tuple[int, int, int, int]:
    """(layers, hidden, heads, kv_heads) of a published model."""
    return tuple(int(PUBLISHED[f"{prefix}_{name}"]["value"].replace(",", ""))
                 for name in ("layers", "hidden", "heads", "kv_heads"))


def measured_cache_bytes(layers: int, hidden: int, heads: int, kv_heads: int) -> int:
    """Bytes of keys and values the model caches for one token, measured on meta."""
    return cache_bytes_per_token(layers, heads, kv_heads, hidden // heads, torch.float16)


# --8<-- [start:llama]
FP16 = 2  # bytes per number
per_token = {}
for name in ("ea_llama2_7b", "ea_llama2_70b"):
    layers, hidden, heads, kv_heads = config(name)
    head_dim = hidden // heads
    expected = 2 * layers * kv_heads * head_dim * FP16  # keys and values, every layer
    per_token[name] = measured_cache_bytes(layers, hidden, heads, kv_heads)
    assert per_token[name] == expected, f"{name}: measured {per_token[name]:,} B, formula {expected:,} B"

small, large = per_token["ea_llama2_7b"], per_token["ea_llama2_70b"]
assert small == 524_288 and small / 1024 == 512, f"7B: {small:,} B per token"
assert large == 327_680 and large / 1024 == 320, f"70B: {large:,} B per token"
assert large < small, "the 70B model caches fewer bytes per token than the 7B one"
context = int(PUBLISHED["ea_llama2_context"]["value"].replace(",", ""))
assert small * context / 2**30 == 2, f"7B, full context: {small * context / 2**30} GiB"
assert large * context / 2**30 == 1.25, f"70B, full context: {large * context / 2**30} GiB"
# --8<-- [end:llama]

# --8<-- [start:heads]
# Llama 2 70B's shape, with its 64 query heads sharing 64, 8 or 1 key/value heads.
layers, hidden, heads, gqa_heads = config("ea_llama2_70b")
mha = measured_cache_bytes(layers, hidden, heads, heads)  # multi-head: one K/V head per query head
gqa = measured_cache_bytes(layers, hidden, heads, gqa_heads)  # grouped-query, as released
mqa = measured_cache_bytes(layers, hidden, heads, 1)  # multi-query (Shazeer 2019)
assert gqa == large, "the released configuration, measured twice"
assert mqa < gqa < mha, "fewer key/value heads, fewer bytes"
assert mha == 2_621_440 and mha / 2**20 == 2.5, f"multi-head: {mha:,} B per token"
assert mqa == 40_960, f"multi-query: {mqa:,} B per token"
assert mha / gqa == heads / gqa_heads == 8, f"GQA shrinks the cache {mha / gqa}×"
assert mha / mqa == heads == 64, f"MQA shrinks the cache {mha / mqa}×"
# --8<-- [end:heads]
