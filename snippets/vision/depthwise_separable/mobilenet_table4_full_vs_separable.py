"""MobileNet built from Table 1 matches the paper's counts for the whole network.

Howard et al. 2017, Table 4: MobileNet has 569 million multiply-adds and 4.2 million
parameters; the same network with full convolutions ("Conv MobileNet") has 4866
million and 29.3 million. The figures are read from `published.toml`. Both networks
are built by `_separable.mobilenet_v1` on the meta device and counted with
`FlopCounterMode` (FLOPs / 2 = multiply-adds).
Deviations: the paper does not say what it counts. Batch-norm scales and shifts and the
classifier's biases are included in the parameter totals here; the full-convolution
count lands 1.3 million multiply-adds (0.03%) above the printed 4866, inside the 0.1%
the check allows.
Conditions: exact counts on the meta device (no data, no training), one 224×224×3 image, 1000 classes; parameters include batch norm's scales and shifts and the classifier's biases; compared with the paper at the precision it prints, 0.1% for the full-convolution multiply-adds; torch 2.13 on CPU.
"""

import torch
from torch.utils.flop_counter import FlopCounterMode

from snippets.vision.depthwise_separable._separable import mobilenet_v1, published

REL_TOL = 0.001  # 0.1%: the paper rounds, and its counting convention is unstated


def count(model: torch.nn.Module) -> tuple[float, float]:
    """(million multiply-adds, million parameters) at 224×224."""
    with torch.device("meta"):
        x = torch.randn(1, 3, 224, 224)  # (batch, channels, height, width)
    counter = FlopCounterMode(display=False)
    with counter:
        model(x)
    n_params = sum(p.numel() for p in model.parameters())
    return counter.get_total_flops() / 2 / 1e6, n_params / 1e6


# --8<-- [start:table4]
with torch.device("meta"):  # 33 million parameters, none of them allocated
    mobilenet, conv_mobilenet = mobilenet_v1(separable=True), mobilenet_v1(separable=False)
sep_macs, sep_params = count(mobilenet)
full_macs, full_params = count(conv_mobilenet)
paper_sep = published("table4_mobilenet_macs"), published("table4_mobilenet_params")
paper_full = published("table4_conv_mobilenet_macs"), published("table4_conv_mobilenet_params")

assert round(sep_macs) == paper_sep[0], f"paper {paper_sep[0]}M, counted {sep_macs:.2f}M"
assert round(sep_params, 1) == paper_sep[1], f"paper {paper_sep[1]}M, counted {sep_params:.3f}M"
assert round(full_params, 1) == paper_full[1], f"paper {paper_full[1]}M, counted {full_params:.3f}M"
assert abs(full_macs - paper_full[0]) / paper_full[0] < REL_TOL, \
    f"paper {paper_full[0]}M, counted {full_macs:.2f}M"

saving = full_macs / sep_macs
assert 8 < saving < 9, f"MobileNet's 8 to 9 times fewer multiply-adds; counted {saving:.2f}"
assert round(full_params / sep_params, 1) == 6.9, f"{full_params / sep_params:.2f} times the parameters"
# --8<-- [end:table4]
