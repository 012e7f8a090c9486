"""Mistral 7B's cache per token, its bound for one sequence, and how far back it reaches.

Mistral 7B shares 8 key/value heads among 32 query heads and gives every layer a
sliding window of 4,096 keys. Its cache per token follows from the same measurement
as Llama 2's (kv_cache_bytes_per_token.py); the window bounds it, because the
rolling buffer keeps only the last window of keys (kv_cache_decode_matches_recompute.py
shows that this changes no output); and the reach of 32 stacked windows follows
from layers · (w − 1) (sliding_window_reach_is_layers_times_window.py checks that
formula against gradients). The paper counts the window as i − W … i and says
"approximately 131K tokens"; with the window counting its own position, as a rolling
buffer of W keys does, the reach is 32 × 4,095.

Conditions: exact byte counts of float16 tensors on the meta device, no training, no
data; configuration values read from ``published.toml`` (Jiang et al. 2023, Table 1;
Llama 2 7B from its config.json); one sequence, no padding.
"""

import tomllib
from pathlib import Path

import torch

from snippets.attention.efficient_attention._attention import cache_bytes_per_token

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def published(key: str) -> int:
    return int(PUBLISHED[key]["value"].replace(",", ""))


# --8<-- [start:check]
layers, heads, kv_heads = published("ea_mistral_layers"), published("ea_mistral_heads"), published("ea_mistral_kv_heads")
head_dim, window = published("ea_mistral_head_dim"), published("ea_mistral_window")
per_token = cache_bytes_per_token(layers, heads, kv_heads, head_dim, torch.float16)
llama_7b = cache_bytes_per_token(published("ea_llama2_7b_layers"), published("ea_llama2_7b_heads"),
                                 published("ea_llama2_7b_kv_heads"),
                                 published("ea_llama2_7b_hidden") // published("ea_llama2_7b_heads"))
assert per_token == 2 * layers * kv_heads * head_dim * 2 == 131_072, f"{per_token:,} B per token"
assert per_token < llama_7b and llama_7b / per_token == 4, f"Llama 2 7B caches {llama_7b / per_token}× as much per token"

most = per_token * window  # the rolling buffer never holds more than one window of keys
assert most / 2**20 == 512, f"at most {most / 2**20} MiB per sequence"

reach = layers * (window - 1)  # tokens back that can still reach the last layer
assert reach == 131_040, f"reach {reach:,} tokens"
assert round(reach / 1000) == int(PUBLISHED["ea_mistral_span"]["value"].rstrip("K")), "the paper's 131K"
# --8<-- [end:check]
