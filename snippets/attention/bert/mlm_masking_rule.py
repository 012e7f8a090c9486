"""The masked-LM sampler follows BERT's rule: 15% chosen; of those 80% [MASK], 10% random, 10% kept.

Devlin et al. (2019) choose 15% of token positions for prediction and replace a chosen
token by [MASK] 80% of the time, by a random token 10% of the time, and leave it
unchanged 10% of the time. ``mask_tokens`` is checked against that rule by counting
what it did to a large batch: each observed share must lie within 5 binomial standard
deviations, sqrt(p(1-p)/n), of the rule's p, where n is the number of trials behind
that share. A random replacement drawn from the whole vocabulary hits [MASK] or the
original token with probability 1/V each; the expected shares include that.

The same check rejects a common bug: drawing the random branch with probability 0.1
*after* the [MASK] branch, among the 20% left, which yields 2% random tokens instead
of 10%.

Conditions: no model, no training; 400 sequences of 512 random token ids drawn away
from [MASK] (vocabulary 30,522); each share within 5 binomial standard deviations, a
tolerance that shrinks as 1/sqrt(n); seeds 0-5.
"""

import math
import os
import tomllib
from pathlib import Path

import torch

from snippets.attention.bert._bert import mask_tokens

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
generator = torch.Generator().manual_seed(SEED)

V, MASK = 30522, 103  # BERT's uncased vocabulary and the id of [MASK] in it
Z_TOL = 5  # standard deviations: a correct share falls outside about once in 1.7 million runs


PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def share_of(key: str) -> float:
    """A published share such as "15%", as a probability."""
    return float(PUBLISHED[key]["value"].rstrip("%")) / 100


def z_score(count: int, trials: int, p: float) -> float:
    """How many binomial standard deviations ``count / trials`` lies from ``p``."""
    return abs(count / trials - p) / math.sqrt(p * (1 - p) / trials)


def shares(corrupted: torch.Tensor, labels: torch.Tensor) -> dict[str, tuple[int, int]]:
    """What happened to the tokens, read off the output alone: (count, trials) per outcome."""
    chosen = labels != -100
    n = int(chosen.sum())
    return {
        "chosen": (n, ids.numel()),
        "mask": (int((chosen & (corrupted == MASK)).sum()), n),
        "random": (int((chosen & (corrupted != MASK) & (corrupted != ids)).sum()), n),
        "kept": (int((chosen & (corrupted == ids)).sum()), n),
    }


# --8<-- [start:rule]
ids = torch.randint(1000, V, (400, 512), generator=generator)  # (sequences, tokens): never [MASK]
corrupted, labels = mask_tokens(ids, MASK, V, generator)
assert torch.equal(corrupted[labels == -100], ids[labels == -100]), "a token not chosen was changed"
assert torch.equal(labels[labels != -100], ids[labels != -100]), "labels must be the original ids"

# The rule as the paper states it (read from published.toml), with the 1/V chance that a
# random draw lands on [MASK] or on the token itself.
select, to_mask, to_random, keep = (share_of(key) for key in ("mlm_select", "mlm_to_mask", "mlm_to_random", "mlm_keep"))
expected = {"chosen": select, "mask": to_mask + to_random / V, "random": to_random * (1 - 2 / V), "kept": keep + to_random / V}
observed = shares(corrupted, labels)
for outcome, p in expected.items():
    count, trials = observed[outcome]
    share, sd = count / trials, math.sqrt(p * (1 - p) / trials)  # binomial sd of a share
    assert abs(share - p) / sd < Z_TOL, f"{outcome}: {share:.4f} is {abs(share - p) / sd:.1f} sd from {p:.4f}"
# How often a correct share lands outside the band, under the normal approximation: P(|Z| > 5).
outside = math.erfc(Z_TOL / math.sqrt(2))
assert round(1 / outside / 1e6, 1) == 1.7, f"once in {1 / outside:,.0f} runs"
# --8<-- [end:rule]

# --8<-- [start:bug]
def buggy_mask_tokens(input_ids, mask_id, vocab_size, generator):
    """The bug: 'random with probability 0.1' drawn among the tokens not sent to [MASK]."""
    chosen = torch.rand(input_ids.shape, generator=generator) < 0.15
    masked = chosen & (torch.rand(input_ids.shape, generator=generator) < 0.8)
    randomised = chosen & ~masked & (torch.rand(input_ids.shape, generator=generator) < 0.1)
    corrupted = input_ids.clone()
    corrupted[masked] = mask_id
    corrupted[randomised] = torch.randint(0, vocab_size, input_ids.shape, generator=generator)[randomised]
    return corrupted, torch.where(chosen, input_ids, torch.full_like(input_ids, -100))


count, trials = shares(*buggy_mask_tokens(ids, MASK, V, generator))["random"]
z_bug = z_score(count, trials, expected["random"])
TOL = 0.005  # the bug's share is estimated from about 31,000 chosen tokens: sd below 0.001
assert abs(count / trials - 0.2 * 0.1) < TOL, f"the bug gives {count / trials:.4f} random, not 0.02"
assert count / trials < expected["random"], "the bug gives fewer random tokens than the rule"
assert z_bug > 40, f"the check should reject the bug by far, but it is only {z_bug:.1f} sd off"
# --8<-- [end:bug]
