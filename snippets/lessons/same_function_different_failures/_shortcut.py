"""A two-feature task with a shortcut, and the tiny network trained on it.

Each example has a label $y \\in \\{0, 1\\}$ and two features, written with the sign
$s = 2y - 1$:

* the **robust** feature $x_r = s + 0.25\\,\\varepsilon_r$, tied to the label by the
  task itself, in every setting;
* the **shortcut** feature $x_s = 3\\,s\\,f + 0.25\\,\\varepsilon_s$, where $f = +1$ with
  probability ``agreement`` and $-1$ otherwise. In training ``agreement = 1``: the
  shortcut is a perfect, larger-margin copy of the label (a watermark on every image
  of one class). At deployment the correlation can weaken (0.5: independent of the
  label) or reverse (0: anti-correlated).

Both networks of the lesson come from ``train`` with the same size, seed and
schedule; they differ only in whether the shortcut column of their training data
was shuffled across examples, which cuts its link to the label.
"""

from __future__ import annotations

import torch
from torch import nn

ROBUST, SHORTCUT = 0, 1  # feature columns


def make_data(n: int, agreement: float, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Draw ``n`` examples of the task.

    Args:
        n: number of examples.
        agreement: probability that the shortcut points the same way as the label.
        generator: the source of randomness (seeded by the caller).

    Returns:
        ``(x, y)``: features ``(n, 2)`` with columns ``ROBUST`` and ``SHORTCUT``, and
        labels ``(n,)`` as floats 0. or 1.
    """
    y = torch.randint(0, 2, (n,), generator=generator).float()  # (n,)
    sign = 2 * y - 1
    follows = torch.where(torch.rand(n, generator=generator) < agreement, 1.0, -1.0)
    robust = sign + 0.25 * torch.randn(n, generator=generator)
    shortcut = 3.0 * sign * follows + 0.25 * torch.randn(n, generator=generator)
    return torch.stack([robust, shortcut], dim=1), y  # (n, 2), (n,)


def shuffle_column(x: torch.Tensor, column: int, generator: torch.Generator) -> torch.Tensor:
    """Permute one feature across examples: its values stay, its link to the label goes.

    Args:
        x: features, ``(n, features)``.
        column: which feature to permute.
        generator: the source of the permutation.

    Returns:
        A copy of ``x`` with that column permuted.
    """
    out = x.clone()
    out[:, column] = x[torch.randperm(len(x), generator=generator), column]
    return out


def train(x: torch.Tensor, y: torch.Tensor, seed: int, steps: int = 150) -> nn.Module:
    """Train a 2→16→1 ReLU network with full-batch Adam on logistic loss.

    Args:
        x: features, ``(n, 2)``.
        y: labels, ``(n,)``, 0. or 1.
        seed: seeds the initial weights, so two calls differ only by their data.
        steps: optimisation steps.

    Returns:
        The trained network; ``net(x) > 0`` predicts label 1.
    """
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1))
    opt = torch.optim.Adam(net.parameters(), lr=0.05)
    for _ in range(steps):
        logits = net(x).squeeze(1)  # (n,)
        loss = nn.functional.binary_cross_entropy_with_logits(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return net


@torch.no_grad()
def predict(net: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """Predicted labels, ``(n,)`` booleans (True for label 1)."""
    return net(x).squeeze(1) > 0


def accuracy(net: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of examples whose predicted label equals ``y``."""
    return (predict(net, x) == y.bool()).float().mean().item()
