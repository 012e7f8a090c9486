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

from snippets._left_right import pairs, small_cnn, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

STEPS = 60


x, y = pairs(32)
x_test, y_test = pairs(128)

# --8<-- [start:check]
net = small_cnn("zeros")  # the same network, zero padding: the border is a landmark
train(net, x, y, STEPS)
with torch.no_grad():
    held_out = (net(x_test).argmax(dim=1) == y_test).float().mean().item()
assert held_out > 0.7, f"with zero padding the network should learn left from right: {held_out:.3f}"
# --8<-- [end:check]
