"""Trained, a deep plain stack fits worse than a shallow one; with shortcuts it does not.

The degradation problem of He et al. (2016), on a toy scale: the deeper plain network
has the *higher training loss*, although it could copy the shallow one by setting its
extra blocks to the identity. The task is linearly separable (which half of a 16-value
Gaussian vector has the larger sum), so a shallow stack fits it almost perfectly. Each
block is `Linear` then `BatchNorm1d`, then a ReLU; the residual version adds the
identity before that ReLU, `relu(h + f(h))`, the post-activation form of the page's
basic block. Same data, same optimiser, same number of steps.

What this toy shows is the optimisation difficulty under a fixed budget, not a lasting
gap: on this easy task the deep plain stack catches up with ten times the steps (seed 1:
training loss 0.52 after 40 steps, 0.25 after 200, 0.001 after 400).

Conditions: trained 40 SGD steps (learning rate 0.05, momentum 0.9, full batch) on
128 synthetic vectors of 16 Gaussian values labelled by which half has the larger sum,
width 16, PyTorch's default initialisation, BatchNorm in training mode, float32, one
CPU thread (as the suite runs); the training loss at the last step; seeds 0-5 (seen:
plain 20 blocks 0.40 to 0.72, plain 2 blocks 0.011 to 0.031, at least 16 times less;
residual 20 blocks below 2e-4).

Assumption: adding blocks to a network that already fits its data does not make it fit worse.
Broken by: stacking blocks without shortcuts, whose extra layers must learn the identity.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

WIDTH = 16
x = torch.randn(128, WIDTH)  # (samples, features)
y = (x[:, : WIDTH // 2].sum(1) > x[:, WIDTH // 2 :].sum(1)).long()  # which half is larger


def training_loss(depth: int, residual: bool, steps: int) -> float:
    """Train a fresh stack of `depth` blocks (and a linear head) on (x, y) for `steps`
    full-batch SGD steps; return the last training loss."""
    blocks = nn.ModuleList(nn.Sequential(nn.Linear(WIDTH, WIDTH), nn.BatchNorm1d(WIDTH)) for _ in range(depth))
    head = nn.Linear(WIDTH, 2)
    opt = torch.optim.SGD([*blocks.parameters(), *head.parameters()], lr=0.05, momentum=0.9)
    for _ in range(steps):
        h = x
        for block in blocks:
            h = torch.relu(h + block(h)) if residual else torch.relu(block(h))
        loss = nn.functional.cross_entropy(head(h), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


# --8<-- [start:degrades]
steps = 40  # the same budget for every stack
shallow = training_loss(depth=2, residual=False, steps=steps)
deep_plain = training_loss(depth=20, residual=False, steps=steps)
deep_residual = training_loss(depth=20, residual=True, steps=steps)
assert deep_plain > 0.2, f"20 plain blocks: training loss {deep_plain:.3f}"
assert deep_plain > 10 * shallow, f"20 plain blocks {deep_plain:.3f} vs 2 plain blocks {shallow:.3f}"
assert deep_residual < 0.01, f"20 residual blocks: training loss {deep_residual:.2e}"
# --8<-- [end:degrades]
