"""Stacked 3×3 convolutions see as far as one large kernel, with fewer weights.

n stacked 3×3 convolutions (stride 1) see a (2n + 1)×(2n + 1) window of the input:
two see 5×5 with 2·9·C² = 18C² weights where one 5×5 layer needs 25C²; three see 7×7
with 27C² where one 7×7 layer needs 49C² (Simonyan & Zisserman 2015, section 2.3).
The window is measured, not assumed: it is the set of input pixels with a non-zero
gradient for one output pixel.

Conditions: random weights at initialisation (no training), one white-noise 21×21 input
with C = 8 channels in and out, bias-free layers, stride 1; exact integer counts and
windows; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

C = 8  # channels; the ratios below do not depend on it


def seen_window(net: nn.Module, size: int = 21) -> tuple[int, int]:
    """Height and width of the input region that one central output pixel depends on."""
    x = torch.randn(1, C, size, size, requires_grad=True)  # (batch, channels, height, width)
    net(x)[0, :, size // 2, size // 2].sum().backward()
    rows, cols = torch.nonzero(x.grad.abs().sum(dim=(0, 1)), as_tuple=True)
    return int(rows.max() - rows.min() + 1), int(cols.max() - cols.min() + 1)


def weights(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())


# --8<-- [start:check]
for n, big in [(2, 5), (3, 7)]:
    stack = nn.Sequential(*[nn.Conv2d(C, C, 3, padding=1, bias=False) for _ in range(n)])
    single = nn.Conv2d(C, C, big, padding=big // 2, bias=False)
    window = seen_window(stack)
    assert window == seen_window(single) == (2 * n + 1, 2 * n + 1), (window, big)
    stack_per_c2, single_per_c2 = weights(stack) / C**2, weights(single) / C**2
    assert stack_per_c2 == 9 * n, f"{n} stacked 3×3: expected {9 * n}C², got {stack_per_c2}C²"
    assert single_per_c2 == big * big, f"one {big}×{big}: expected {big * big}C², got {single_per_c2}C²"
    assert stack_per_c2 < single_per_c2, "the stack needs fewer weights"
# --8<-- [end:check]
