"""Failure mode: start A at zero as well as B, and LoRA never moves.

The gradient of B is proportional to A and the gradient of A to B (dL/dB = s · g (A x)ᵀ,
dL/dA = s · Bᵀ g xᵀ). With both at zero, both gradients are exactly zero, Adam's update
is zero, and the next step starts from the same point: zero is a fixed point of training.
LoRA's asymmetric initialisation (one factor random, one zero) is what makes it start from
the pretrained model and still learn.

Assumption: one of the two factors starts away from zero, so that the other gets a gradient.
Broken by: initialising A and B both to zero (a plausible "safe" choice that keeps the model unchanged).
Conditions: trained 100 full-batch Adam steps (lr 0.1) at r = 8 on the 16-token rotation
task that r = 8 fits, five tasks at once (seeds SEED to SEED + 4); float64, Adam written out; the update is
compared with exact zero; control: the same training from A Gaussian, B zero, asserted to fit
(loss below 1e-3). Ran for WHYITWORKS_SEED 0-9: the update is exactly zero and the
loss exactly 1.125 on all 50 tasks, against below 1e-3 with A Gaussian.
"""

import os

import torch

from snippets.adaptation.lora._lora import cycle_task, train_update

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
TOKENS, CYCLE, TASKS = 16, 9, 5
LR = 0.1
FIT_TOL = 1e-3  # "fits": the loss left at r = 8 from the usual start, against 1.125 at the start

tasks = [cycle_task(TOKENS, CYCLE, torch.Generator().manual_seed(SEED + i)) for i in range(TASKS)]
W0 = torch.stack([t[0] for t in tasks])  # (tasks, 16, 16)
W_new = torch.stack([t[1] for t in tasks])  # (tasks, 16, 16)

# --8<-- [start:check]
start = ((W_new - W0) ** 2).sum(dim=(1, 2)) / TOKENS  # (tasks,): 1.125, the loss with no update
loss, update = train_update(W0, W_new, r=8, steps=100, lr=LR, seed=SEED, zero_a=True)
assert torch.equal(update, torch.zeros_like(update)), "with A = B = 0 the update must stay exactly zero"
assert torch.equal(loss, start), f"the loss should be unchanged from the start: {loss} vs {start}"
assert start.min() > 1.0, f"the task is not already solved: start loss {start}"
usual, _ = train_update(W0, W_new, r=8, steps=100, lr=LR, seed=SEED)  # control: A Gaussian, B zero
assert usual.max() < FIT_TOL, f"from the usual start the same training fits the task, loss {usual}"
# --8<-- [end:check]
