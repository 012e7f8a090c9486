"""With one image per batch, training-mode batch norm is instance norm, and evaluation is not.

Batch norm averages over (N, H, W) for each channel. With N = 1 that is (H, W) of the
one image: exactly instance norm's statistics. So a network trained one image at a
time normalises every image by its own per-channel statistics during training, while
in evaluation mode it uses the running averages, which are the same for every image:
the two modes compute different functions of the same input. The running variance is
the average of per-image variances, so it misses the spread of the per-image means,
and evaluation-mode outputs do not come out standardised.

Conditions: a freshly built `BatchNorm2d(8)` (no weights trained), 200 training-mode
steps on single images of 8 channels of 8×8 maps whose pixels share a per-image,
per-channel level (standard deviation 1, as large as the per-pixel noise); float32,
equality within 1e-5; the train/eval gap averaged over 20 fresh images; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32: two orders of the same sums


def image():  # (1, 8, 8, 8): Gaussian pixels on a per-image, per-channel level
    return torch.randn(1, 8, 8, 8) + torch.randn(1, 8, 1, 1)


# --8<-- [start:check]
bn, inorm = nn.BatchNorm2d(8), nn.InstanceNorm2d(8)
with torch.no_grad():
    for _ in range(200):  # training one image at a time collects running statistics
        bn(image())
    tests = [image() for _ in range(20)]  # fresh images, each a batch of one: (1, 8, 8, 8)
    err = max((bn.train()(x) - inorm(x)).abs().max().item() for x in tests)
    gap = sum((bn.train()(x) - bn.eval()(x)).abs().mean().item() for x in tests) / len(tests)
assert err < TOL, f"training-mode BN on one image differs from instance norm by {err:.2e}"
assert gap > 0.5, f"training and evaluation outputs differ by only {gap:.3f} on average"
# --8<-- [end:check]
