"""Counting one MobileNet layer reproduces every row of the paper's Table 3.

Howard et al. 2017, Table 3, take an internal MobileNet layer (D_K = 3, M = N = 512,
D_F = 14) and shrink it step by step: a standard convolution, the depthwise-separable
pair, width multiplier α = 0.75, then resolution multiplier ρ = 0.714. Each row is
cumulative. Here each row is built and counted on the meta device with
`FlopCounterMode` (FLOPs / 2 = multiply-adds); the expected values are the figures
printed in the paper, read from `published.toml`, compared at the precision the paper
prints them.
Conditions: exact counts on the meta device (no data, no training), batch 1, stride 1, 'same' padding, no biases (the paper counts kernel weights only); torch 2.13 on CPU.
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from snippets.vision.depthwise_separable._separable import published


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
alpha, rho = published("table3_alpha"), published("table3_rho")  # 0.75 and 0.714
assert (alpha, rho) == (0.75, 0.714), f"Table 3's multipliers: {alpha}, {rho}"
thin_c, small_side = int(alpha * c), round(rho * side)  # 384 channels, 10×10
with torch.device("meta"):
    rows = {
        "table3_conv": count(nn.Conv2d(c, c, 3, padding=1, bias=False), c, side),
        "table3_separable": count(separable(c), c, side),
        "table3_alpha": count(separable(thin_c), thin_c, side),
        "table3_rho": count(separable(thin_c), thin_c, small_side),
    }
for row, (macs, params) in rows.items():
    paper_macs, paper_params = published(f"{row}_macs"), published(f"{row}_params")
    decimals = 0 if paper_macs >= 100 else 1  # the precision Table 3 prints
    assert round(macs, decimals) == paper_macs, f"{row}: paper {paper_macs}M, counted {macs:.3f}M"
    assert round(params, 2) == paper_params, f"{row}: paper {paper_params}M, counted {params:.4f}M"

saving = rows["table3_conv"][0] / rows["table3_separable"][0]
assert 8 < saving < 9, f"the paper's 8 to 9 times; counted {saving:.2f}"
# --8<-- [end:table3]
