"""Without skips, a U-Net's output can vary in no more directions than its bottleneck has numbers.

A decoder that sees only the bottleneck computes output = D(b) with b = E(x). By the
chain rule its Jacobian is J_D · J_E, and the rank of a product is at most the inner
dimension: the number of values in b. So around any input, the output can change along at
most numel(b) independent directions, whatever the decoder; every other change of the
input, fine detail included, is invisible to it. With the skips, the full-resolution
encoder maps reach the decoder directly and the bound is gone.

Measured on a 16×16 image with a depth-4 U-Net of 8 base channels, whose last pooling hands
its bottleneck 64 channels × 1 × 1 values (the bottleneck itself holds 128, computed from those 64), at a random input and initialisation; the Jacobian of the
256 output pixels with respect to the 256 input pixels is built one row per batch item.
Conditions: random weights at initialisation (no training), one white-noise 16×16 image, depth 4, 8 base channels, same padding; ranks by `torch.linalg.matrix_rank` at its default tolerance; float32; seed 0 (the "fewer than 56" is a measurement at initialisation, not a bound: seeds 0-9 gave ranks 29 to 46 without skips, by hand).
"""

import os

import torch

from snippets.vision.unet._unet import UNet

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)


def jacobian(net, x):
    """d output / d input, (outputs, inputs): row i from batch item i, in one backward pass."""
    n = x.numel()
    xs = x.expand(n, *x.shape[1:]).clone().requires_grad_(True)  # (n, 1, height, width)
    ys = net(xs).flatten(1)  # (n, n): item i's whole output
    ys.diagonal().sum().backward()  # item i contributes only output pixel i
    return xs.grad.flatten(1)


# --8<-- [start:rank]
x = torch.randn(1, 1, 16, 16)  # (batch, channels, height, width): 256 pixels
with_skips = UNet(in_channels=1, num_classes=1, base_channels=8, depth=4, padding=1)
no_skips = UNet(in_channels=1, num_classes=1, base_channels=8, depth=4, padding=1, skips=False)

bottleneck, skips = no_skips.encode(x)  # (batch, 128, 1, 1); the deepest skip map (batch, 64, 2, 2)
pooled = skips[-1].numel() // 4  # the last 2x2 pooling hands the bottleneck 64 values
rank_with = torch.linalg.matrix_rank(jacobian(with_skips, x)).item()
rank_without = torch.linalg.matrix_rank(jacobian(no_skips, x)).item()

assert rank_with == x.numel() == 256, f"with skips: expected full rank 256, got {rank_with}"
assert rank_without <= pooled == 64, f"rank {rank_without} above the bound {pooled}"
assert pooled < bottleneck.numel() == 128, "the pooled map is smaller than the bottleneck it feeds"
assert rank_without < 56, f"without skips: expected below the bound, got {rank_without}"
# --8<-- [end:rank]
