"""A gated recurrent unit written out step by step, in torch's form and in the paper's.

The reference implementation the GRU page checks `torch.nn.GRU` against. Two switches
expose the two ways a GRU's weights can be misread when moving between frameworks:
where the reset gate is applied (`reset_after`) and which chunk of the stacked weights
feeds which gate (`order`).
"""

from __future__ import annotations

import torch

TORCH_ORDER = "rzn"
"""torch's chunk order: reset gate, update gate, new (candidate) state."""

KERAS_ORDER = "zrn"
"""Keras's chunk order (keras/src/layers/rnn/gru.py): update, reset, candidate."""


def gru_cell(
    x: torch.Tensor,
    h: torch.Tensor,
    w_ih: torch.Tensor,
    w_hh: torch.Tensor,
    b_ih: torch.Tensor,
    b_hh: torch.Tensor,
    reset_after: bool = True,
    order: str = TORCH_ORDER,
) -> torch.Tensor:
    """One GRU step.

    $$
    \\begin{aligned}
    r &= \\sigma(W_{ir} x + b_{ir} + W_{hr} h + b_{hr}), \\qquad
    z = \\sigma(W_{iz} x + b_{iz} + W_{hz} h + b_{hz})\\\\
    n &= \\tanh\\big(W_{in} x + b_{in} + r \\odot (W_{hn} h + b_{hn})\\big)
        \\quad\\text{(torch, reset after the product)}\\\\
    n &= \\tanh\\big(W_{in} x + b_{in} + W_{hn} (r \\odot h) + b_{hn}\\big)
        \\quad\\text{(Cho et al. 2014, reset before)}\\\\
    h' &= (1 - z) \\odot n + z \\odot h
    \\end{aligned}
    $$

    Args:
        x: the input at this step, shape `(batch, input_size)`.
        h: the previous state, shape `(batch, hidden_size)`.
        w_ih: input weights of the three chunks stacked, shape `(3 * hidden_size, input_size)`.
        w_hh: recurrent weights of the three chunks stacked, shape `(3 * hidden_size, hidden_size)`.
        b_ih: input bias, shape `(3 * hidden_size,)`.
        b_hh: recurrent bias, shape `(3 * hidden_size,)`.
        reset_after: `True` applies the reset gate to $W_{hn} h + b_{hn}$, as
            `nn.GRU` does; `False` applies it to $h$ before the product, as the
            published paper does.
        order: which chunk feeds which gate, three letters from `r`, `z`, `n`;
            torch's is `"rzn"`.

    Returns:
        The next state $h'$, shape `(batch, hidden_size)`.
    """
    w_i, w_h = dict(zip(order, w_ih.chunk(3))), dict(zip(order, w_hh.chunk(3)))
    b_i, b_h = dict(zip(order, b_ih.chunk(3))), dict(zip(order, b_hh.chunk(3)))
    r = torch.sigmoid(x @ w_i["r"].T + b_i["r"] + h @ w_h["r"].T + b_h["r"])
    z = torch.sigmoid(x @ w_i["z"].T + b_i["z"] + h @ w_h["z"].T + b_h["z"])
    if reset_after:
        n = torch.tanh(x @ w_i["n"].T + b_i["n"] + r * (h @ w_h["n"].T + b_h["n"]))
    else:
        n = torch.tanh(x @ w_i["n"].T + b_i["n"] + (r * h) @ w_h["n"].T + b_h["n"])
    return (1 - z) * n + z * h  # z near 1 keeps the old state, z near 0 takes the new


def gru_forward(
    x: torch.Tensor,
    h0: torch.Tensor,
    w_ih: torch.Tensor,
    w_hh: torch.Tensor,
    b_ih: torch.Tensor,
    b_hh: torch.Tensor,
    reset_after: bool = True,
    order: str = TORCH_ORDER,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Run `gru_cell` over a sequence, one time step after another.

    Args:
        x: the inputs, shape `(seq_len, batch, input_size)` (time first).
        h0: the initial state, shape `(batch, hidden_size)`.
        w_ih: see `gru_cell`.
        w_hh: see `gru_cell`.
        b_ih: see `gru_cell`.
        b_hh: see `gru_cell`.
        reset_after: see `gru_cell`.
        order: see `gru_cell`.

    Returns:
        `(outputs, h_n)`: every state, shape `(seq_len, batch, hidden_size)`, and the
        last one, shape `(batch, hidden_size)`.
    """
    h = h0
    outputs = []
    for x_t in x:
        h = gru_cell(x_t, h, w_ih, w_hh, b_ih, b_hh, reset_after, order)
        outputs.append(h)
    return torch.stack(outputs), h
