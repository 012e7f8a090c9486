"""Failure mode: a CNN with circular padding and global pooling cannot learn *where*
something is.

The invariance that lets it recognise a pattern anywhere also hides the pattern's
position. Task: is the bright square in the left half or the right half? Every image
is paired with itself shifted by half the width, which carries the opposite label. The
network gives both images of a pair identical outputs, so it gets exactly one of each
pair right, however long it trains: 50% accuracy, by construction.

Assumption: where a pattern appears does not matter to the answer.
Broken by: a task whose label is the pattern's position.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SIDE, STEPS = 16, 30
TOL = 1e-5  # float32 rounding of the pooled sums

# --8<-- [start:check]
n = 32
x = 0.1 * torch.randn(n, 1, SIDE, SIDE)  # (batch, channels, height, width)
cols = torch.randint(0, SIDE // 2 - 3, (n,))
for i in range(n):
    x[i, 0, 6:9, cols[i]:cols[i] + 3] += 1.0  # a 3×3 square in the left half
x = torch.cat([x, torch.roll(x, SIDE // 2, dims=3)])  # its twin, in the right half
y = torch.cat([torch.zeros(n), torch.ones(n)]).long()  # 0: left, 1: right

net = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1, padding_mode="circular"), nn.ReLU(),
    nn.Conv2d(16, 16, 3, padding=1, padding_mode="circular"), nn.ReLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 2),
)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
for _ in range(STEPS):
    opt.zero_grad()
    nn.functional.cross_entropy(net(x), y).backward()
    opt.step()

with torch.no_grad():
    logits = net(x)  # (64, 2): each image and its twin
twin_gap = (logits[:n] - logits[n:]).abs().max().item()
accuracy = (logits.argmax(dim=1) == y).float().mean().item()
assert twin_gap < TOL, f"a pair should get identical outputs, differ by {twin_gap:.2e}"
assert accuracy == 0.5, f"expected exactly chance, 0.5, got {accuracy:.3f}"
# --8<-- [end:check]
