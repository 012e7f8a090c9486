"""The receptive field given by the formula equals the one measured by a gradient.

For layers l = 1..L with kernel k_l, stride s_l and dilation d_l, one output pixel sees

    r = 1 + Σ_l d_l (k_l − 1) · Π_{j<l} s_j

input pixels along each axis. Measured here as the extent of the non-zero gradient of
one output pixel with respect to the input, for several stacks mixing strides and
dilations.

Conditions: no training; every weight set to 1 (positive, so no gradient cancels to
zero), an all-zero input four times the receptive field wide so that the border never
clips the window; exact integer sizes.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)


def formula(layers: list[tuple[int, int, int]]) -> int:
    """Receptive field of a stack of (kernel, stride, dilation) layers, by the formula."""
    r, jump = 1, 1
    for k, s, d in layers:
        r += d * (k - 1) * jump
        jump *= s
    return r


def measured(layers: list[tuple[int, int, int]]) -> int:
    """Receptive field of the same stack, measured by backpropagating from one pixel."""
    net = nn.Sequential(*[
        nn.Conv2d(1, 1, k, stride=s, dilation=d, padding=d * (k - 1) // 2) for k, s, d in layers
    ])
    with torch.no_grad():
        for conv in net:
            conv.weight.fill_(1.0)  # positive weights: no accidental cancellation to zero
    size = 4 * formula(layers) + 1
    x = torch.zeros(1, 1, size, size, requires_grad=True)  # (batch, channels, height, width)
    y = net(x)  # (1, 1, h, w)
    y[0, 0, y.shape[2] // 2, y.shape[3] // 2].backward()
    rows = torch.nonzero(x.grad[0, 0].abs().sum(dim=1))
    return int(rows.max() - rows.min() + 1)


# --8<-- [start:check]
stacks = {
    "three 3×3": [(3, 1, 1)] * 3,
    "VGG block, pool, block": [(3, 1, 1), (3, 1, 1), (2, 2, 1), (3, 1, 1), (3, 1, 1)],
    "strided stem": [(7, 2, 1), (3, 2, 1), (3, 1, 1)],
    "dilated 1, 2, 4": [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
}
for name, layers in stacks.items():
    assert measured(layers) == formula(layers), f"{name}: formula {formula(layers)}, measured {measured(layers)}"
assert formula(stacks["strided stem"]) == 19
assert formula(stacks["dilated 1, 2, 4"]) == 15
# --8<-- [end:check]
