"""Failure mode: when (H + 2p − k) is not a multiple of the stride and the remainder is
larger than the padding, the last rows and columns of the input are never seen.

A 2×2 average pooling with stride 2 on a 7-pixel side gives 3 outputs that cover pixels 0–5;
pixel 6 reaches no output, so whatever is there — an object at the image's edge — has
no effect and receives no gradient. The floor in the output-size formula is where the
pixels go; nothing warns.

Assumption: every input pixel reaches some output.
Broken by: a stride that does not divide H + 2p − k, so the last windows do not fit.

Conditions: `avg_pool2d` with a 2×2 window and stride 2 on one white-noise 7×7 input,
no padding, no training; the gradient is exactly zero on the dropped row and column and
non-zero elsewhere, for seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
H, k, s = 7, 2, 2  # side, pooling window, stride
x = torch.randn(1, 1, H, H, requires_grad=True)  # (batch, channels, height, width)
y = F.avg_pool2d(x, kernel_size=k, stride=s)  # (1, 1, 3, 3)
y.sum().backward()
unseen_rows = [r for r in range(H) if x.grad[0, 0, r].abs().sum() == 0]
unseen_cols = [c for c in range(H) if x.grad[0, 0, :, c].abs().sum() == 0]
out = (H - k) // s + 1  # the output-size formula, floor and all
assert tuple(y.shape) == (1, 1, out, out) == (1, 1, 3, 3), f"expected {out} per side, got {tuple(y.shape)}"
assert unseen_rows == unseen_cols == [6], f"only pixel 6 should be unseen: {unseen_rows}, {unseen_cols}"
# The last window ends at pixel s·(out − 1) + k − 1; every pixel after it is dropped.
assert s * (out - 1) + k + len(unseen_rows) == H, f"{out} windows and {len(unseen_rows)} dropped pixels"
# --8<-- [end:check]
