"""An MLP knows where a pattern is: its first layer has a separate weight for every pixel.

The task of the CNN page's position check (snippets/vision/cnn/
global_pooling_cannot_tell_where_fails.py): is the bright square in the left half or the
right half? Each image comes with its twin shifted circularly by half the width, which
carries the opposite label. A circularly padded CNN with global pooling gives both
twins identical outputs and is held at exactly 0.5. An MLP on the flattened image has
no such symmetry: a square in the left half lights other inputs than one in the right
half, and a dense layer weighs each input separately. Trained the same way, it labels
fresh held-out pairs right.

Conditions: trained 60 full-batch Adam steps (learning rate 0.02) on 32 synthetic 16×16
pairs (a 3×3 square on weak noise of std 0.1, and its half-width shift), tested on 32
fresh pairs drawn the same way; a 256 → 32 → 2 ReLU MLP; seeds 0-5 (held-out accuracy
1.0 on all six).
"""

import os

import torch
from torch import nn

from snippets._left_right import SIDE, pairs

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

STEPS = 60
LEARNED = 0.95  # far above chance, 0.5 (seen: 1.0 over seeds 0-5)


# --8<-- [start:where]
x_train, y_train = pairs(32)  # (64, 1, 16, 16): 32 images and their twins
x_test, y_test = pairs(32)  # fresh pairs, never trained on
mlp = nn.Sequential(nn.Flatten(), nn.Linear(SIDE * SIDE, 32), nn.ReLU(), nn.Linear(32, 2))
opt = torch.optim.Adam(mlp.parameters(), lr=0.02)
for _ in range(STEPS):
    opt.zero_grad()
    nn.functional.cross_entropy(mlp(x_train), y_train).backward()
    opt.step()

with torch.no_grad():
    logits = mlp(x_test)  # (64, 2): each image and its twin
n = len(x_test) // 2
twin_gap = (logits[:n] - logits[n:]).abs().max().item()
accuracy = (logits.argmax(dim=1) == y_test).float().mean().item()
assert twin_gap > 0.1, f"the MLP gave twins nearly the same outputs: {twin_gap:.2e}"
assert accuracy >= LEARNED, f"the MLP tells left from right on {accuracy:.2f} of held-out images"
# --8<-- [end:where]
