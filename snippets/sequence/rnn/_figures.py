"""Figures of the RNN page, drawn at build time with the code its checks use."""

import torch

from snippets.sequence.rnn._rnn import gradient_back_in_time
from whyitworks.svg import measured_chart


def gradient_vs_steps() -> str:
    """The gradient reaching an input t steps back, relative to the last step's, for
    W_hh = ρQ with ρ below, at and above 1: measured by `_rnn.gradient_back_in_time`, as the ρ^t check measures it, at seed 0."""
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    h, steps = 16, 50
    shown = list(range(0, steps + 1, 5))
    measured, predicted = {}, {}
    for rho in (0.9, 1.0, 1.1):
        norms = gradient_back_in_time(rho, h, steps, generator)  # the check's measurement
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
