"""A GRU trained to compare counts on short strings is at chance on strings 2-3× longer.

The task is the counting language behind a^n b^n: read n a's then m b's and say whether
m ≥ n (m is n - 3 … n + 2, so half the strings say yes). Trained with n up to 8, a small
GRU learns it. Its state, though, is a running blend: h' = (1 - z) * n + z * h with the
candidate n in (-1, 1), so every state stays in (-1, 1) and each a moves it only a
fraction of the way further. Such a counter is squeezed: the eight a's from 16 to 24 move
the state 0.06 to 0.13 times as far as the seven from 1 to 8 (seeds 0..15), and the
comparison the GRU learnt on counts up to 8 is not calibrated for that squeezed range.
On strings with n from 16 to 24 it is at chance, on every seed. (For n of 1 or 2, n - 3
would be negative: m is clamped to 0, a string of a's alone, which m >= n labels 'no'.)
(Weiss et al., 2018, found the same with much longer training: LSTMs learn to count
a^n b^n, GRUs do not.)

Assumption: the count the task needs fits in the GRU's bounded state at every length it is run on.
Broken by: strings two to three times longer than any seen in training, whose count has run past the range the trained GRU can tell apart.

Conditions: trained 80 Adam steps (written out; lr 0.05, batches of 32) on synthetic a^n b^m strings with n from 1 to 8, GRU of width 8; tested on 500 fresh strings per length range; seeds 0-9 (trained range 0.93 to 1.0, n = 16..24 0.47 to 0.56; span ratio 0.06 to 0.13 over seeds 0-15, where seed 15 reaches only 0.87 on the trained range); chance is 0.5 with a standard error of 0.022.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
generator = torch.Generator().manual_seed(SEED)
torch.set_num_threads(1)  # tiny sequential ops: a second thread only adds hand-off cost

# Trained lengths reach 0.87 to 1.0 (seeds 0..15); 500 test strings put chance's standard
# error at 0.022, so 0.65 is almost seven standard errors above chance (0.45 to 0.56 measured).
LEARNED_FLOOR = 0.85
CHANCE_CEILING = 0.65
TRAINED_MAX, STEPS, HIDDEN, LR, BATCH = 8, 80, 8, 0.05, 32


def count_task(n_low: int, n_high: int, batch: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Strings a^n b^m (one-hot, left-padded with zero vectors) and whether m >= n."""
    n = torch.randint(n_low, n_high + 1, (batch,), generator=generator)
    m = (n + torch.randint(-3, 3, (batch,), generator=generator)).clamp(min=0)  # n-3 .. n+2, at least 0
    length = int((n + m).max())
    t = torch.arange(length)  # (time,)
    start = (length - n - m)[:, None]  # (batch, 1): where each string begins
    x = torch.zeros(batch, length, 2)  # (batch, time, [a, b])
    x[:, :, 0] = ((t >= start) & (t < start + n[:, None])).float()
    x[:, :, 1] = (t >= start + n[:, None]).float()
    return x, (m >= n).float()


gru = nn.GRU(2, HIDDEN, batch_first=True)
head = nn.Linear(HIDDEN, 1)
params = [*gru.parameters(), *head.parameters()]
# Adam written out (torch.optim's first step imports the compiler, a second on its own)
first = [torch.zeros_like(p) for p in params]
second = [torch.zeros_like(p) for p in params]
for step in range(1, STEPS + 1):
    x, y = count_task(1, TRAINED_MAX, BATCH)
    logit = head(gru(x)[0][:, -1]).squeeze(-1)  # read out the last state
    loss = nn.functional.binary_cross_entropy_with_logits(logit, y)
    grads = torch.autograd.grad(loss, params)
    with torch.no_grad():
        for p, g, m, v in zip(params, grads, first, second):
            m.lerp_(g, 0.1)  # running mean of the gradient, beta1 = 0.9
            v.lerp_(g * g, 0.001)  # running mean of its square, beta2 = 0.999
            p -= LR * (m / (1 - 0.9**step)) / ((v / (1 - 0.999**step)).sqrt() + 1e-8)


def accuracy(n_low: int, n_high: int) -> float:
    with torch.no_grad():
        x, y = count_task(n_low, n_high, 500)
        return ((head(gru(x)[0][:, -1]).squeeze(-1) > 0).float() == y).float().mean().item()


# --8<-- [start:fails]
trained = accuracy(1, TRAINED_MAX)  # n = 1 .. 8, the lengths it was trained on
longer = accuracy(2 * TRAINED_MAX, 3 * TRAINED_MAX)  # n = 16 .. 24
assert trained > LEARNED_FLOOR, f"trained lengths: accuracy {trained:.3f}"
assert longer < CHANCE_CEILING, f"n = 16..24: accuracy {longer:.3f}, chance is 0.5"
# --8<-- [end:fails]

# --8<-- [start:saturates]
with torch.no_grad():
    a_run = torch.zeros(1, 3 * TRAINED_MAX, 2)  # (batch, time, [a, b]): 24 a's
    a_run[..., 0] = 1.0
    states = gru(a_run)[0][0]  # (time, hidden): the state after 1 .. 24 a's
early_span = (states[TRAINED_MAX - 1] - states[0]).norm().item()  # a^1 to a^8: trained range
late_span = (states[3 * TRAINED_MAX - 1] - states[2 * TRAINED_MAX - 1]).norm().item()  # a^16 to a^24
assert states.abs().max() < 1, "a GRU state is a blend of values in (-1, 1)"
assert late_span / early_span < 0.25, (
    f"a^16 to a^24 moved the state {late_span:.3f}, a^1 to a^8 {early_span:.3f}"
)
# --8<-- [end:saturates]
