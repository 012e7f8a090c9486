"""A DDPM small enough to train on a CPU in about a second, on 2-D points.

The data are points on six Gaussian blobs around a circle (`_blobs`); the denoiser is a
small MLP that reads the noisy point and the time step and predicts the noise that was
added (Ho et al.'s epsilon-parameterisation). The samplers run the learned reverse
process over any decreasing list of time steps, either with the coefficients that
belong to the steps actually taken (respaced) or with the one-step coefficients of the
training schedule whatever the jump (naive).
"""

from __future__ import annotations

import math

import torch
from torch import nn

from snippets.generative.diffusion import _blobs
from snippets.generative.diffusion._schedule import alpha_bar, linear_betas

STEPS_T = 50  # diffusion steps of the toy (the paper uses 1000)
TRAIN_STEPS = 400  # Adam steps
BATCH = 256


def centres() -> torch.Tensor:
    """The blobs' centres (``_blobs.centres``) as a float32 tensor, shaped (BLOBS, 2)."""
    return torch.tensor(_blobs.centres(), dtype=torch.float32)


def data(n: int) -> torch.Tensor:
    """``n`` points drawn from the blobs, shaped (n, 2), from torch's global generator."""
    which = torch.randint(0, _blobs.BLOBS, (n,))
    return centres()[which] + _blobs.BLOB_STD * torch.randn(n, 2)


def near_fraction(x: torch.Tensor, radius: float = _blobs.NEAR) -> float:
    """The share of points within ``radius`` of some blob's centre.

    Args:
        x: points, shaped (n, 2).
        radius: how close counts as "on the data".

    Returns:
        A number between 0 and 1.
    """
    distance = torch.cdist(x, centres()).min(dim=1).values  # (n,)
    return (distance < radius).float().mean().item()


def blob_shares(x: torch.Tensor, radius: float = _blobs.NEAR) -> torch.Tensor:
    """The share of all points that land within ``radius`` of each blob, shaped (BLOBS,)."""
    distance = torch.cdist(x, centres())  # (n, BLOBS)
    hit = distance.min(dim=1).values < radius
    nearest = distance.argmin(dim=1)[hit]
    return torch.bincount(nearest, minlength=_blobs.BLOBS).float() / len(x)


