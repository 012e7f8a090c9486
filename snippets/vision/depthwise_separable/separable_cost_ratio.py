"""A depthwise-separable layer costs a fraction 1/C_out + 1/k² of a standard one.

A standard k×k convolution does k²·C_in·C_out multiply-adds per output pixel. The
depthwise step does k²·C_in and the pointwise step C_in·C_out, so the ratio is
(k²·C_in + C_in·C_out) / (k²·C_in·C_out) = 1/C_out + 1/k² (MobileNet, section 3.1).
The counts come from `torch.utils.flop_counter.FlopCounterMode`, which reports FLOPs
and counts a multiply-add as two of them; the page speaks of multiply-adds (MACs).
Conditions: exact integer counts on the meta device (no data, no training), batch 1, stride 1, 'same' padding, no biases (a bias adds no multiply); torch 2.13 on CPU.
"""

from fractions import Fraction

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode


def flops(module: nn.Module, x: torch.Tensor) -> int:
    """FLOPs of one forward pass, as FlopCounterMode counts them."""
    counter = FlopCounterMode(display=False)
    with counter:
        module(x)
    return counter.get_total_flops()


def standard(c_in: int, c_out: int, k: int) -> nn.Module:
    return nn.Conv2d(c_in, c_out, k, padding=k // 2, bias=False)


def separable(c_in: int, c_out: int, k: int) -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(c_in, c_in, k, padding=k // 2, groups=c_in, bias=False),  # depthwise
        nn.Conv2d(c_in, c_out, 1, bias=False),  # pointwise
    )


# --8<-- [start:flops]
c_in, c_out, k, side = 64, 128, 3, 32
with torch.device("meta"):  # shapes only: nothing is allocated or computed
    x = torch.randn(1, c_in, side, side)  # (batch, channels, height, width)
    conv = standard(c_in, c_out, k)
got_flops = flops(conv, x)
macs = k * k * c_in * c_out * side * side  # one multiply-add per weight per output pixel
assert macs == 75_497_472, f"expected 75,497,472 multiply-adds, got {macs:,}"
assert got_flops == 2 * macs == 150_994_944, f"expected {2 * macs:,} FLOPs, got {got_flops:,}"
# --8<-- [end:flops]

# --8<-- [start:ratio]
with torch.device("meta"):
    sep = separable(c_in, c_out, k)
sep_macs = flops(sep, x) // 2  # FLOPs → multiply-adds
expected_sep = (k * k * c_in + c_in * c_out) * side * side  # depthwise + pointwise
assert sep_macs == expected_sep == 8_978_432, f"expected {expected_sep:,}, got {sep_macs:,}"
ratio = Fraction(sep_macs, macs)
assert ratio == Fraction(1, c_out) + Fraction(1, k * k), f"ratio {ratio} is not 1/{c_out} + 1/{k * k}"
assert round(float(ratio), 3) == 0.119 and round(1 / float(ratio), 1) == 8.4, f"ratio {float(ratio):.4f}"
assert sep_macs < macs, f"{sep_macs:,} multiply-adds is not fewer than {macs:,}"

# The identity is exact for any channels and kernel, not only this layer.
for c_in_i, c_out_i, k_i in [(16, 32, 3), (32, 256, 3), (64, 64, 5), (8, 512, 7)]:
    with torch.device("meta"):
        x_i = torch.randn(1, c_in_i, 16, 16)  # (batch, channels, height, width)
        r = Fraction(flops(separable(c_in_i, c_out_i, k_i), x_i),
                     flops(standard(c_in_i, c_out_i, k_i), x_i))
    assert r == Fraction(1, c_out_i) + Fraction(1, k_i * k_i), f"({c_in_i}, {c_out_i}, {k_i}): {r}"
# --8<-- [end:ratio]

# --8<-- [start:params]
n_std = sum(p.numel() for p in conv.parameters())  # k²·C_in·C_out
n_sep = sum(p.numel() for p in sep.parameters())  # k²·C_in + C_in·C_out
assert n_std == 73_728 and n_sep == 8_768, f"got {n_std:,} and {n_sep:,}"
assert n_sep < n_std, f"{n_sep:,} is not fewer than {n_std:,}"
assert Fraction(n_sep, n_std) == Fraction(1, c_out) + Fraction(1, k * k), f"{n_sep}/{n_std}"
# --8<-- [end:params]
