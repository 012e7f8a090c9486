"""Figures of the BERT page, drawn at build time with the code its checks use."""

import torch

from snippets.attention.bert._bert import BertConfig, BertModel, jacobian_blocks
from whyitworks.svg import heatmap

FLOOR = 0.01  # the colour scale starts here; every non-zero block is above it


def dense_jacobian() -> str:
    """The size of every block ∂output_t / ∂input_s of a tiny BERT encoder's Jacobian,
    measured by `_bert.jacobian_blocks` on the bidirectionality check's set-up at seed 0."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # 48 small backward passes: a second thread only adds hand-off cost
    try:
        torch.manual_seed(0)  # the check's draws, in the check's order
        config = BertConfig(vocab_size=64, max_positions=32, d_model=8, n_layers=2, n_heads=2, d_ff=32)
        model = BertModel(config).eval()
        T, t = 10, 4  # the perturbation region's two draws of token ids come first
        torch.randint(0, config.vocab_size, (1, T))
        torch.randint(1, config.vocab_size, (1, T - t - 1))
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
        title="BERT: every output depends on every input",
        desc=f"Largest entry, on a log colour scale, of each block of the Jacobian of a tiny BERT encoder's {T} "
             f"outputs with respect to its {T} inputs, row t the output position and column s "
             f"the input position: {int((blocks > 0).sum())} of the {T * T} blocks are non-zero, "
             "later inputs included, where a causal decoder's would be lower-triangular.",
        legend=f"decades above {FLOOR} (white: exactly 0)",
        x_label=f"input position s, 0 → {T - 1}",
        y_label=f"output position t, 0 → {T - 1}",
        cell=56,
    )
