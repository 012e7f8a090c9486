"""A vanilla (Elman) recurrent network written out step by step.

The reference implementation the RNN page checks `torch.nn.RNN` against. It keeps
the loop over time visible, which `nn.RNN` hides inside one fused kernel.
"""

from __future__ import annotations

from collections.abc import Callable

import torch


def rnn_forward(
    x: torch.Tensor,
    h0: torch.Tensor,
    w_ih: torch.Tensor,
    w_hh: torch.Tensor,
    b_ih: torch.Tensor,
    b_hh: torch.Tensor,
    nonlinearity: Callable[[torch.Tensor], torch.Tensor] = torch.tanh,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Run one recurrent layer over a sequence, one time step at a time.

    Each step computes
    $h_t = \\phi(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})$, with the same
    weights at every step.

    Args:
        x: the inputs, shape `(seq_len, batch, input_size)` (time first, as
            `nn.RNN` expects by default).
        h0: the initial state, shape `(batch, hidden_size)`.
        w_ih: input-to-hidden weights, shape `(hidden_size, input_size)`.
        w_hh: hidden-to-hidden (recurrent) weights, shape `(hidden_size, hidden_size)`.
        b_ih: input-to-hidden bias, shape `(hidden_size,)`.
        b_hh: hidden-to-hidden bias, shape `(hidden_size,)`.
        nonlinearity: $\\phi$, applied elementwise; `torch.tanh` as in `nn.RNN`'s default.

    Returns:
        `(outputs, h_n)`: every state, shape `(seq_len, batch, hidden_size)`, and
        the last one, shape `(batch, hidden_size)`.
    """
    h = h0
    outputs = []
    for x_t in x:  # the loop over time: step t needs step t-1's state
        h = nonlinearity(x_t @ w_ih.T + b_ih + h @ w_hh.T + b_hh)
        outputs.append(h)
    return torch.stack(outputs), h


def scaled_orthogonal(n: int, rho: float, generator: torch.Generator | None = None) -> torch.Tensor:
    """A random $n \\times n$ matrix $\\rho Q$ with $Q$ orthogonal.

    Every singular value and every eigenvalue modulus of $\\rho Q$ equals $\\rho$,
    so multiplying a vector by it $t$ times scales the vector's norm by exactly
    $\\rho^t$: the cleanest recurrent matrix on which to watch gradients shrink or grow.

    Args:
        n: the size of the matrix.
        rho: the scale, which is then the spectral radius and the spectral norm.
        generator: the random generator that draws $Q$ (QR of a Gaussian matrix).

    Returns:
        The matrix, shape `(n, n)`, float32.
    """
    gaussian = torch.randn(n, n, generator=generator, dtype=torch.float64)
    q, r = torch.linalg.qr(gaussian)
    q = q * torch.sign(torch.diagonal(r))  # a sign fix makes Q uniformly distributed
    return (rho * q).float()
