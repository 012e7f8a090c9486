r"""For a linear model, the saliency map is its weight vector: one map for every image.

The gradient of $w^\top x + b$ with respect to $x$ is $w$, whatever $x$ is. So a
saliency map of a linear model says where the model looks, never what it found: an
image with the pattern and an empty one get the same map, to the last bit. The model
here is logistic regression on the page's images with the pattern always at the same
place (a pattern that moves leaves a linear model little more than the image's
brightness, to which the pattern adds one unit against noise of 6.4), trained by plain
gradient descent for 100 full-batch steps; its largest weight sits on the pattern, as
it should.

Conditions: logistic regression trained 100 full-batch SGD steps (learning rate 0.5) on
1,024 noise images, half holding the pattern at one fixed place; 64 test images with and
without it; exact (bit-for-bit) equality in float32; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.lessons.interpretability._task import NOISE, PATCH, PATTERN, SIDE, saliency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
ROW = COL = 6  # the fixed top-left corner of the pattern


def images(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """n noisy images (n, 1, 16, 16), half with the pattern at (ROW, COL), and labels."""
    y = torch.randint(0, 2, (n,)).float()
    x = NOISE * torch.randn(n, 1, SIDE, SIDE)  # (batch, channels, height, width)
    x[y == 1, 0, ROW:ROW + PATCH, COL:COL + PATCH] += PATTERN
    return x, y


# --8<-- [start:check]
model = nn.Sequential(nn.Flatten(), nn.Linear(SIDE * SIDE, 1))
x, y = images(1_024)
opt = torch.optim.SGD(model.parameters(), lr=0.5)  # not Adam: its per-weight steps inflate noise weights
for _ in range(100):
    opt.zero_grad()
    nn.functional.binary_cross_entropy_with_logits(model(x).squeeze(1), y).backward()
    opt.step()

x_test, y_test = images(64)
maps = saliency(model, x_test)  # (64, 16, 16)
weights = model[1].weight.detach().abs().view(SIDE, SIDE)  # (16, 16)
worst = (maps - weights).abs().max().item()
assert worst == 0.0, f"every image's map should equal |w| exactly: largest difference {worst}"
assert y_test.min() == 0 and y_test.max() == 1, "the test set holds images with and without the pattern"

peak = int(weights.argmax())
row, col = peak // SIDE, peak % SIDE
assert ROW <= row < ROW + PATCH and COL <= col < COL + PATCH, f"largest weight at {(row, col)}, off the pattern"
# --8<-- [end:check]
