"""Figures of the normalisation page, drawn at build time with the code its checks use."""

import torch
from torch import nn

from snippets.vision.normalization._norms import spread_of_sample
from whyitworks.svg import measured_chart


def spread_vs_batch() -> str:
    """How far one sample's output wanders as its batch-mates are redrawn, against the
    batch size, for batch norm (the small-batch check's measurement) and group norm."""
    torch.manual_seed(0)
    channels, draws = 8, 200
    sizes = [2, 4, 8, 16, 32, 64, 128]
    sample = torch.randn(1, channels, 1, 1)  # (batch, channels, height, width): the sample we follow
    gn = nn.GroupNorm(2, channels)  # statistics from the sample's own 4-channel groups
    batch_norm, group_norm = [], []
    for size in sizes:
        batch_norm.append(spread_of_sample(size, sample, draws))
        with torch.no_grad():
            outs = torch.stack([gn(torch.cat([sample, torch.randn(size - 1, channels, 1, 1)]))[0]
                                for _ in range(20)])  # (draws, channels, 1, 1)
        group_norm.append(outs.std(dim=0).mean().item())
    return measured_chart(
        sizes,
        {"BatchNorm, training mode": batch_norm, "GroupNorm": group_norm},
        title="Batch norm's output for one sample is noisy in small batches",
        desc="Standard deviation of one fixed sample's normalised output over redraws of its "
             f"batch-mates, averaged over its {channels} channels, for batch sizes {sizes[0]} to "
             f"{sizes[-1]} on a log axis: with batch norm it falls from {batch_norm[0]:.2f} at "
             f"batch {sizes[0]} and {batch_norm[1]:.2f} at {sizes[1]} to {batch_norm[-1]:.2f} at "
             f"{sizes[-1]}; with group norm it stays at {max(group_norm):.2f} at every batch size.",
        x_label="batch size, the sample included",
        y_label="spread of the sample's output",
        log_x=True,
    )
