"""In GPT, the output at position t depends on tokens 0..t only.

Changing every token after position t leaves the logits at positions 0..t exactly as
they were (bit for bit: the masked attention weights are exact zeros), while each
changed position's own logits move. For the same reason, one forward pass over a
sequence gives, at every position t, the logits that a pass over the first t + 1
tokens alone would give: that is what lets a decoder train on all T next-token
predictions of a sequence at once.

Conditions: the from-scratch GPT of ``_gpt.py`` at a tiny size (2 blocks, width 32,
4 heads, vocabulary 64), random weights at initialisation (no training), random token
ids, 12 tokens with t = 5; float32 on the CPU; the earlier logits compared for exact
equality, the prefix passes within 1e-5; seeds 0-5. Causality is structural (the mask
zeroes the weights whatever their values), so training cannot change it.
"""

import os

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

config = GPTConfig(vocab_size=64, n_positions=32, d_model=32, n_layers=2, n_heads=4)
model = GPT(config).eval()

# --8<-- [start:perturb]
T, t = 12, 5
idx = torch.randint(0, config.vocab_size, (1, T))  # (batch, tokens)
changed = idx.clone()
shift = torch.randint(1, config.vocab_size, (1, T - t - 1))  # never 0: every later token differs
changed[:, t + 1 :] = (idx[:, t + 1 :] + shift) % config.vocab_size

with torch.no_grad():
    before, _ = model(idx)  # (batch, tokens, vocab)
    after, _ = model(changed)
delta = (after - before).abs().amax(dim=-1)[0]  # (tokens,) largest change of each position's logits

MOVED = 1e-3  # a position whose own token changed moves far more than this
assert delta[: t + 1].max().item() == 0.0, f"positions 0..{t} changed by {delta[: t + 1].max().item():.3g}"
# --8<-- [end:perturb]

# --8<-- [start:moved]
moved = (delta > MOVED).nonzero().flatten().tolist()  # the positions whose logits moved
assert moved == list(range(t + 1, T)), f"expected exactly positions {t + 1}..{T - 1} to move, got {moved}"
assert delta[t + 1 :].min().item() > MOVED, f"a changed position moved only {delta[t + 1 :].min().item():.3g}"
# --8<-- [end:moved]

# --8<-- [start:prefix]
TOL = 1e-5  # float32 round-off between a length-T and a length-(t+1) pass
with torch.no_grad():
    full, _ = model(idx)  # (batch, T, vocab): one pass, every position at once
    worst = 0.0
    for end in range(1, T + 1):
        alone, _ = model(idx[:, :end])  # (batch, end, vocab): only the first `end` tokens exist
        worst = max(worst, (alone[:, -1] - full[:, end - 1]).abs().max().item())
assert worst < TOL, f"a prefix pass differs from the full pass by {worst:.3g} (tolerance {TOL})"
# --8<-- [end:prefix]
