r"""What one unit of the trained CNN can see: the formula and the gradient agree on 8×8 pixels.

For layers with kernel $k_l$ and stride $s_l$, one output unit sees
$r = 1 + \sum_l (k_l - 1)\prod_{j<l} s_j$ pixels along each axis. For
conv 3 / max-pool 2 (stride 2) / conv 3 that is $1 + 2 + 1 + 2 \cdot 2 = 8$.

Measured on the trained model: backpropagate one unit of the second convolution's
output (before its ReLU) to 64 noisy images and mark every input pixel whose gradient
is non-zero for at least one of them. A single image is not enough: a ReLU that is off,
or a max-pool that picked another pixel of its window, zeroes part of the window for
that image. The union over images is exactly the formula's square.

Conditions: the page's CNN trained 40 full-batch Adam steps (learning rate 0.03) on 128 synthetic 16×16 noise images, about half holding the plus pattern; gradients from the interior position (4, 4) of the second
convolution's output, all channels, taken on 64 white-noise images (standard deviation
0.4); a pixel counts when its gradient is non-zero in any image; seeds 0-5.
"""

import os

import torch

from snippets.lessons.interpretability._task import NOISE, SIDE, trained_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)


def formula(layers: list[tuple[int, int]]) -> int:
    """Receptive field of a stack of (kernel, stride) layers."""
    r, jump = 1, 1
    for k, s in layers:
        r += (k - 1) * jump
        jump *= s
    return r


# --8<-- [start:check]
model = trained_model(SEED)
features = model[:4]  # conv, ReLU, max-pool, conv: (n, 8, 8, 8) before the last ReLU

x = NOISE * torch.randn(64, 1, SIDE, SIDE)  # (batch, channels, height, width)
x.requires_grad_(True)
unit = features(x)[:, :, 4, 4].sum()  # one position of the 8×8 map, all channels, all images
(grad,) = torch.autograd.grad(unit, x)
seen = grad.abs().sum(dim=(0, 1)) > 0  # (16, 16): pixels that reach the unit in any image

rows = torch.nonzero(seen.any(dim=1)).flatten()
cols = torch.nonzero(seen.any(dim=0)).flatten()
height, width = int(rows.max() - rows.min() + 1), int(cols.max() - cols.min() + 1)
predicted = formula([(3, 1), (2, 2), (3, 1)])
assert height == width == predicted == 8, f"formula {predicted}, measured {height}×{width}"
assert int(seen.sum()) == predicted**2, f"a full square of {predicted**2} pixels, got {int(seen.sum())}"
# Where the square starts: position 4 times the jump (2, from the max-pool), minus each
# layer's padding of 1 times its jump (2 for the second convolution, 1 for the first).
start = 4 * 2 - 1 * 2 - 1 * 1
assert int(rows.min()) == int(cols.min()) == start, f"square should start at {start}, got {(int(rows.min()), int(cols.min()))}"
# --8<-- [end:check]
