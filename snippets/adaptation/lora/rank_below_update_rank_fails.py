"""Failure mode: LoRA with less rank than the change needs stops at the Eckart–Young floor.

The task: sixteen tokens, each mapped by a frozen "pretrained" layer to its own target
vector; the new task rotates the meanings of nine of them by one place. The weight change
this needs, E(P − I), has rank eight, and its singular values are fixed by the cycle
(2 sin(πj/9), each twice). No rank-r update can get closer to it than the singular values
it leaves out: the loss cannot fall below Σ_{i>r} σ_i² / 16 (Eckart and Young 1936). Trained,
LoRA at r = 1 and r = 2 stops exactly there, and decodes none of the rotated tokens to its
new meaning; at r = 8 it fits the task.

Assumption: the change fine-tuning needs has low rank, at most r.
Broken by: a task whose required update has rank eight (a nine-token cycle) adapted at r = 1 or 2.
Conditions: trained 100 full-batch Adam steps (lr 0.1) from LoRA's own initialisation (A
Gaussian, B zero) on the 16-token rotation task, five tasks at once (five random
orthonormal target sets, seeds SEED to SEED + 4); float64; Adam written out. Ran for
WHYITWORKS_SEED 0-9 (50 tasks): r = 1 ended at 0.88254 to 0.88260 (floor 0.88254), r = 2
at 0.64008 to 0.64059 (floor 0.64008), both from 1.125 and with accuracy 0 on the rotated
tokens; r = 8 at 2.0e-5 to 2.2e-4 with accuracy 1.
"""

import os

import torch

from snippets.adaptation.lora._lora import cycle_task, decode_accuracy, train_update

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
TOKENS, CYCLE, TASKS = 16, 9, 5
STEPS, LR = 100, 0.1
FIT_TOL = 1e-3  # "fits": the loss left at r = 8, against 1.125 at the start

tasks = [cycle_task(TOKENS, CYCLE, torch.Generator().manual_seed(SEED + i)) for i in range(TASKS)]
W0 = torch.stack([t[0] for t in tasks])  # (tasks, 16, 16): the frozen layers
W_new = torch.stack([t[1] for t in tasks])  # (tasks, 16, 16): what the new task wants

# --8<-- [start:check]
needed = W_new - W0  # the update the task needs, E (P − I)
sigma = torch.linalg.svdvals(needed[0])  # the same for every task: E is orthonormal
assert torch.linalg.matrix_rank(needed[0]) == CYCLE - 1 == 8, "the rotation needs a rank-8 update"
start = (needed[0] ** 2).sum() / TOKENS  # the loss with no update, 1.125

for r in (1, 2, 8):
    loss, update = train_update(W0, W_new, r, STEPS, LR, seed=SEED)
    floor = (sigma[r:] ** 2).sum() / TOKENS  # Eckart–Young: the best any rank-r update can do
    accuracy = decode_accuracy(W0 + update, W_new, CYCLE)  # rotated tokens decoded right
    if r < 8:
        assert (loss >= floor - 1e-9).all(), f"r={r}: a rank-{r} update went below its floor {floor:.4f}"
        assert (loss < 1.01 * floor).all(), f"r={r}: training should reach the floor {floor:.4f}: {loss}"
        assert floor / start > 0.5, f"r={r}: more than half the loss should be out of reach, {floor / start:.2f}"
        assert accuracy.max() < 0.5, f"r={r}: the rotated tokens should not decode, got {accuracy}"
    else:
        assert loss.max() < FIT_TOL, f"r=8 should fit the task, loss {loss}"
        assert accuracy.min() == 1.0, f"r=8 should decode every rotated token, got {accuracy}"
# --8<-- [end:check]
