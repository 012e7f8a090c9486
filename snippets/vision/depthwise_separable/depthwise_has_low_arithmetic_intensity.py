"""The depthwise step does few multiply-adds per value it moves, so it is memory-bound.

Arithmetic intensity = multiply-adds / elements that must cross memory at least once
(input + output + weights). A depthwise k×k layer on a C×H×W map does k²·C·H·W
multiply-adds and moves 2·C·H·W + k²·C elements: at most k²/2 per element, whatever
C is. A standard convolution does C_out times more work on nearly the same data.
On MobileNet's 14×14×512 layer (Table 3 of Howard et al. 2017) this gives the three
intensities below (and four more depthwise layers check the ceiling), from `FlopCounterMode` (FLOPs / 2) and the tensors' sizes.
Conditions: counts on the meta device (no data, no training), batch 1, stride 1, 'same' padding, no biases; traffic counted as one read of the input and weights and one write of the output (a lower bound: no re-reads); torch 2.13 on CPU.
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode


def intensity(layer: nn.Conv2d, x: torch.Tensor) -> float:
    """Multiply-adds per element of input, output and weights."""
    counter = FlopCounterMode(display=False)
    with counter:
        y = layer(x)
    moved = x.numel() + y.numel() + layer.weight.numel()
    return counter.get_total_flops() / 2 / moved


# --8<-- [start:check]
c, side, k = 512, 14, 3
with torch.device("meta"):  # shapes only
    x = torch.randn(1, c, side, side)  # (batch, channels, height, width)
    standard = nn.Conv2d(c, c, k, padding=1, bias=False)
    depthwise = nn.Conv2d(c, c, k, padding=1, groups=c, bias=False)
    pointwise = nn.Conv2d(c, c, 1, bias=False)
got = {name: intensity(layer, x) for name, layer in
       [("standard", standard), ("depthwise", depthwise), ("pointwise", pointwise)]}

hw = side * side
expected_dw = k * k * c * hw / (2 * c * hw + k * k * c)  # written out
assert abs(got["depthwise"] - expected_dw) < 1e-9, f"expected {expected_dw:.3f}, got {got['depthwise']:.3f}"
assert got["depthwise"] < k * k / 2 == 4.5, f"{got['depthwise']:.2f} is above k²/2"
assert round(got["depthwise"], 1) == 4.4, f"depthwise {got['depthwise']:.2f}"
assert round(got["standard"]) == 181 and round(got["pointwise"]) == 111, f"{got}"
# The ceiling k²/2 holds for every depthwise 3×3 layer, whatever its channels and side.
for c_i, side_i in [(32, 112), (128, 56), (256, 28), (1024, 7)]:  # other MobileNet layers
    with torch.device("meta"):
        x_i = torch.randn(1, c_i, side_i, side_i)  # (batch, channels, height, width)
        dw_i = nn.Conv2d(c_i, c_i, k, padding=1, groups=c_i, bias=False)
    assert intensity(dw_i, x_i) < k * k / 2, f"({c_i}, {side_i}): {intensity(dw_i, x_i):.2f}"
# --8<-- [end:check]
