"""Figures of the normalisation page, drawn at build time with the code its checks use."""

import torch

from snippets.vision.normalization._norms import group_norm_spread, spread_of_sample
from whyitworks.svg import measured_chart


def spread_vs_batch() -> str:
    """How far one sample's output wanders as its batch-mates are redrawn, against the
    batch size, measured by `_norms.spread_of_sample` and `_norms.group_norm_spread` as
    the small-batch check measures it: batch norm on 8×8 maps whose pixels share a
    per-image level (the check's data), batch norm on 8×8 maps of independent pixels, and
    group norm (its largest spread at any channel and position)."""
    torch.manual_seed(0)
    channels, side, draws, image_sd = 8, 8, 100, 1.0
    sizes = [2, 4, 8, 16, 32, 64, 128]
    # The small-batch check's measurements first, in its order and at its seed, so that
    # the points at batch 4 and 64 (and group norm's at 4) are the check's own values.
    sample = torch.randn(1, channels, side, side) + image_sd * torch.randn(1, channels, 1, 1)
    shared = {size: spread_of_sample(size, sample, draws, image_sd) for size in (4, 64)}
    iid_sample = torch.randn(1, channels, side, side)  # independent pixels
    independent = {4: spread_of_sample(4, iid_sample, draws, 0.0)}
    group_norm = {4: group_norm_spread(sample, 4, draws=20, image_sd=image_sd, groups=2)}
    for size in sizes:  # then the other batch sizes
        if size not in shared:
            shared[size] = spread_of_sample(size, sample, draws, image_sd)
        if size not in independent:
            independent[size] = spread_of_sample(size, iid_sample, draws, 0.0)
        if size not in group_norm:
            group_norm[size] = group_norm_spread(sample, size, draws=20, image_sd=image_sd, groups=2)
    shared, independent, group_norm = ([series[size] for size in sizes] for series in (shared, independent, group_norm))
    return measured_chart(
        sizes,
        {"BatchNorm, pixels share a per-image level": shared,
         "BatchNorm, independent pixels": independent,
         "GroupNorm": group_norm},
        title="Batch norm's output for one sample is noisy in small batches",
        desc="Standard deviation of one fixed sample's normalised output over redraws of its "
             f"batch-mates, averaged over its {channels} channels of {side}×{side} maps, for batch "
             f"sizes {sizes[0]} to {sizes[-1]} on a log axis. With batch norm, when each image's "
             f"pixels share a level, it falls from {shared[0]:.2f} at batch {sizes[0]} and "
             f"{shared[1]:.2f} at {sizes[1]} to {shared[-1]:.2f} at {sizes[-1]}; with independent "
             f"pixels it is {independent[1]:.2f} already at batch {sizes[1]}; with group norm it "
             f"stays at {max(group_norm):.2f} at every batch size.",
        x_label="batch size, the sample included",
        y_label="spread of the sample's output",
        log_x=True,
    )
