"""Figures of the LSTM page, drawn at build time with the code its checks use."""

import math

import torch
from torch import nn

from snippets.sequence.lstm._lstm import state_jacobians
from whyitworks.svg import measured_chart


def _gradient_kept(model: nn.Module, x: torch.Tensor, s0: torch.Tensor, cell_state: bool) -> list[float]:
    """‖∂s_T / ∂s_t‖_F / √hidden for t = T .. 0, from the Jacobians the cell-state check reads."""
    jacobians = state_jacobians(model, x, s0, cell_state)  # (T + 1, hidden, hidden), t = 0 .. T
    # the norm in float64: squaring float32 entries of 1e-27 would underflow to 0
    return [(j.double().norm() / math.sqrt(s0.numel())).item() for j in jacobians.flip(0)]


def cell_state_gradient() -> str:
    """How much of the last state's gradient reaches k steps back, over 100 steps, in an
    LSTM's cell state and a vanilla RNN's state, measured by `_lstm.state_jacobians` as the
    checks measure it (they read k = 100): the gate held open and the RNN on the cell-state
    check's set-up, the default biases on the default-forget-bias check's, both at seed 0."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # 100 tiny sequential steps: a second thread only adds hand-off cost
    try:
        torch.manual_seed(0)  # the cell-state check's draws, in the check's order
        steps, i, h = 100, 8, 32
        x = torch.randn(steps, 1, i)  # (time, batch, features)
        c0 = torch.randn(h)
        lstm = nn.LSTM(i, h)
        with torch.no_grad():
            lstm.bias_hh_l0[: 2 * h] = 0.0
            lstm.bias_ih_l0[:h] = -10.0  # input gate: shut
            lstm.bias_ih_l0[h : 2 * h] = 10.0  # forget gate: open
        rnn = nn.RNN(i, h)  # torch's default initialisation
        gate_open = _gradient_kept(lstm, x, c0, cell_state=True)
        vanilla = _gradient_kept(rnn, x, c0, cell_state=False)
        torch.manual_seed(0)  # the default-bias check's draws, in its order
        x_default = torch.randn(steps, 1, i)  # (time, batch, features)
        default = nn.LSTM(i, h)  # torch's default biases: forget gate near sigmoid(0) = 0.5
        c0_default = torch.randn(h)
        kept = {
            "LSTM, gate open": gate_open,
            "LSTM, default": _gradient_kept(default, x_default, c0_default, cell_state=True),
            "RNN": vanilla,
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
