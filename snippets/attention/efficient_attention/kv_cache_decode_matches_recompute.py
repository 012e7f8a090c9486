"""Decoding one token at a time from a key/value cache equals recomputing everything.

In a causal layer a token never attends to a later one, so the keys and values of
earlier tokens never change once computed. A decoder can therefore keep them (the
cache) and, for each new token, compute only that token's query, key and value. The
outputs are those of running the whole sequence again, up to the order in which
float32 sums are taken. With a sliding window of w keys, a key older than the window
can never be read again, so the cache can be a rolling buffer of w tokens: constant
memory, still the same outputs as the windowed recomputation.

Conditions: random weights at initialisation (no training), a stack of 2 grouped-
query layers (8 query heads, 2 key/value heads, width 32) with residual connections,
white-noise input of 4 prompt tokens then 12 decoded one at a time; float32, equal
within 1e-5; seeds 0-4.
"""

import os

import torch

from snippets.attention.efficient_attention._attention import GroupedQueryAttention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: threads cost more than they save

TOL = 1e-5  # float32 rounding: the cached run sums over keys in a different order
d_model, prompt, steps = 32, 4, 12


def run(layers, x, caches=None):
    """The stack on new tokens x (batch, tokens, d_model), with and returning caches."""
    caches = caches or [None] * len(layers)
    new = []
    for layer, cache in zip(layers, caches, strict=True):
        out, cache = layer(x, cache)
        x = x + out  # residual
        new.append(cache)
    return x, new


x = torch.randn(1, prompt + steps, d_model)  # (batch, tokens, d_model)

# --8<-- [start:full]
layers = [GroupedQueryAttention(d_model, 8, 2) for _ in range(2)]
with torch.no_grad():
    recomputed, _ = run(layers, x)  # every position at once: (1, 16, d_model)
    out, caches = run(layers, x[:, :prompt])  # the prompt, filling the cache
    outs = [out]
    for t in range(prompt, prompt + steps):
        out, caches = run(layers, x[:, t:t + 1], caches)  # one new token, cache grows by one
        outs.append(out)
cached = torch.cat(outs, dim=1)  # (1, 16, d_model)
gap = (cached - recomputed).abs().max().item()
assert gap < TOL, f"cached and recomputed outputs differ by {gap:.2e}"
keys, values = caches[0]  # each (batch, kv_heads, tokens, head_dim)
assert keys.shape == (1, 2, prompt + steps, 4), f"the cache holds {tuple(keys.shape)}"
# --8<-- [end:full]

# --8<-- [start:rolling]
window = 4
layers = [GroupedQueryAttention(d_model, 8, 2, window=window) for _ in range(2)]
with torch.no_grad():
    recomputed, _ = run(layers, x)  # the windowed mask over all 16 positions
    out, caches = run(layers, x[:, :prompt])
    outs, held = [out], []
    for t in range(prompt, prompt + steps):
        out, caches = run(layers, x[:, t:t + 1], caches)
        outs.append(out)
        held += [keys.shape[2] for keys, _ in caches]  # tokens each layer's rolling buffer holds
cached = torch.cat(outs, dim=1)
gap = (cached - recomputed).abs().max().item()
assert gap < TOL, f"rolling-buffer and recomputed outputs differ by {gap:.2e}"
assert min(held) == max(held) == window == 4, f"the rolling buffer held {sorted(set(held))} tokens"
# --8<-- [end:rolling]
