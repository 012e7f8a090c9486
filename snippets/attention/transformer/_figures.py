"""Figures of the Transformer page, drawn at build time with the code its checks use."""

import torch

from snippets.attention.transformer._positional import sinusoidal_encoding
from whyitworks.svg import signed_heatmap


def sinusoidal_table() -> str:
    """The sinusoidal positional encodings of positions 0 to 127 at width 64: the first
    rows of the table `_positional.sinusoidal_encoding` makes for the rotation check
    (1,000 positions, width 64), the 32 sine coordinates, then the 32 cosine ones."""
    table = sinusoidal_encoding(1_000, 64)  # (positions, d_model): the check's table
    positions, d_model = 128, table.shape[1]  # the first 128 positions fit the page
    pe = table[:positions]  # (positions, d_model)
    rows = torch.cat([pe[:, 0::2].T, pe[:, 1::2].T])  # (d_model, positions): sines, then cosines
    return signed_heatmap(
        rows.tolist(),
        title="Sinusoidal positional encodings: one wave per coordinate",
        desc=f"The encodings of positions 0 to {positions - 1} for d_model = {d_model}, one column "
             f"per position; the top {d_model // 2} rows are the sine coordinates 2i and the bottom "
             f"{d_model // 2} the cosine coordinates 2i + 1, i from 0 to {d_model // 2 - 1} in each "
             "half: each row is a wave over position, fast for small i and slower as i grows, "
             f"until the last rows barely change across {positions} positions.",
        legend="PE(position, coordinate)",
        cell=4,
        x_label=f"position 0 → {positions - 1}",
        y_label="sines (2i), then cosines (2i + 1)",
    )
