"""With zero padding, a globally pooled CNN learns *where* a pattern is, from the border.

The same task and network as global_pooling_cannot_tell_where_fails.py: is the bright
square in the left or the right half, every image paired with its half-width circular
shift. With circular padding the pair gets identical outputs and accuracy is exactly
0.5. With zero padding a window that overlaps the border sees zeros, so equivariance
breaks there (zero_padding_breaks_equivariance_at_border.py) and the border becomes a
landmark: the same network, trained the same way, learns the task (Islam et al. 2020).

Conditions: trained 60 full-batch Adam steps (lr 0.02) on 32 synthetic 16×16 pairs (a
3×3 square on weak noise, and its half-width shift), tested on 128 held-out pairs; two
5×5 convolutions of 8 channels with zero padding, ReLU, global average pooling, a linear
layer; accuracy 0.79-1.0 over seeds 0-7, asserted above 0.7 (chance is 0.5).
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SIDE, STEPS = 16, 60


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
x_test, y_test = pairs(128)

# --8<-- [start:check]
net = network("zeros")  # the same network, zero padding: the border is a landmark
train(net, x, y)
with torch.no_grad():
    held_out = (net(x_test).argmax(dim=1) == y_test).float().mean().item()
assert held_out > 0.7, f"with zero padding the network should learn left from right: {held_out:.3f}"
# --8<-- [end:check]
