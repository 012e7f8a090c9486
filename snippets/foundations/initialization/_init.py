"""Deep plain networks for the initialisation checks: a variance trace and a tiny trainer.

The checks on the initialisation page ask one question again and again — how does the size
of the signal change from layer to layer? — so the measurement lives here once, and so does
the small deep ReLU network that the trained failure check fits, several seeds at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch.nn import functional as F


def layer_variances(x: torch.Tensor, weights: list[torch.Tensor],
                    activation: Callable[[torch.Tensor], torch.Tensor],
                    biases: list[torch.Tensor] | None = None) -> list[float]:
    """The mean square of the pre-activations after every layer of a plain MLP.

    Layer ``l`` computes ``z_l = h_{l-1} W_lᵀ (+ b_l)`` and ``h_l = activation(z_l)``; the
    mean square of ``z_l`` over the batch and the units is its variance when the weights
    are drawn symmetric around zero, which is what every initialisation here does.

    Args:
        x: the input batch, shaped (batch, width).
        weights: one (out, in) matrix per layer.
        activation: applied after every layer.
        biases: optional, one (out,) vector per layer.

    Returns:
        One float per layer: the mean of ``z_l ** 2``.
    """
    h, out = x, []
    for i, W in enumerate(weights):
        z = h @ W.T  # (batch, out)
        if biases is not None:
            z = z + biases[i]
        out.append(z.pow(2).mean().item())
        h = activation(z)
    return out


def per_layer_factor(variances: list[float]) -> float:
    """The geometric mean of the layer-to-layer ratios: ``(v_L / v_1) ** (1 / (L - 1))``."""
    return (variances[-1] / variances[0]) ** (1 / (len(variances) - 1))


def rings(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Two noisy concentric rings in the plane, radius 1 (class 0) and 2 (class 1).

    Args:
        n: the number of points.
        generator: the random source.

    Returns:
        ``(x, y)``: points shaped (n, 2) and labels shaped (n,).
    """
    y = torch.arange(n) % 2  # balanced: the constant answer scores exactly 0.5
    radius = 1.0 + y.double()
    angle = torch.rand(n, generator=generator, dtype=torch.float64) * 2 * math.pi
    x = torch.stack([radius * angle.cos(), radius * angle.sin()], dim=1)
    return (x + 0.15 * torch.randn(n, 2, generator=generator, dtype=torch.float64)).float(), y


def train_deep_relu(std: Callable[[int, int], float], x: torch.Tensor, y: torch.Tensor, depth: int,
                    width: int, nets: int, steps: int, lr: float, generator: torch.Generator) -> torch.Tensor:
    """Train ``nets`` deep ReLU MLPs at once on ``(x, y)`` and return their accuracies.

    Every hidden layer is ``width`` wide; weights are Gaussian with standard deviation
    ``std(fan_in, fan_out)``, biases start at zero. Training is full-batch Adam on the
    cross-entropy, written out (the update of ``torch.optim.Adam`` with its defaults),
    because building the first ``torch.optim`` optimiser in a process imports the compiler
    stack, which would cost more than the training.

    Args:
        std: the initialisation rule, from (fan_in, fan_out) to a standard deviation.
        x: inputs (n, 2).
        y: labels (n,).
        depth: the number of hidden layers.
        width: their width.
        nets: how many independently initialised networks to train side by side.
        steps: Adam steps.
        lr: Adam's learning rate.
        generator: the random source of the weights.

    Returns:
        The training accuracy of each network after training, shaped (nets,).
    """
    def draw(*shape: int) -> torch.Tensor:
        fan_out, fan_in = shape[-2:]
        return (torch.randn(*shape, generator=generator) * std(fan_in, fan_out)).requires_grad_()

    # The hidden-to-hidden weights of all layers in one tensor, so that Adam is a few ops.
    w_in, w_hidden, w_out = draw(nets, width, x.shape[1]), draw(depth - 1, nets, width, width), draw(nets, 2, width)
    b_hidden = torch.zeros(depth, nets, width, 1, requires_grad=True)
    b_out = torch.zeros(nets, 2, 1, requires_grad=True)
    params = (w_in, w_hidden, w_out, b_hidden, b_out)
    m = [torch.zeros_like(p) for p in params]
    v = [torch.zeros_like(p) for p in params]
    target = y.repeat(nets)  # (nets · n,)

    def logits() -> torch.Tensor:
        h = torch.relu(w_in @ x.T + b_hidden[0])  # (nets, width, n)
        for i in range(depth - 1):
            h = torch.relu(w_hidden[i] @ h + b_hidden[i + 1])  # (nets, width, n)
        return (w_out @ h + b_out).transpose(1, 2)  # (nets, n, 2)

    for step in range(1, steps + 1):
        loss = F.cross_entropy(logits().reshape(-1, 2), target)
        grads = torch.autograd.grad(loss * nets, params)  # each net gets its own mean loss's gradient
        with torch.no_grad():
            for p, g, m_p, v_p in zip(params, grads, m, v, strict=True):
                m_p.mul_(0.9).add_(g, alpha=0.1)
                v_p.mul_(0.999).addcmul_(g, g, value=0.001)
                p -= lr * (m_p / (1 - 0.9**step)) / ((v_p / (1 - 0.999**step)).sqrt() + 1e-8)
    with torch.no_grad():
        return (logits().argmax(dim=-1) == y).float().mean(dim=1)
