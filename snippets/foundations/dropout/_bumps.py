"""A structured classification task and a tiny Adam trainer, shared by the dropout checks.

Each example is a one-dimensional signal of 16 samples holding one smooth bump; the
class is which quarter of the signal the bump sits in. The bump's centre jitters and
every sample carries noise, so the task needs the network to read a local shape, not
a single pixel.
"""

from collections.abc import Callable

import torch
from torch import nn

LENGTH = 16  # samples per signal
CLASSES = 4  # one class per quarter of the signal


def bumps(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Draw ``n`` noisy signals, each with one Gaussian bump in one of four quarters.

    Args:
        n: how many examples to draw.
        generator: the random generator to draw them from (seed it for repeatability).

    Returns:
        The signals, shape ``(n, 16)``, and their classes, shape ``(n,)``, in ``0..3``.
    """
    label = torch.randint(0, CLASSES, (n,), generator=generator)  # (n,)
    t = torch.arange(float(LENGTH)).expand(n, LENGTH)  # (n, 16)
    quarter = LENGTH // CLASSES
    centre = (label * quarter + quarter / 2).float()[:, None]  # (n, 1)
    centre = centre + 0.7 * torch.randn(n, 1, generator=generator)  # jitter within the quarter
    signal = torch.exp(-((t - centre) ** 2) / 4) + 0.3 * torch.randn(n, LENGTH, generator=generator)
    return signal, label


def adam(params: list[torch.Tensor], loss_fn: Callable[[], torch.Tensor], steps: int, lr: float) -> None:
    """Minimise ``loss_fn`` with Adam (betas 0.9 and 0.999, eps 1e-8), updating ``params`` in place.

    The update is Kingma & Ba's, as torch.optim.Adam implements it (the optimiser page
    checks a numpy copy of it against torch.optim step by step); it is written out here
    because torch.optim's first step imports the compiler stack, which costs about as
    much as importing torch.

    Args:
        params: the tensors to train, each with ``requires_grad=True``.
        loss_fn: computes the loss from the current parameters (a fresh minibatch each call, if it likes).
        steps: how many Adam steps to take.
        lr: the learning rate.
    """
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    m = [torch.zeros_like(p) for p in params]
    v = [torch.zeros_like(p) for p in params]
    for t in range(1, steps + 1):
        grads = torch.autograd.grad(loss_fn(), params)
        with torch.no_grad():
            for p, g, m_i, v_i in zip(params, grads, m, v):
                m_i.mul_(beta1).add_(g, alpha=1 - beta1)
                v_i.mul_(beta2).addcmul_(g, g, value=1 - beta2)
                denom = (v_i / (1 - beta2**t)).sqrt_().add_(eps)
                p.addcdiv_(m_i / (1 - beta1**t), denom, value=-lr)


def train(model: nn.Module, x: torch.Tensor, y: torch.Tensor, steps: int, lr: float = 0.01) -> nn.Module:
    """Train ``model`` with Adam on minibatches of 64 under cross-entropy, in training mode.

    Args:
        model: the classifier; it is left in training mode.
        x: the inputs, shape ``(n, 16)``.
        y: the classes, shape ``(n,)``.
        steps: how many Adam steps to take.
        lr: Adam's learning rate.

    Returns:
        The same model, trained.
    """
    model.train()

    def loss() -> torch.Tensor:
        idx = torch.randint(0, len(x), (64,))  # (64,), drawn from torch's global generator
        return nn.functional.cross_entropy(model(x[idx]), y[idx])

    adam(list(model.parameters()), loss, steps, lr)
    return model
