"""MobileNet built from Table 1 matches the paper's counts for the whole network.

Howard et al. 2017, Table 4: MobileNet has 569 million multiply-adds and 4.2 million
parameters; the same network with full convolutions ("Conv MobileNet") has 4866
million and 29.3 million, for 1.1 points more ImageNet accuracy (71.7% against 70.6%).
Table 2 splits MobileNet's cost by layer type: the 1×1 convolutions take 94.86% of
the multiply-adds and 74.59% of the parameters.
Both networks are built by `_separable.mobilenet_v1` on the meta device and counted
with `FlopCounterMode` (FLOPs / 2 = multiply-adds).
Deviations: the paper does not say what it counts in each row. Batch-norm scales and
shifts are included in the parameter totals here; the full-convolution count lands
1.3 million multiply-adds (0.03%) above the printed 4866; the parameter shares of
Table 2 come out exactly only when the fully connected layer's 1,000 biases are left
out, so the paper seems not to have counted them; and Table 2's 1.19% for the first
convolution looks like a misprint of the counted 1.91%.
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from snippets.vision.depthwise_separable._separable import mobilenet_v1

# Howard et al. 2017, Table 4: million multiply-adds, million parameters.
PAPER_SEPARABLE = (569, 4.2)
PAPER_FULL = (4866, 29.3)
REL_TOL = 0.001  # 0.1%: the paper rounds, and its counting convention is unstated
# Howard et al. 2017, Table 2: % of multiply-adds and % of parameters per layer type.
PAPER_TABLE_2 = {"conv 1x1": (94.86, 74.59), "conv dw 3x3": (3.06, 1.06),
                 "conv 3x3": (1.19, 0.02), "fully connected": (0.18, 24.33)}
SHARE_TOL = 0.05  # percentage points: the printed shares have two decimals


def count(model: nn.Module) -> tuple[float, float, dict]:
    """(million multiply-adds, million parameters, FLOPs per module name) at 224×224."""
    with torch.device("meta"):
        x = torch.randn(1, 3, 224, 224)  # (batch, channels, height, width)
    counter = FlopCounterMode(display=False)
    with counter:
        model(x)
    n_params = sum(p.numel() for p in model.parameters())
    return counter.get_total_flops() / 2 / 1e6, n_params / 1e6, counter.get_flop_counts()


# --8<-- [start:table4]
with torch.device("meta"):  # 33 million parameters, none of them allocated
    mobilenet, conv_mobilenet = mobilenet_v1(separable=True), mobilenet_v1(separable=False)
sep_macs, sep_params, per_module = count(mobilenet)
full_macs, full_params, _ = count(conv_mobilenet)

assert round(sep_macs) == PAPER_SEPARABLE[0], f"paper {PAPER_SEPARABLE[0]}M, counted {sep_macs:.2f}M"
assert round(sep_params, 1) == PAPER_SEPARABLE[1], f"paper {PAPER_SEPARABLE[1]}M, counted {sep_params:.3f}M"
assert round(full_params, 1) == PAPER_FULL[1], f"paper {PAPER_FULL[1]}M, counted {full_params:.3f}M"
assert abs(full_macs - PAPER_FULL[0]) / PAPER_FULL[0] < REL_TOL, \
    f"paper {PAPER_FULL[0]}M, counted {full_macs:.2f}M"

saving = full_macs / sep_macs
assert 8 < saving < 9, f"MobileNet's 8 to 9 times fewer multiply-adds; counted {saving:.2f}"
assert round(full_params / sep_params, 1) == 6.9, f"{full_params / sep_params:.2f} times the parameters"
# --8<-- [end:table4]

# --8<-- [start:table2]
macs_by_kind: dict[str, float] = {}
params_by_kind: dict[str, float] = {}
for name, module in mobilenet.named_modules():
    if isinstance(module, nn.Linear):
        kind = "fully connected"
    elif isinstance(module, nn.Conv2d):
        kind = ("conv dw 3x3" if module.groups > 1
                else "conv 1x1" if module.kernel_size == (1, 1) else "conv 3x3")
    else:
        continue
    macs = sum(per_module[f"Sequential.{name}"].values()) / 2
    macs_by_kind[kind] = macs_by_kind.get(kind, 0) + macs
    params_by_kind[kind] = params_by_kind.get(kind, 0) + sum(p.numel() for p in module.parameters())
total_macs, total_params = sum(macs_by_kind.values()), sum(params_by_kind.values())
share = {kind: (100 * macs_by_kind[kind] / total_macs, 100 * params_by_kind[kind] / total_params)
         for kind in PAPER_TABLE_2}

pointwise_macs, pointwise_params = share["conv 1x1"]
assert abs(pointwise_macs - PAPER_TABLE_2["conv 1x1"][0]) < SHARE_TOL, f"{pointwise_macs:.2f}%"
assert abs(pointwise_params - PAPER_TABLE_2["conv 1x1"][1]) < SHARE_TOL, f"{pointwise_params:.2f}%"
for kind in ("conv dw 3x3", "fully connected"):
    for got, paper in zip(share[kind], PAPER_TABLE_2[kind], strict=True):
        assert abs(got - paper) < SHARE_TOL, f"{kind}: paper {paper}%, counted {got:.2f}%"

# The first, full 3×3 convolution: 3·3·3·32 weights at 112×112 outputs is 1.91% of the
# total, not the printed 1.19%; the printed column sums to 99.29%, the counted one to 100%.
first_conv = 100 * (3 * 3 * 3 * 32 * 112 * 112) / total_macs
assert round(share["conv 3x3"][0], 2) == round(first_conv, 2) == 1.91, f"{share['conv 3x3'][0]:.2f}%"
# Only the multiply-add column disagrees; the same row's parameter share agrees.
counted_macs, counted_params = share["conv 3x3"]
printed_macs, printed_params = PAPER_TABLE_2["conv 3x3"]
assert abs(counted_macs - printed_macs) > 0.5, f"multiply-adds: counted {counted_macs:.2f}%, printed {printed_macs}%"
assert abs(counted_params - printed_params) < SHARE_TOL, (
    f"parameters: counted {counted_params:.3f}%, printed {printed_params}%"
)
printed_sum = sum(macs_share for macs_share, _ in PAPER_TABLE_2.values())
assert round(printed_sum, 2) == 99.29, f"the printed column sums to {printed_sum:.2f}%"

# Leave out the classifier's 1,000 biases and every printed parameter share comes out.
fc = mobilenet[-1]
assert fc.bias.numel() == 1_000, f"{fc.bias.numel()} biases"
without_bias = total_params - fc.bias.numel()
for kind, (_, paper) in PAPER_TABLE_2.items():
    counted = params_by_kind[kind] - (fc.bias.numel() if kind == "fully connected" else 0)
    pct = 100 * counted / without_bias
    assert round(pct, 2) == paper, f"{kind}: paper {paper}%, counted {pct:.3f}%"
# --8<-- [end:table2]
