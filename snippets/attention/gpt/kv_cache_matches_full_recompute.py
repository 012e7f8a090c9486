"""Incremental decoding with a key/value cache gives the logits of full recomputation.

A causal layer never lets an old token see a new one, so the keys and values of
tokens already processed never change: caching them and feeding the model one new
token at a time gives, at each step, the logits of re-running the whole sequence,
and greedy decoding picks the same tokens either way. The cache holds
2 · layers · tokens · d_model numbers per sequence and grows by one token per step.

GPT-2 small, built and run on the ``meta`` device over a full context, shows the
cache's size at full scale without allocating it.

Conditions: the from-scratch GPT of ``_gpt.py`` at a tiny size (2 blocks, width 32,
4 heads, vocabulary 64), random weights at initialisation (no training), a random
prompt of 5 tokens and 7 greedy steps; float32 on the CPU, logits within 1e-5;
seeds 0-5. The GPT-2 small sizes are shapes and dtypes on the meta device, exact.
"""

import os

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

config = GPTConfig(vocab_size=64, n_positions=32, d_model=32, n_layers=2, n_heads=4)
model = GPT(config).eval()

# --8<-- [start:cache]
TOL = 1e-5  # float32 round-off: one token at a time sums in a different order
prompt = torch.randint(0, config.vocab_size, (2, 5))  # (batch, tokens)
steps = 7
with torch.no_grad():
    # Cached: the prompt in one pass, then only the newest token each step.
    logits, caches = model(prompt)  # (batch, 5, vocab); caches hold 5 tokens
    seen = [logits]
    ids = prompt
    for _ in range(steps):
        nxt = logits[:, -1].argmax(-1, keepdim=True)  # (batch, 1): greedy choice
        ids = torch.cat([ids, nxt], dim=1)
        logits, caches = model(nxt, caches)  # (batch, 1, vocab)
        seen.append(logits)
    cached = torch.cat(seen, dim=1)  # (batch, 12, vocab): every logit the cached run produced

    # Uncached: recompute every position, at every step, from the token ids alone.
    again = prompt
    for _ in range(steps):
        full, _ = model(again)  # (batch, tokens, vocab)
        again = torch.cat([again, full[:, -1].argmax(-1, keepdim=True)], dim=1)
    full, _ = model(ids)  # (batch, 12, vocab)

gap = (cached - full).abs().max().item()
assert gap < TOL, f"cached and recomputed logits differ by {gap:.3g} (tolerance {TOL})"
assert torch.equal(ids, again), "greedy decoding picked different tokens with and without the cache"
# --8<-- [end:cache]

# --8<-- [start:size]
tokens = prompt.shape[1] + steps
assert (config.n_layers, config.d_model, tokens) == (2, 32, 12), "the set-up the page quotes"
keys, values = caches[0]  # (batch, heads, tokens, head_dim) each
assert keys.shape == (2, config.n_heads, tokens, config.d_model // config.n_heads), keys.shape
per_sequence = sum(k[0].numel() + v[0].numel() for k, v in caches)
expected = 2 * config.n_layers * tokens * config.d_model  # keys and values, every layer, every token
assert per_sequence == expected == 1_536, f"expected {expected:,} cached numbers, got {per_sequence:,}"
# --8<-- [end:size]

# --8<-- [start:gpt2_small]
with torch.device("meta"):  # GPT-2 small over a full context, shapes and dtypes only
    small = GPT(GPTConfig())
    _, full_caches = small(torch.zeros(1, 1024, dtype=torch.long))  # (batch, tokens)
context = full_caches[0][0].shape[2]  # tokens held by the cache
numbers = sum(k.numel() + v.numel() for k, v in full_caches)  # one sequence, every layer
per_token = numbers // context
cache_bytes = sum(k.numel() * k.element_size() + v.numel() * v.element_size() for k, v in full_caches)
weight_bytes = sum(p.numel() * p.element_size() for p in small.parameters())
assert context == 1024, f"the cache holds {context} tokens"
assert per_token == 2 * small.config.n_layers * small.config.d_model == 18_432, f"{per_token:,} per token"
assert per_token * full_caches[0][0].element_size() / 1024 == 72, f"{per_token} numbers per token"
assert cache_bytes / 2**20 == 72, f"{cache_bytes / 2**20} MiB for a full context"
assert 6 * cache_bytes < weight_bytes < 7 * cache_bytes, f"weights {weight_bytes:,} B, cache {cache_bytes:,} B"
# --8<-- [end:gpt2_small]
