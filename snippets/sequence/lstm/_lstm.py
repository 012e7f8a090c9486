"""A long short-term memory layer written out step by step.

The reference implementation the LSTM page checks `torch.nn.LSTM` against. The four
gates are computed by one matrix product each for the input and the state, then cut
into four chunks; `order` names which chunk is which gate, so a check can try every
ordering and see that only torch's own, input-forget-cell-output, reproduces it.
"""

from __future__ import annotations

import torch
from torch import nn

TORCH_ORDER = "ifgo"
"""torch's chunk order: input gate, forget gate, cell candidate (g), output gate."""


def lstm_cell(
    x: torch.Tensor,
    h: torch.Tensor,
    c: torch.Tensor,
    w_ih: torch.Tensor,
    w_hh: torch.Tensor,
    b_ih: torch.Tensor,
    b_hh: torch.Tensor,
    order: str = TORCH_ORDER,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One LSTM step.

    $$
    \\begin{aligned}
    i &= \\sigma(\\cdot),\\; f = \\sigma(\\cdot),\\; g = \\tanh(\\cdot),\\; o = \\sigma(\\cdot)
        \\quad\\text{(chunks of } W_{ih} x + b_{ih} + W_{hh} h + b_{hh}\\text{)}\\\\
    c' &= f \\odot c + i \\odot g, \\qquad h' = o \\odot \\tanh(c')
    \\end{aligned}
    $$

    Args:
        x: the input at this step, shape `(batch, input_size)`.
        h: the previous hidden state, shape `(batch, hidden_size)`.
        c: the previous cell state, shape `(batch, hidden_size)`.
        w_ih: input weights of all four gates stacked, shape `(4 * hidden_size, input_size)`.
        w_hh: recurrent weights of all four gates stacked, shape `(4 * hidden_size, hidden_size)`.
        b_ih: input bias, shape `(4 * hidden_size,)`.
        b_hh: recurrent bias, shape `(4 * hidden_size,)`.
        order: which gate each of the four chunks feeds, as four letters from
            `i`, `f`, `g`, `o`; torch's is `"ifgo"`.

    Returns:
        `(h', c')`, each of shape `(batch, hidden_size)`.
    """
    chunks = (x @ w_ih.T + b_ih + h @ w_hh.T + b_hh).chunk(4, dim=-1)
    pre = dict(zip(order, chunks))
    i, f, o = torch.sigmoid(pre["i"]), torch.sigmoid(pre["f"]), torch.sigmoid(pre["o"])
    g = torch.tanh(pre["g"])
    c_next = f * c + i * g  # the cell state: a gated sum, no matrix product on this path
    h_next = o * torch.tanh(c_next)
    return h_next, c_next


def lstm_forward(
    x: torch.Tensor,
    h0: torch.Tensor,
    c0: torch.Tensor,
    w_ih: torch.Tensor,
    w_hh: torch.Tensor,
    b_ih: torch.Tensor,
    b_hh: torch.Tensor,
    order: str = TORCH_ORDER,
) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
    """Run `lstm_cell` over a sequence, one time step after another.

    Args:
        x: the inputs, shape `(seq_len, batch, input_size)` (time first, as `nn.LSTM`
            expects by default).
        h0: the initial hidden state, shape `(batch, hidden_size)`.
        c0: the initial cell state, shape `(batch, hidden_size)`.
        w_ih: see `lstm_cell`.
        w_hh: see `lstm_cell`.
        b_ih: see `lstm_cell`.
        b_hh: see `lstm_cell`.
        order: see `lstm_cell`.

    Returns:
        `(outputs, (h_n, c_n))` as `nn.LSTM` returns them, less the layer axis:
        every hidden state, shape `(seq_len, batch, hidden_size)`, and the last
        hidden and cell states, shape `(batch, hidden_size)` each.
    """
    h, c = h0, c0
    outputs = []
    for x_t in x:  # step t needs step t-1's (h, c): the loop cannot be parallelised
        h, c = lstm_cell(x_t, h, c, w_ih, w_hh, b_ih, b_hh, order)
        outputs.append(h)
    return torch.stack(outputs), (h, c)


def state_jacobians(model: nn.LSTM | nn.RNN, x: torch.Tensor, s0: torch.Tensor, cell_state: bool) -> torch.Tensor:
    """The Jacobian of the last state with respect to every earlier state, in one backward pass.

    Runs `model` one step at a time over `x`, from the state `s0` (the cell state of an
    `nn.LSTM`, whose hidden state starts at zero, or the state of an `nn.RNN`), on a batch
    of `hidden` identical copies of the sequence. Copy $b$ reads out unit $b$ of the last
    state, so the gradient of the sum with respect to copy $b$'s state at step $t$ is
    row $b$ of $\\partial s_T / \\partial s_t$. The cell-state check reads the matrix at
    $t = 0$; the page's figure reads the size of every one.

    Args:
        model: a one-layer `nn.LSTM` (`cell_state=True`) or `nn.RNN`, time first.
        x: the inputs, shape `(steps, 1, input_size)`.
        s0: the state at step 0, shape `(hidden_size,)`.
        cell_state: whether `model` is an LSTM, whose cell state is the state followed.

    Returns:
        $\\partial s_T / \\partial s_t$ for $t = 0 .. T$ (`T = steps`), shape
        `(steps + 1, hidden_size, hidden_size)`, in the model's dtype.
    """
    hidden = s0.numel()
    s = s0.reshape(1, 1, hidden).expand(1, hidden, hidden).clone().requires_grad_()  # (layers, copies, hidden)
    h = torch.zeros(1, hidden, hidden, dtype=s0.dtype)  # (layers, copies, hidden): the LSTM's h_0
    states = [s]
    for x_t in x:  # x_t: (1, features), shared by every copy
        x_in = x_t.expand(hidden, x.shape[-1]).unsqueeze(0)  # (time = 1, copies, features)
        if cell_state:
            _, (h, s) = model(x_in, (h, s))
        else:
            _, s = model(x_in, s)
        states.append(s)
    readout = states[-1][0].diagonal().sum()  # copy b reads out unit b
    grads = torch.autograd.grad(readout, states)  # each (layers, copies, hidden)
    return torch.stack([g[0] for g in grads])  # (steps + 1, hidden, hidden)
