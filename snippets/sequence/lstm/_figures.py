"""Figures of the LSTM page, drawn at build time with the code its checks use."""

import math

import torch
from torch import nn

from snippets.sequence.lstm._lstm import lstm_cell
from whyitworks.svg import measured_chart


def _weights(model: nn.Module) -> list[torch.Tensor]:
    names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
    return [getattr(model, name).detach().double() for name in names]


def _gradient_kept(model: nn.Module, x: torch.Tensor, s0: torch.Tensor, cell_state: bool) -> list[float]:
    """‖∂s_T / ∂s_t‖_F / √hidden for t = T .. 0, s the cell state (LSTM) or the state (RNN).

    One backward pass gives every row of every Jacobian: copy b of a batch of `hidden`
    identical sequences reads out unit b of the last state, so the gradient of the sum
    with respect to copy b's state at step t is row b of ∂s_T / ∂s_t.
    """
    hidden = s0.numel()
    w = _weights(model)
    s = s0.double().expand(hidden, hidden).clone().requires_grad_()  # (copies, hidden)
    h, states = torch.zeros(hidden, hidden, dtype=torch.float64), [s]
    for x_t in x.double():  # x_t: (1, features), shared by every copy
        if cell_state:
            h, s = lstm_cell(x_t, h, s, *w)  # the reference cell of the LSTM checks
        else:
            s = torch.tanh(x_t @ w[0].T + w[2] + s @ w[1].T + w[3])  # nn.RNN's step
        s.retain_grad()
        states.append(s)
    states[-1].diagonal().sum().backward()  # copy b reads out unit b
    return [(s.grad.norm() / math.sqrt(hidden)).item() for s in reversed(states)]


def cell_state_gradient() -> str:
    """How much of the last state's gradient reaches k steps back, over 100 steps, in an
    LSTM's cell state and a vanilla RNN's state: the set-up of the cell-state check."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # 100 tiny sequential steps: a second thread only adds hand-off cost
    try:
        torch.manual_seed(0)  # the check's draws, in the check's order
        steps, i, h = 100, 8, 32
        x = torch.randn(steps, 1, i)  # (time, batch, features)
        c0 = torch.randn(h)
        lstm = nn.LSTM(i, h)
        with torch.no_grad():
            lstm.bias_hh_l0[: 2 * h] = 0.0
            lstm.bias_ih_l0[:h] = -10.0  # input gate: shut
            lstm.bias_ih_l0[h : 2 * h] = 10.0  # forget gate: open
        rnn = nn.RNN(i, h)  # torch's default initialisation
        default = nn.LSTM(i, h)  # torch's default biases: forget gate near sigmoid(0) = 0.5
        kept = {
            "LSTM, gate open": _gradient_kept(lstm, x, c0, cell_state=True),
            "LSTM, default": _gradient_kept(default, x, c0, cell_state=True),
            "RNN": _gradient_kept(rnn, x, c0, cell_state=False),
        }
    finally:
        torch.set_num_threads(threads)
    shown = list(range(0, steps + 1, 5))
    measured = {name: [values[k] for k in shown] for name, values in kept.items()}
    sigmoid_10 = 1 / (1 + math.exp(-10))
    return measured_chart(
        shown,
        measured,
        title="Through the cell state, the gradient survives 100 steps",
        desc="Size of the Jacobian J of the last state with respect to the state k steps earlier "
             "(its Frobenius norm over the square root of the width, 32; 1 means all kept), for k from 0 "
             "to 100 on a log scale: through an LSTM's cell state with the forget gate held open it "
             f"stays near 1 ({measured['LSTM, gate open'][-1]:.4f} after 100 steps, on the product of "
             "forget gates sigmoid(10) to the power k), while at default biases it falls to "
             f"{measured['LSTM, default'][-1]:.0e} and in a vanilla RNN to {measured['RNN'][-1]:.0e}.",
        x_label="steps back from the last state, k",
        y_label="gradient kept, ‖J‖ / √32",
        predicted={"LSTM, gate open": [sigmoid_10**k for k in shown]},
        prediction_label="σ(10)ᵏ, predicted",
        log_y=True,
        height=400,
    )
