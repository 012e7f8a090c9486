"""Figures of the normalisation page, drawn at build time with the code its checks use."""

import torch
from torch import nn

from snippets.vision.normalization._norms import spread_of_sample
from whyitworks.svg import measured_chart


def spread_vs_batch() -> str:
    """How far one sample's output wanders as its batch-mates are redrawn, against the
    batch size: batch norm on 8×8 maps whose pixels share a per-image level (the
    small-batch check's data), batch norm on 8×8 maps of independent pixels, and group
    norm."""
    torch.manual_seed(0)
    channels, side, draws, image_sd = 8, 8, 100, 1.0
    sizes = [2, 4, 8, 16, 32, 64, 128]
    sample = torch.randn(1, channels, side, side) + image_sd * torch.randn(1, channels, 1, 1)
    gn = nn.GroupNorm(2, channels)  # statistics from the sample's own 4-channel groups
    shared, independent, group_norm = [], [], []
    for size in sizes:
        shared.append(spread_of_sample(size, sample, draws, image_sd))
        independent.append(spread_of_sample(size, sample, draws, 0.0))
        with torch.no_grad():
            outs = torch.stack([gn(torch.cat([sample, torch.randn(size - 1, channels, side, side)]))[0]
                                for _ in range(20)])  # (draws, channels, side, side)
        group_norm.append(outs.std(dim=0).mean().item())
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
