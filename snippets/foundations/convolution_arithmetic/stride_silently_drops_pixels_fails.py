"""Failure mode: when (H + 2p − k) is not a multiple of the stride, the last rows and
columns of the input are never seen.

A 2×2 average pooling with stride 2 on a 7-pixel side gives 3 outputs that cover pixels 0–5;
pixel 6 reaches no output, so whatever is there — an object at the image's edge — has
no effect and receives no gradient. The floor in the output-size formula is where the
pixels go; nothing warns.

Assumption: every input pixel reaches some output.
Broken by: a stride that does not divide H + 2p − k, so the last windows do not fit.
"""

import os

import torch
import torch.nn.functional as F

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
x = torch.randn(1, 1, 7, 7, requires_grad=True)  # (batch, channels, height, width)
y = F.avg_pool2d(x, kernel_size=2, stride=2)  # (1, 1, 3, 3)
y.sum().backward()
unseen_rows = [r for r in range(7) if x.grad[0, 0, r].abs().sum() == 0]
unseen_cols = [c for c in range(7) if x.grad[0, 0, :, c].abs().sum() == 0]
assert y.shape[-1] == (7 - 2) // 2 + 1 == 3
assert unseen_rows == unseen_cols == [6], f"only pixel 6 should be unseen: {unseen_rows}, {unseen_cols}"
# --8<-- [end:check]
