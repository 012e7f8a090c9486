"""Scaling by 1/sum(M) instead of sum(1)/sum(M) shrinks every layer's output by a factor of k².

A re-implementation that divides by the number of valid pixels but forgets to multiply by
the window's size computes the masked *mean* instead of the rescaled *sum*: on an
all-valid interior window it returns Wᵀx / 9 for a 3×3 kernel instead of Wᵀx (reported
against a widely used PyTorch re-implementation, naoto0804/pytorch-inpainting-with-
partial-conv, issues #44 and #54). Trained from scratch, a network can absorb a constant
factor in its weights; but weights moved between the two conventions, or a stack of
layers without normalisation, are off by 9 per layer: bias-free, ReLU or not, four
layers are 9⁴ = 6,561 times too small.

Conditions: random weights at initialisation, four bias-free 3×3 layers of 4 channels
with a ReLU after each, white-noise input of shape 1×4×16×16 with a 4×4 hole, float32;
the ratio of output norms equal to 9 and to 6,561 within a relative 1e-4; seeds 0-5.

Assumption: a window that sees all its pixels gives what an ordinary convolution gives,
and a partly seen one is scaled up to match.
Broken by: dividing by sum(M) alone, without multiplying by sum(1) = k².
"""

import os

import torch
import torch.nn.functional as F

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-4  # relative, float32


def buggy(layer, x, mask):
    """The same layer, rescaled by 1/sum(M): the bug, written out."""
    counts = layer.mask_sum(mask)  # sum(M)
    new_mask = (counts > 0).float()
    raw = F.conv2d(x * mask, layer.weight, None, layer.stride, layer.padding)
    return raw / counts.clamp(min=1) * new_mask, new_mask


# --8<-- [start:factor]
layers = [PartialConv2d(4, 4, 3, padding=1, bias=False) for _ in range(4)]
x = torch.randn(1, 4, 16, 16)  # (batch, channels, height, width)
mask = torch.ones(1, 1, 16, 16)
mask[..., 6:10, 6:10] = 0  # a hole, to show the factor is the same next to it
good, bad, m_good, m_bad = x, x, mask, mask
ratios = []
with torch.no_grad():
    for layer in layers:
        good, m_good = layer(good, m_good)
        bad, m_bad = buggy(layer, bad, m_bad)
        good, bad = torch.relu(good), torch.relu(bad)
        ratios.append((good.norm() / bad.norm()).item())

assert abs(ratios[0] - 3 * 3) < TOL * 9, f"one layer: expected 9, got {ratios[0]}"
assert abs(ratios[-1] - 9**4) < TOL * 9**4, f"four layers: expected 6,561, got {ratios[-1]:,.1f}"
# --8<-- [end:factor]
