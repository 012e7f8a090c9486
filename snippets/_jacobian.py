"""The Jacobian of a sequence model, reduced to one number per pair of positions: how
much output position t depends on input position s. The causality check of the GPT page
and the bidirectionality check of the BERT page both measure it, and so do their
figures."""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor


def position_blocks(outputs: Callable[[Tensor], Tensor], h: Tensor) -> Tensor:
    """The size of every block of the Jacobian of ``outputs`` at ``h``.

    Block $(t, s)$ is $\\partial\\,\\text{output}_t / \\partial\\,\\text{input}_s$, a
    $d \\times d$ matrix, computed with `torch.autograd.functional.jacobian` and reduced
    to its largest entry in absolute value.

    Args:
        outputs: maps one sequence's inputs, shape `(tokens, d)`, to its outputs,
            shape `(tokens, d)`.
        h: the inputs of one sequence, shape `(tokens, d)`.

    Returns:
        The largest $|J_{t,i,s,j}|$ of each block, shape `(tokens, tokens)`: row $t$ the
        output position, column $s$ the input position.
    """
    J = torch.autograd.functional.jacobian(outputs, h)  # (T, d, T, d): J[t, :, s, :] = ∂output_t / ∂input_s
    return J.abs().amax(dim=(1, 3))  # (T, T)