class Denoiser(nn.Module):
    """Predicts the noise in a noisy 2-D point, given the point and its time step.

    The point enters with sines and cosines of its coordinates at a few frequencies
    (Fourier features, which let a small MLP draw the sharp boundaries between blobs in a
    few hundred steps), and the time step as sines and cosines of ``t / T``: the same
    point means something different at each noise level, and this is how the network
    knows which.

    Args:
        hidden: the width of the two hidden layers.
        point_frequencies: sine-cosine pairs per coordinate of the point.
        time_frequencies: sine-cosine pairs for the time step.
    """

    def __init__(
        self, hidden: int = 64, point_frequencies: int = 3, time_frequencies: int = 4
    ) -> None:
        super().__init__()
        self.register_buffer("point_freqs", math.pi / 2 * 2.0 ** torch.arange(point_frequencies))
        self.register_buffer("time_freqs", math.pi * 2.0 ** torch.arange(time_frequencies))
        width = 2 + 4 * point_frequencies + 2 * time_frequencies
        self.net = nn.Sequential(
            nn.Linear(width, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, 2),
        )

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Predict the noise.

        Args:
            x: noisy points, shaped (n, 2).
            t: their time steps, integers in ``1..T``, shaped (n,).

        Returns:
            The predicted noise, shaped (n, 2).
        """
        point = (x[:, :, None] * self.point_freqs).flatten(1)  # (n, 2 * point_frequencies)
        time = (t.float() / STEPS_T)[:, None] * self.time_freqs  # (n, time_frequencies)
        time = torch.cat([time.sin(), time.cos()], dim=1)  # (n, 2 * time_frequencies)
        return self.net(torch.cat([x, point.sin(), point.cos(), time], dim=1))


def schedule(steps: int = STEPS_T) -> torch.Tensor:
    """The toy's training schedule as ``alpha_bar``, float32, shaped (steps,): the paper's
    linear schedule stretched to ``steps`` steps (``_schedule.linear_betas``)."""
    return torch.tensor(alpha_bar(linear_betas(steps)), dtype=torch.float32)


def train(model: Denoiser, steps: int = TRAIN_STEPS, lr: float = 2e-2) -> list[float]:
    """Train ``model`` with Ho et al.'s simple loss, ``|eps - eps_theta(x_t, t)|^2``.

    Each step draws a fresh batch of data, a uniform time step per point and fresh noise,
    and noises the data in one jump with the closed form. The optimiser is Adam (the
    usual betas 0.9 and 0.999), written out in a few lines because ``torch.optim``'s first
    step costs about a second of set-up, more than the whole training; its learning rate
    falls linearly to zero.

    Args:
        model: the denoiser to train, in place.
        steps: Adam steps.
        lr: Adam's initial learning rate.

    Returns:
        The loss at every step.
    """
    a_bar = schedule()
    params = list(model.parameters())
    first = [torch.zeros_like(p) for p in params]  # Adam's running mean of the gradient
    second = [torch.zeros_like(p) for p in params]  # ... and of its square
    losses = []
    for k in range(1, steps + 1):
        x0 = data(BATCH)  # (batch, 2)
        t = torch.randint(1, STEPS_T + 1, (BATCH,))  # (batch,)
        eps = torch.randn(BATCH, 2)
        a = a_bar[t - 1][:, None]  # (batch, 1)
        xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
        loss = (model(xt, t) - eps).pow(2).sum(dim=1).mean()
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            torch._foreach_lerp_(first, grads, 0.1)  # m <- 0.9 m + 0.1 g
            torch._foreach_mul_(second, 0.999)
            torch._foreach_addcmul_(second, grads, grads, value=0.001)  # v <- 0.999 v + 0.001 g^2
            step = lr * (1 - (k - 1) / steps) / (1 - 0.9**k)  # decayed; bias-corrected mean
            root = torch._foreach_sqrt(torch._foreach_div(second, 1 - 0.999**k))
            torch._foreach_add_(root, 1e-8)
            torch._foreach_addcdiv_(params, first, root, value=-step)
        losses.append(loss.item())
    return losses


@torch.no_grad()
def sample(
    model: Denoiser,
    n: int,
    timesteps: list[int],
    naive: bool = False,
    a_bar: torch.Tensor | None = None,
) -> torch.Tensor:
    """Run the reverse process from pure noise over ``timesteps`` (decreasing, ending at 1).

    Respaced (the default): from step ``t`` to the next visited step ``s``, the update is
    the mean of ``q(x_s | x_t, x0_hat)`` with ``alpha_bar_t / alpha_bar_s`` in place of one
    step's ``alpha_t``, plus that posterior's noise; with every step visited it is Ho et
    al.'s Algorithm 2 with the posterior variance. Naive: the one-step update of step
    ``t`` is used whatever the jump, as if the schedule had only the visited steps.

    Args:
        model: the trained denoiser.
        n: how many samples.
        timesteps: the steps to visit, e.g. ``[50, 49, ..., 1]`` or ``[50, 45, ..., 5]``.
        naive: use the one-step coefficients of the training schedule.
        a_bar: the schedule the sampler believes in (default: the training one).

    Returns:
        The samples, shaped (n, 2).
    """
    a_bar = schedule() if a_bar is None else a_bar
    x = torch.randn(n, 2)  # x_T ~ N(0, I)
    for k, t in enumerate(timesteps):
        eps = model(x, torch.full((n,), t))
        a_t = a_bar[t - 1]
        if naive:
            a_prev = a_bar[t - 2] if t > 1 else torch.tensor(1.0)
        else:
            s = timesteps[k + 1] if k + 1 < len(timesteps) else 0
            a_prev = a_bar[s - 1] if s > 0 else torch.tensor(1.0)
        alpha = a_t / a_prev  # one step's (1 - beta), or the jump's
        beta = 1 - alpha
        mean = (x - beta / (1 - a_t).sqrt() * eps) / alpha.sqrt()
        var = beta * (1 - a_prev) / (1 - a_t)  # the posterior's variance
        last = k + 1 == len(timesteps)
        x = mean if last else mean + var.sqrt() * torch.randn(n, 2)
    return x


def every(step: int) -> list[int]:
    """The time steps ``T, T - step, ..., step``: every ``step``-th one, ending near 1."""
    return list(range(STEPS_T, 0, -step))
