"""Figures of the attention page, drawn at build time with the code its checks use."""

import torch
from torch import nn

from snippets.attention.attention._attention import score_entries
from whyitworks.svg import line_chart


def cost_vs_length() -> str:
    """Entries of one head's attention weights against the sequence length, counted by
    `_attention.score_entries` on the cost check's layer (one head of width 64, lengths
    64 to 512, and 1024 beyond them), beside the linear growth of the input itself."""
    torch.manual_seed(0)
    d = 64
    lengths = [64, 128, 256, 512, 1024]
    mha = nn.MultiheadAttention(d, num_heads=1, batch_first=True).eval()
    weights_entries = [float(score_entries(mha, n)) for n in lengths]
    input_entries = [float(n * d) for n in lengths]  # the input's size, n tokens of width d
    return line_chart(
        lengths,
        {"attention weights (n²)": weights_entries, f"input (n·d, d = {d})": input_entries},
        title="Attention's memory grows with the square of the length",
        desc="Number of entries in one head's attention matrix and in its input, for sequence "
             f"lengths {lengths[0]} to {lengths[-1]}, on logarithmic axes: the matrix grows four "
             "times per doubling, the input twice.",
        x_label="sequence length n", y_label="entries", log_x=True, log_y=True,
    )
