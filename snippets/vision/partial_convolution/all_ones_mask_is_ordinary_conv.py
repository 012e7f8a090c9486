"""With every pixel valid and no padding, a partial convolution is an ordinary convolution.

Every window then sees sum(M) = sum(1) valid pixels: the factor is exactly 1, X ⊙ M = X,
and the mask stays all ones. With padding the two differ, but only where the window
overlaps the padding: the interior is still the ordinary convolution.

Conditions: random weights at initialisation copied into both modules, white-noise input
of shape 2×3×12×12, `3×3` kernels, float32; interior equal to 1e-6; every output next to
the padding equal to the ordinary one rescaled by 9/n > 1 (n image pixels in its window)
to 1e-5; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-6  # float32, same products; the two modules may sum them in another order

# --8<-- [start:equal]
x = torch.randn(2, 3, 12, 12)  # (batch, channels, height, width)
ones = torch.ones(2, 1, 12, 12)  # (batch, 1, height, width): every pixel valid
for pad in (0, 1):
    pconv = PartialConv2d(3, 8, 3, padding=pad)
    conv = nn.Conv2d(3, 8, 3, padding=pad)
    conv.load_state_dict(pconv.state_dict())  # the same weights and bias
    y, new_mask = pconv(x, ones)
    z = conv(x)
    inner = slice(pad, y.shape[-1] - pad)  # positions whose window misses the padding
    err = (y - z)[..., inner, inner].abs().max().item()
    assert err < TOL, f"padding={pad}: interior differs by {err:.2e}"
    assert torch.equal(new_mask, torch.ones_like(new_mask))
    if pad:  # next to the padding the window sees n < 9 image pixels: rescaled by 9/n
        border = torch.ones(y.shape[-2:], dtype=torch.bool)
        border[inner, inner] = False  # the ring of outputs whose window overlaps the padding
        factor = 9 / pconv.mask_sum(ones)  # (2, 1, 12, 12): sum(1)/sum(M) = 9/n
        bias = pconv.bias.view(1, -1, 1, 1)
        rescaled = (z - bias) * factor + bias  # the ordinary output, its convolution part rescaled
        gap = (y - rescaled).abs().max().item()
        assert gap < 10 * TOL, f"padding={pad}: expected the ordinary output rescaled by 9/n, gap {gap:.2e}"
        assert factor[..., border].min().item() > 1, "every output next to the padding is rescaled"
# --8<-- [end:equal]
