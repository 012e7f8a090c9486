"""BERT predicts two masked tokens independently: right marginals, wrong pairs.

The masked-language-model head gives one softmax per masked position, each
conditioned on the unmasked tokens only. When two masked tokens depend on each other,
no such pair of distributions can express the dependence. The task makes it stark:
positions 2 and 3 of every sequence hold the pair "ab" or "ba", with probability 1/2
each, so the two tokens are perfectly anti-correlated; the other positions are random
filler. A tiny BERT trained on this task with the masking of the objective (either
token of the pair masked, or both) learns it: with one of the two tokens visible it
fills in the other almost always. With both masked it gives each position the right
marginal, a and b about 1/2 each, but pairs drawn from those two independent
distributions are "aa" or "bb" about half the time, pairs the data never contains.
Filling the two in one after the other, re-running the model with the first written
in, repairs the pairs: the dependence is then carried by the input.

Assumption: the tokens masked in one sequence can be predicted independently of each other, given the rest.
Broken by: masked tokens that depend on each other, as two halves of one answer do.

Conditions: trained 40 Adam steps (learning rate 1e-2), batch 64, on synthetic
sequences of 6 tokens over a vocabulary of 8 (filler, then the pair "ab" or "ba" at
positions 2-3), masking one or both tokens of the pair; a one-layer BERT of width 32
with 2 heads and a linear output head, float32 on the CPU; seeds 0-5; 4,000 pairs
sampled; every bound met with a margin of at least 0.05 on every seed.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.attention.bert._bert import BertConfig, BertModel

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny matrices: a second thread only adds hand-off cost

MASK, A, B = 0, 1, 2  # ids of [MASK] and of the two pair tokens; 3..7 are filler
V, T, STEPS, BATCH = 8, 6, 40, 64  # vocabulary, sequence length, Adam steps, batch size
config = BertConfig(vocab_size=V, max_positions=T, d_model=32, n_layers=1, n_heads=2, d_ff=64, pooler=False)


def pairs(n: int) -> torch.Tensor:
    """n sequences: filler everywhere, and "ab" or "ba" (1/2 each) at positions 2 and 3."""
    x = torch.randint(3, V, (n, T))  # (batch, tokens)
    first_is_a = torch.rand(n) < 0.5
    x[:, 2] = torch.where(first_is_a, A, B)
    x[:, 3] = torch.where(first_is_a, B, A)
    return x


def masked(x: torch.Tensor, hide: torch.Tensor) -> torch.Tensor:
    """x with the pair positions flagged in ``hide`` (batch, 2) replaced by [MASK]."""
    x = x.clone()
    x[:, 2:4] = torch.where(hide, MASK, x[:, 2:4])
    return x


encoder, head = BertModel(config), nn.Linear(config.d_model, V)  # head: the MLM output layer
optimizer = torch.optim.Adam([*encoder.parameters(), *head.parameters()], lr=1e-2)
for _ in range(STEPS):
    x = pairs(BATCH)
    pattern = torch.randint(0, 3, (BATCH,))  # 0: both masked, 1: first only, 2: second only
    hide = torch.stack([pattern != 2, pattern != 1], dim=1)  # (batch, 2): which of the pair is masked
    logits = head(encoder(masked(x, hide))[0][:, 2:4])  # (batch, 2, vocab)
    loss = F.cross_entropy(logits[hide], x[:, 2:4][hide])  # only masked positions enter the loss
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# --8<-- [start:joint]
test = pairs(4000)  # (sequences, tokens): fresh sequences
with torch.no_grad():
    # One token of the pair masked, the other visible: the model reads its partner.
    one = torch.tensor([True, False]).expand(len(test), 2)  # (sequences, 2): mask position 2 only
    guess = head(encoder(masked(test, one))[0][:, 2]).argmax(-1)  # (sequences,)
    acc_one = (guess == test[:, 2]).float().mean().item()

    # Both masked: one softmax per position, each knowing nothing of the other's draw.
    both = torch.ones(len(test), 2, dtype=torch.bool)
    probs = head(encoder(masked(test, both))[0][:, 2:4]).softmax(-1)  # (sequences, 2, vocab)
    p_a = probs[..., A].mean(0)  # (2,): the marginal probability of "a" at positions 2 and 3
    drawn = torch.multinomial(probs.reshape(-1, V), 1).view(-1, 2)  # (sequences, 2): sampled pairs
    same = (drawn[:, 0] == drawn[:, 1]) & ((drawn[:, 0] == A) | (drawn[:, 0] == B))  # "aa" or "bb" only
    invalid = same.float().mean().item()  # pairs the data never contains

assert acc_one > 0.9, f"with its partner visible, a masked token is predicted at only {acc_one:.2f}"
MARGINAL_TOL = 0.15  # the two marginals are estimated from a model trained 40 steps
assert (p_a - 0.5).abs().max().item() < MARGINAL_TOL, f"marginals of 'a' should be near 1/2, got {p_a.tolist()}"
assert invalid > 0.4, f"sampled pairs 'aa'/'bb' at only {invalid:.2f}; independent 1/2 marginals give 1/2"
# --8<-- [end:joint]

# --8<-- [start:sequential]
with torch.no_grad():
    # Fill the pair one token at a time: draw position 2, write it in, run again for position 3.
    first = drawn[:, 0]  # (sequences,): the first token, drawn from its marginal as above
    half_filled = masked(test, both)
    half_filled[:, 2] = first
    second = head(encoder(half_filled)[0][:, 3]).softmax(-1)  # (sequences, vocab)
    second = torch.multinomial(second, 1).squeeze(1)  # (sequences,)
    invalid_sequential = (first == second).float().mean().item()
assert invalid_sequential < 0.1, f"filled one at a time, pairs 'aa'/'bb' at {invalid_sequential:.2f}"
assert invalid_sequential < invalid, "filling one at a time should repair the pairs"
# --8<-- [end:sequential]
