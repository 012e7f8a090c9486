"""Figures of the RNN page, drawn at build time with the code its checks use."""

import torch
from torch import nn

from snippets.sequence.rnn._rnn import scaled_orthogonal
from whyitworks.svg import measured_chart


def gradient_vs_steps() -> str:
    """The gradient reaching an input t steps back, relative to the last step's, for
    W_hh = ρQ with ρ below, at and above 1: the set-up of the ρ^t check, at seed 0."""
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    h, steps = 16, 50
    shown = list(range(0, steps + 1, 5))
    measured, predicted = {}, {}
    for rho in (0.9, 1.0, 1.1):
        rnn = nn.RNN(h, h, nonlinearity="tanh")
        with torch.no_grad():
            rnn.weight_ih_l0.copy_(torch.eye(h))  # x_t enters the state unchanged
            rnn.weight_hh_l0.copy_(scaled_orthogonal(h, rho, generator))  # W_hh = rho * Q
            rnn.bias_ih_l0.zero_()
            rnn.bias_hh_l0.zero_()
        x = (1e-6 * torch.randn(steps + 1, 1, h, generator=generator)).requires_grad_()  # (time, batch, h)
        _, h_last = rnn(x)  # (layers, batch, h)
        readout = torch.randn(h, generator=generator)
        (h_last[0, 0] @ readout).backward()
        norms = x.grad[:, 0].norm(dim=1).flip(0).double()  # t = 0 .. steps back
        measured[f"ρ = {rho}"] = [(norms[t] / norms[0]).item() for t in shown]
        predicted[f"ρ = {rho}"] = [rho**t for t in shown]
    return measured_chart(
        shown,
        measured,
        title="Backpropagated through time, the gradient scales as ρᵗ",
        desc="Norm of the gradient reaching an input t steps before the last, divided by the "
             "last step's, for t from 0 to 50 on a log scale, with the recurrent matrix ρ times an "
             "orthogonal matrix: the measurements lie on ρ to the power t, shrinking to "
             f"{measured['ρ = 0.9'][-1]:.4f} for ρ = 0.9, staying at 1 for ρ = 1 and growing to "
             f"{measured['ρ = 1.1'][-1]:.0f} for ρ = 1.1.",
        x_label="steps back from the loss, t",
        y_label="gradient norm / last step's",
        predicted=predicted,
        prediction_label="ρᵗ, predicted",
        log_y=True,
    )
