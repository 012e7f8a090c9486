"""Figures of the GPT page, drawn at build time with the code its checks use."""

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig, jacobian_blocks
from whyitworks.svg import heatmap

FLOOR = 0.01  # the colour scale starts here; every non-zero block is above it


def causal_jacobian() -> str:
    """The size of every block ∂output_t / ∂input_s of a tiny GPT's Jacobian, measured by
    `_gpt.jacobian_blocks` on the lower-triangular check's set-up at seed 0."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # 48 small backward passes: a second thread only adds hand-off cost
    try:
        torch.manual_seed(0)  # the check's draws, in the check's order
        config = GPTConfig(vocab_size=64, n_positions=32, d_model=8, n_layers=2, n_heads=2)
        model = GPT(config).eval()
        T = 6
        h = torch.randn(T, config.d_model)  # (tokens, d_model): embedded inputs
        blocks = jacobian_blocks(model, h)  # (T, T): the check's measurement
    finally:
        torch.set_num_threads(threads)
    # A log colour scale, so the small cross-position blocks show beside the large diagonal
    # (each token's own residual path); an exactly-zero block stays white.
    decades = torch.where(blocks > 0, (blocks / FLOOR).log10().clamp(min=0), 0.0)  # (T, T)
    return heatmap(
        decades.tolist(),
        title="GPT: output t depends only on inputs s ≤ t",
        desc=f"Largest entry, on a log colour scale, of each block of the Jacobian of a tiny GPT's {T} outputs with "
             f"respect to its {T} inputs, row t the output position and column s the input "
             f"position: {int((blocks > 0).sum())} blocks are non-zero, those on and below the "
             f"diagonal, and the {int((blocks == 0).sum())} above it are exactly zero, a "
             "lower-triangular pattern.",
        legend=f"decades above {FLOOR} (white: exactly 0)",
        x_label=f"input position s, 0 → {T - 1}",
        y_label=f"output position t, 0 → {T - 1}",
        cell=56,
    )
