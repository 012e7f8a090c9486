"""A CNN with global pooling, trained on a pattern at one position, recognises it at
every other position; a dense layer with more parameters does not.

Task: 16×16 noisy images hold either a plus or a cross (3×3 patterns of ±1). In
training the pattern always sits at the same place; at test time it sits anywhere.
The CNN's convolution detects the pattern wherever it is and the global maximum does
not care where that was. The dense layer learned its pattern detector only at the
pixels where the pattern appeared in training; elsewhere its weights were fitted to the
background noise alone, so they hold no detector for the pattern.

Conditions: trained 150 full-batch Adam steps (lr 0.02) on 256 synthetic 16×16 images
with the pattern at one place, tested on 512 with it anywhere (circular padding and
circular shifts, so the pattern may wrap around an edge); the dense model is a single
linear layer on the flattened image; chance is 0.5; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SIDE, NOISE, STEPS = 16, 0.3, 150
PLUS = torch.tensor([[-1.0, 1, -1], [1, 1, 1], [-1, 1, -1]])
CROSS = torch.tensor([[1.0, -1, 1], [-1, 1, -1], [1, -1, 1]])


def images(n: int, fixed: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """n images (n, 1, 16, 16) and labels (n,); the pattern at (2, 2) or anywhere."""
    labels = torch.randint(0, 2, (n,))
    x = NOISE * torch.randn(n, 1, SIDE, SIDE)
    for i in range(n):
        x[i, 0, :3, :3] += PLUS if labels[i] else CROSS
        if not fixed:
            dy, dx = torch.randint(0, SIDE, (2,)).tolist()
            x[i] = torch.roll(x[i], (dy, dx), dims=(1, 2))
        else:
            x[i] = torch.roll(x[i], (2, 2), dims=(1, 2))
    return x, labels


def train(net: nn.Module, x: torch.Tensor, y: torch.Tensor) -> nn.Module:
    opt = torch.optim.Adam(net.parameters(), lr=0.02)
    for _ in range(STEPS):
        opt.zero_grad()
        nn.functional.cross_entropy(net(x), y).backward()
        opt.step()
    return net


def accuracy(net: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return (net(x).argmax(dim=1) == y).float().mean().item()


# --8<-- [start:check]
cnn = nn.Sequential(
    nn.Conv2d(1, 8, 3, padding=1, padding_mode="circular"), nn.ReLU(),
    nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(8, 2),
)  # 98 parameters
mlp = nn.Sequential(nn.Flatten(), nn.Linear(SIDE * SIDE, 2))  # 514 parameters: more, not fewer

cnn_size, mlp_size = (sum(p.numel() for p in net.parameters()) for net in (cnn, mlp))
assert mlp_size > cnn_size, f"the dense model should have more parameters: {mlp_size} vs {cnn_size}"

x_train, y_train = images(256, fixed=True)
x_test, y_test = images(512, fixed=False)
for net in (cnn, mlp):
    train(net, x_train, y_train)

cnn_seen, mlp_seen = accuracy(cnn, x_train, y_train), accuracy(mlp, x_train, y_train)
cnn_moved, mlp_moved = accuracy(cnn, x_test, y_test), accuracy(mlp, x_test, y_test)
assert cnn_seen > 0.95 and mlp_seen > 0.95, f"both should learn the task: {cnn_seen:.2f}, {mlp_seen:.2f}"
assert cnn_moved > 0.95, f"the CNN should recognise the moved pattern: {cnn_moved:.2f}"
assert mlp_moved < 0.7, f"the MLP should fall towards chance (0.5): {mlp_moved:.2f}"
# --8<-- [end:check]
