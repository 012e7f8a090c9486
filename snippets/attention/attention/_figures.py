"""Figures of the attention page, drawn at build time with the page's reference code."""

import torch

from snippets.attention.attention._attention import attention
from whyitworks.svg import line_chart


def cost_vs_length() -> str:
    """Entries of the attention matrix against the sequence length, measured on the
    reference implementation, beside the linear growth of the input itself."""
    torch.manual_seed(0)
    d = 16
    lengths = [64, 128, 256, 512, 1024]
    weights_entries, input_entries = [], []
    for n in lengths:
        x = torch.randn(n, d)
        _, weights = attention(x, x, x)  # weights: (n, n)
        weights_entries.append(float(weights.numel()))
        input_entries.append(float(x.numel()))
    return line_chart(
        lengths,
        {"attention weights (n²)": weights_entries, "input (n·d, d = 16)": input_entries},
        title="Attention's memory grows with the square of the length",
        desc="Number of entries in one head's attention matrix and in its input, for sequence "
             "lengths 64 to 1024, on logarithmic axes: the matrix grows four times per doubling.",
        x_label="sequence length n", y_label="entries", log_x=True, log_y=True,
    )
