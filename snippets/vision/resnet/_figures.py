"""Figures of the ResNet page, drawn at build time with the code its checks use."""

import torch

from snippets.vision.resnet._depth import first_last_gradient_ratio
from whyitworks.svg import line_chart


def gradient_ratio_vs_depth() -> str:
    """First/last gradient ratio of a stack of blocks against its depth, with and without
    shortcuts and BatchNorm: the probe of the failure-mode check, run at several depths."""
    depths = [5, 10, 20, 30, 40, 50]
    kinds = {  # name: (normalise, residual); the short names go last, clear of the rising line
        "plain + BatchNorm": (True, False),
        "shortcuts + BatchNorm": (True, True),
        "shortcuts": (False, True),
        "plain": (False, False),
    }
    check_order = [(False, False), (True, False), (False, True), (True, True)]
    series: dict[str, list[float]] = {name: [] for name in kinds}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # hundreds of tiny layers: a second thread only adds hand-off cost
    try:
        for depth in depths:
            torch.manual_seed(0)  # at 50 blocks this repeats the check's own run (seed 0)
            x, target = torch.randn(64, 16), torch.randn(64, 16)  # (batch, width)
            ratios = {kind: first_last_gradient_ratio(x, target, depth, *kind) for kind in check_order}
            for name, kind in kinds.items():
                series[name].append(ratios[kind])
    finally:
        torch.set_num_threads(threads)
    shortcut = series["shortcuts + BatchNorm"] + series["shortcuts"]
    return line_chart(
        depths,
        series,
        title="No shortcuts: the gradient scale drifts exponentially with depth",
        desc="Norm of the first block's weight gradient divided by the last block's, at "
             f"initialisation, for stacks of {depths[0]} to {depths[-1]} blocks, on a log scale: "
             f"at {depths[-1]} blocks a plain stack gives {series['plain'][-1]:.0e} without "
             f"normalisation and {series['plain + BatchNorm'][-1]:,.0f} with BatchNorm, while with "
             f"identity shortcuts the ratio stays between {min(shortcut):.1f} and {max(shortcut):.0f}.",
        x_label="blocks in the stack",
        y_label="first block's gradient / last block's",
        log_y=True,
        height=600,
    )
