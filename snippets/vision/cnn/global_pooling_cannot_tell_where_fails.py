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

from snippets._left_right import pairs, small_cnn, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

STEPS = 60
TOL = 1e-5  # float32 rounding of the pooled sums


x, y = pairs(32)  # (64, 1, 16, 16): 32 images and their twins

# --8<-- [start:check]
n = len(x) // 2  # image i and its twin n + i
net = small_cnn("circular")
for stage in ("initialisation", "training"):
    if stage == "training":
        train(net, x, y, STEPS)
    with torch.no_grad():
        logits = net(x)  # (64, 2): each image and its twin
    twin_gap = (logits[:n] - logits[n:]).abs().max().item()
    accuracy = (logits.argmax(dim=1) == y).float().mean().item()
    assert twin_gap < TOL, f"after {stage}: a pair should get identical outputs, differ by {twin_gap:.2e}"
    assert accuracy == 0.5, f"after {stage}: expected exactly chance, 0.5, got {accuracy:.3f}"
# --8<-- [end:check]
