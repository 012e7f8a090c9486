"""Failure mode: a CNN with circular padding and global pooling cannot learn *where*
something is; the same CNN with zero padding can, from the border.

The invariance that lets it recognise a pattern anywhere also hides the pattern's
position. Task: is the bright square in the left half or the right half? Every image
is paired with itself circularly shifted by half the width, which carries the opposite
label. With circular padding the network gives both images of a pair identical outputs
for any weights, so it gets exactly one of each pair right: 50% accuracy, before and
after training. (With zero padding the same network learns the task: see
zero_padding_lets_cnn_learn_position.py.)

Conditions: trained 60 full-batch Adam steps (lr 0.02) on 32 synthetic 16×16 pairs (a
3×3 square on weak noise, and its half-width shift); two 5×5 convolutions of 8 channels,
ReLU, global average pooling, a linear layer; twin outputs equal to 1e-5; seeds 0-7.

Assumption: where a pattern appears does not matter to the answer.
Broken by: a task whose label is the pattern's position.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SIDE, STEPS = 16, 60
TOL = 1e-5  # float32 rounding of the pooled sums


def pairs(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """n images with a square in the left half, then their twins shifted to the right half."""
    x = 0.1 * torch.randn(n, 1, SIDE, SIDE)  # (batch, channels, height, width)
    cols = torch.randint(0, SIDE // 2 - 3, (n,))
    for i in range(n):
        x[i, 0, 6:9, cols[i]:cols[i] + 3] += 1.0  # a 3×3 square in the left half
    x = torch.cat([x, torch.roll(x, SIDE // 2, dims=3)])  # its twin, in the right half
    y = torch.cat([torch.zeros(n), torch.ones(n)]).long()  # 0: left, 1: right
    return x, y


def network(padding_mode: str) -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2, padding_mode=padding_mode), nn.ReLU(),
        nn.Conv2d(8, 8, 5, padding=2, padding_mode=padding_mode), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 2),
    )


def train(net: nn.Module, x: torch.Tensor, y: torch.Tensor) -> None:
    opt = torch.optim.Adam(net.parameters(), lr=0.02)
    for _ in range(STEPS):
        opt.zero_grad()
        nn.functional.cross_entropy(net(x), y).backward()
        opt.step()


x, y = pairs(32)

# --8<-- [start:check]
n = len(x) // 2  # image i and its twin n + i
net = network("circular")
for stage in ("initialisation", "training"):
    if stage == "training":
        train(net, x, y)
    with torch.no_grad():
        logits = net(x)  # (64, 2): each image and its twin
    twin_gap = (logits[:n] - logits[n:]).abs().max().item()
    accuracy = (logits.argmax(dim=1) == y).float().mean().item()
    assert twin_gap < TOL, f"after {stage}: a pair should get identical outputs, differ by {twin_gap:.2e}"
    assert accuracy == 0.5, f"after {stage}: expected exactly chance, 0.5, got {accuracy:.3f}"
# --8<-- [end:check]
