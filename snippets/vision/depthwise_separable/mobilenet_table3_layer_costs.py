"""Counting one MobileNet layer reproduces every row of the paper's Table 3.

Howard et al. 2017, Table 3, take an internal MobileNet layer (D_K = 3, M = N = 512,
D_F = 14) and shrink it step by step: a standard convolution (462 million
multiply-adds, 2.36 million parameters), the depthwise-separable pair (52.3, 0.27),
width multiplier α = 0.75 (29.6, 0.15), then resolution multiplier ρ = 0.714
(15.1, 0.15). Each row is cumulative. Here each row is built and counted on the meta
device with `FlopCounterMode` (FLOPs / 2 = multiply-adds); the expected values are the
figures printed in the paper, compared at the precision the paper prints.
Conditions: no biases (the paper counts kernel weights only).
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

# Howard et al. 2017, Table 3: (million multiply-adds, million parameters).
PAPER_TABLE_3 = {
    "convolution": (462, 2.36),
    "depthwise separable": (52.3, 0.27),
    "alpha 0.75": (29.6, 0.15),
    "rho 0.714": (15.1, 0.15),
}
ALPHA = 0.75  # width multiplier: 512 channels become 384
RHO = 0.714  # resolution multiplier, the paper's rounding of 160/224: 14×14 becomes 10×10


def count(module: nn.Module, channels: int, side: int) -> tuple[float, float]:
    """(million multiply-adds, million parameters) of one forward pass."""
    with torch.device("meta"):
        x = torch.randn(1, channels, side, side)  # (batch, channels, height, width)
    counter = FlopCounterMode(display=False)
    with counter:
        module(x)
    macs = counter.get_total_flops() / 2  # FlopCounterMode counts 2 FLOPs per multiply-add
    return macs / 1e6, sum(p.numel() for p in module.parameters()) / 1e6


def separable(c: int) -> nn.Module:
    return nn.Sequential(nn.Conv2d(c, c, 3, padding=1, groups=c, bias=False),  # depthwise
                         nn.Conv2d(c, c, 1, bias=False))  # pointwise


# --8<-- [start:table3]
c, side = 512, 14  # the 14×14×512 feature map of Table 1's five repeated blocks
thin_c, small_side = int(ALPHA * c), round(RHO * side)  # 384 channels, 10×10
with torch.device("meta"):
    rows = {
        "convolution": count(nn.Conv2d(c, c, 3, padding=1, bias=False), c, side),
        "depthwise separable": count(separable(c), c, side),
        "alpha 0.75": count(separable(thin_c), thin_c, side),
        "rho 0.714": count(separable(thin_c), thin_c, small_side),
    }
for name, (macs, params) in rows.items():
    paper_macs, paper_params = PAPER_TABLE_3[name]
    decimals = 0 if paper_macs >= 100 else 1  # the precision Table 3 prints
    assert round(macs, decimals) == paper_macs, f"{name}: paper {paper_macs}M, counted {macs:.3f}M"
    assert round(params, 2) == paper_params, f"{name}: paper {paper_params}M, counted {params:.4f}M"

saving = rows["convolution"][0] / rows["depthwise separable"][0]
assert 8 < saving < 9, f"the paper's 8 to 9 times; counted {saving:.2f}"
# --8<-- [end:table3]
