"""The left-or-right task that the CNN and MLP pages train on, and the small CNN they use.

Each image is weak noise with a bright 3×3 square in its left half; each has a twin,
the same image circularly shifted by half the width, so the square sits in the right
half and the label flips. A network that treats circular shifts alike must give a pair
the same answer and so scores exactly 50%; one that knows where things are can learn
the task.
"""

import torch
from torch import nn

SIDE = 16  # the images are SIDE × SIDE


def pairs(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` images with a square in the left half, then their ``n`` twins in the right half.

    Returns:
        the images, shaped ``(2n, 1, SIDE, SIDE)``, and their labels (0: left, 1: right).
        Image ``i`` and image ``n + i`` are twins.
    """
    x = 0.1 * torch.randn(n, 1, SIDE, SIDE)  # (batch, channels, height, width)
    cols = torch.randint(0, SIDE // 2 - 3, (n,))
    for i in range(n):
        x[i, 0, 6:9, cols[i]:cols[i] + 3] += 1.0  # a 3×3 square in the left half
    x = torch.cat([x, torch.roll(x, SIDE // 2, dims=3)])  # its twin, in the right half
    y = torch.cat([torch.zeros(n), torch.ones(n)]).long()
    return x, y


def small_cnn(padding_mode: str) -> nn.Module:
    """Two 5×5 convolutions of 8 channels with ReLU, global average pooling, a linear
    layer to two classes; ``padding_mode`` is ``"circular"`` or ``"zeros"``."""
    return nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2, padding_mode=padding_mode), nn.ReLU(),
        nn.Conv2d(8, 8, 5, padding=2, padding_mode=padding_mode), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 2),
    )


def train(net: nn.Module, x: torch.Tensor, y: torch.Tensor, steps: int) -> None:
    """Full-batch Adam (learning rate 0.02) on cross-entropy, ``steps`` times."""
    opt = torch.optim.Adam(net.parameters(), lr=0.02)
    for _ in range(steps):
        opt.zero_grad()
        nn.functional.cross_entropy(net(x), y).backward()
        opt.step()
