"""A vanilla (Elman) recurrent network written out step by step.

The reference implementation the RNN page checks `torch.nn.RNN` against. It keeps
the loop over time visible, which `nn.RNN` hides inside one fused kernel.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn


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


def gradient_back_in_time(rho: float, hidden: int, steps: int, generator: torch.Generator) -> torch.Tensor:
    """The gradient norm reaching each input of a linear-regime RNN, $t$ steps back.

    Builds an `nn.RNN` with $W_{hh} = \\rho Q$ (`scaled_orthogonal`), $W_{ih} = I$ and
    zero biases, feeds it white noise of size 1e-6 (where tanh' = 1 to within 1e-12) over
    `steps + 1` steps, reads a scalar from the last state with a random readout, and
    backpropagates. Both the ρ^t check and the page's figure call it.

    Args:
        rho: the scale of the recurrent matrix, its spectral radius.
        hidden: the width of the state (and of the input).
        steps: how many steps back the last input lies from the first.
        generator: draws $Q$, the inputs and the readout, in that order.

    Returns:
        The norm of dLoss/dx_t for the input $t$ steps before the end, $t = 0 ..$ `steps`,
        shape `(steps + 1,)`, float64.
    """
    rnn = nn.RNN(hidden, hidden, nonlinearity="tanh")
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.eye(hidden))  # x_t enters the state unchanged
        rnn.weight_hh_l0.copy_(scaled_orthogonal(hidden, rho, generator))  # W_hh = rho * Q
        rnn.bias_ih_l0.zero_()
        rnn.bias_hh_l0.zero_()
    x = (1e-6 * torch.randn(steps + 1, 1, hidden, generator=generator)).requires_grad_()  # (time, batch, hidden)
    outputs, h_last = rnn(x)  # (time, batch, hidden), (layers, batch, hidden)
    readout = torch.randn(hidden, generator=generator)
    (h_last[0, 0] @ readout).backward()  # a scalar loss read from the last state
    return x.grad[:, 0].norm(dim=1).flip(0).double()  # (steps + 1,): t = 0 .. steps back
