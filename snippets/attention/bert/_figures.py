"""Figures of the BERT page, drawn at build time with the code its checks use."""

import torch
from torch.autograd.functional import jacobian

from snippets.attention.bert._bert import BertConfig, BertModel
from whyitworks.svg import heatmap

FLOOR = 0.01  # the colour scale starts here; every non-zero block is above it


def dense_jacobian() -> str:
    """The size of every block ∂output_t / ∂input_s of a tiny BERT encoder's Jacobian,
    on the set-up of the bidirectionality check."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # 48 small backward passes: a second thread only adds hand-off cost
    try:
        torch.manual_seed(0)
        config = BertConfig(vocab_size=64, max_positions=32, d_model=8, n_layers=2, n_heads=2, d_ff=32)
        model = BertModel(config).eval()
        T = 6
        h = torch.randn(T, config.d_model)  # (tokens, d_model): embedded inputs
        J = jacobian(lambda x: model.encode(x.unsqueeze(0))[0], h)  # (T, d, T, d)
    finally:
        torch.set_num_threads(threads)
    blocks = J.pow(2).sum(dim=(1, 3)).sqrt()  # (T, T): Frobenius norm of each block
    # A log colour scale, so the small cross-position blocks show beside the large diagonal
    # (each token's own residual path); an exactly-zero block stays white.
    decades = torch.where(blocks > 0, (blocks / FLOOR).log10().clamp(min=0), 0.0)  # (T, T)
    return heatmap(
        decades.tolist(),
        title="BERT: every output depends on every input",
        desc=f"Frobenius norm, on a log colour scale, of each block of the Jacobian of a tiny BERT encoder's {T} "
             f"outputs with respect to its {T} inputs, row t the output position and column s "
             f"the input position: {int((blocks > 0).sum())} of the {T * T} blocks are non-zero, "
             "later inputs included, where a causal decoder's would be lower-triangular.",
        legend=f"decades above {FLOOR} (white: exactly 0)",
        cell=56,
    )
