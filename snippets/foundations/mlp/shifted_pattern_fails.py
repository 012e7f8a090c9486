"""An MLP that learned a pattern on the left of the image does not know it on the right.

Two 3×3 patterns (a plus and an x) are drawn on an empty 10×10 image, during training
only in the left half. Both an MLP and a small CNN (convolution, global max pooling,
linear) learn to tell them apart there perfectly. Moved to the right half, the CNN
still recognises them, because its convolution applies the same kernel everywhere
and the max pooling forgets where the pattern was; the MLP guesses at chance.

The reason is exact: a first-layer weight of the MLP changes only by a gradient
proportional to its pixel's value, and the pixels of the right half were zero in every
training image. Those weights leave training exactly as they were initialised.

Assumption: what the network learned about a pattern applies wherever the pattern appears.
Broken by: a dense first layer, which has separate weights for every pixel and learns
only at the positions the training data covered.

Conditions: trained 60 full-batch Adam steps (learning rate 0.02) on all 48 placements of
the two patterns with their left edge in columns 0-2 of an empty 10×10 canvas; tested on
the 48 placements with their left edge in columns 5-7; seeds 0-5 (the MLP scored
0.48-0.52 on the moved patterns, the CNN 1.0). The untouched weights are compared exactly.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
STEPS = 60
LEARNED = 0.95  # both models fit the training positions (seen: 1.0)
CHANCE = 0.7  # two balanced classes: chance is 0.5 (seen: 0.40–0.60 over 20 seeds)

side = 10
plus = torch.tensor([[0, 1, 0], [1, 1, 1], [0, 1, 0]], dtype=torch.float32)
cross = torch.tensor([[1, 0, 1], [0, 1, 0], [1, 0, 1]], dtype=torch.float32)


def images(columns):
    """Every placement of both patterns with its left edge in `columns`."""
    xs, ys = [], []
    for label, pattern in enumerate((plus, cross)):
        for row in range(side - 2):
            for col in columns:
                img = torch.zeros(1, side, side)  # (channels, height, width)
                img[0, row : row + 3, col : col + 3] = pattern
                xs.append(img)
                ys.append(label)
    return torch.stack(xs), torch.tensor(ys)  # (n, 1, 10, 10), (n,)


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


# --8<-- [start:shift]
x_train, y_train = images(columns=range(0, 3))  # patterns inside columns 0..4
x_test, y_test = images(columns=range(5, 8))  # the same patterns inside columns 5..9
assert x_train.shape[-2:] == x_test.shape[-2:] == (10, 10), "a 10×10 canvas"

mlp = nn.Sequential(nn.Flatten(), nn.Linear(side * side, 32), nn.ReLU(), nn.Linear(32, 2))
cnn = nn.Sequential(
    nn.Conv2d(1, 4, 3, padding=2),  # padding 2: every partial overlap exists everywhere
    nn.ReLU(),
    nn.AdaptiveMaxPool2d(1),  # (n, 4, 1, 1): the strongest response, wherever it was
    nn.Flatten(),
    nn.Linear(4, 2),
)
first_weights_at_init = mlp[1].weight.detach().clone()  # (32, 100)

for model in (mlp, cnn):
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    for _ in range(STEPS):
        loss = nn.functional.cross_entropy(model(x_train), y_train)
        opt.zero_grad()
        loss.backward()
        opt.step()

mlp_train, mlp_test = accuracy(mlp, x_train, y_train), accuracy(mlp, x_test, y_test)
cnn_train, cnn_test = accuracy(cnn, x_train, y_train), accuracy(cnn, x_test, y_test)
assert mlp_train >= LEARNED and cnn_train >= LEARNED, f"train: MLP {mlp_train}, CNN {cnn_train}"
assert cnn_test >= LEARNED, f"the CNN fails on shifted patterns: {cnn_test:.2f}"
assert mlp_test <= CHANCE, f"the MLP recognises shifted patterns: {mlp_test:.2f}"
# --8<-- [end:shift]

# --8<-- [start:untouched]
# Pixel (r, c) is column r·10 + c of the first layer; the right half is c >= 5.
right_half = torch.arange(side * side) % side >= 5
moved = (mlp[1].weight.detach() - first_weights_at_init).abs()  # (32, 100)
assert moved[:, right_half].max().item() == 0.0, "a right-half weight moved in training"
assert moved[:, ~right_half].max().item() > 0.0, "the left-half weights did not learn"
# --8<-- [end:untouched]
