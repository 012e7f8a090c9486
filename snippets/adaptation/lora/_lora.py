"""A from-scratch LoRA layer and the rank task its failure check trains on.

LoRA (Hu et al. 2021) freezes a pretrained weight ``W`` (``d_out × d_in``) and learns its
change as a product ``B A`` of a ``d_out × r`` and an ``r × d_in`` matrix, scaled by
``alpha / r``. The layer here follows the paper: ``A`` is drawn from a Gaussian, ``B``
starts at zero, and the base weight (and its bias) never receive a gradient.
"""

from __future__ import annotations

import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    """A frozen ``nn.Linear`` plus a trainable low-rank update ``(alpha / r) · B A``.

    Args:
        base: the pretrained layer; its weight and bias are frozen in place.
        r: the rank of the update (the inner size of ``B A``).
        alpha: the scale numerator; the update is multiplied by ``alpha / r``, so that
            changing ``r`` does not change the size of the first steps much.

    Attributes:
        A: the ``(r, in_features)`` down-projection, Gaussian with standard deviation
            ``1 / sqrt(in_features)`` (the paper says only "random Gaussian").
        B: the ``(out_features, r)`` up-projection, zero at the start.
    """

    def __init__(self, base: nn.Linear, r: int, alpha: float = 1.0) -> None:
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.r, self.scale = r, alpha / r
        d_out, d_in = base.weight.shape
        self.A = nn.Parameter(torch.empty(r, d_in, dtype=base.weight.dtype, device=base.weight.device))
        self.B = nn.Parameter(torch.zeros(d_out, r, dtype=base.weight.dtype, device=base.weight.device))
        if not self.A.is_meta:  # on the meta device there are no values to draw (and drawing is slow)
            nn.init.normal_(self.A, std=1 / math.sqrt(d_in))

    def delta_weight(self) -> torch.Tensor:
        """The update ``(alpha / r) · B A``, shaped like the base weight ``(out, in)``."""
        return self.scale * self.B @ self.A

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``base(x) + (alpha / r) · x Aᵀ Bᵀ``, without ever forming ``B A``."""
        return self.base(x) + self.scale * (x @ self.A.T) @ self.B.T  # (..., out)

    def merged(self) -> nn.Linear:
        """A plain ``nn.Linear`` whose weight is ``W + (alpha / r) · B A`` (same bias).

        Returns:
            A new layer with no extra parameters and no extra work per token.
        """
        out = nn.Linear(self.base.in_features, self.base.out_features,
                        bias=self.base.bias is not None, dtype=self.base.weight.dtype)
        with torch.no_grad():
            out.weight.copy_(self.base.weight + self.delta_weight())
            if self.base.bias is not None:
                out.bias.copy_(self.base.bias)
        return out


def cycle_task(tokens: int, cycle: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """A lookup task whose required update has rank ``cycle - 1``.

    Each of ``tokens`` one-hot tokens is mapped by the "pretrained" weight ``E`` (random
    orthonormal columns) to its own target vector. The new task rotates the meanings of
    the first ``cycle`` tokens by one place (token ``i`` must now give the target of token
    ``i + 1 mod cycle``) and leaves the rest alone. The change the weight needs is
    ``E (P - I)``, with ``P`` the cyclic permutation: its rank is ``cycle - 1``.

    Args:
        tokens: the vocabulary size, also the width of the targets.
        cycle: how many tokens have their meaning rotated.
        generator: the random source of ``E``.

    Returns:
        ``(W0, W_new)``: the pretrained and the wanted weight, both ``(tokens, tokens)``.
    """
    E, _ = torch.linalg.qr(torch.randn(tokens, tokens, generator=generator, dtype=torch.float64))
    perm = torch.arange(tokens)
    perm[:cycle] = (perm[:cycle] + 1) % cycle  # token i now means token perm[i]
    return E, E[:, perm]


def train_update(W0: torch.Tensor, W_new: torch.Tensor, r: int, steps: int, lr: float,
                 seed: int, zero_a: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """Fit ``W0 + (1 / r) · B A`` to ``W_new`` with Adam, for a stack of tasks at once.

    On the one-hot tokens of ``cycle_task``, token ``i``'s output is column ``i`` of
    the layer's weight, so the mean squared error over all tokens is
    ``||W0 + s B A - W_new||_F² / tokens``: the same loss a ``LoRALinear`` with
    ``alpha = 1`` would see, written for a batch of seeds so that they train together.
    Adam is written out (default betas and epsilon, no weight decay: the update of
    ``torch.optim.Adam``), because constructing the first ``torch.optim`` optimiser in a
    process imports the compiler stack, which costs more than the training itself.

    Args:
        W0: the frozen weights, shaped (seeds, d, k).
        W_new: the wanted weights, the same shape.
        r: the rank of the update.
        steps: full-batch Adam steps.
        lr: Adam's learning rate.
        seed: the seed of ``A``'s Gaussian initialisation.
        zero_a: start ``A`` at zero as well as ``B`` (a mistake, for the failure check).

    Returns:
        ``(loss, update)``: the final loss per task (seeds,) and ``s B A`` (seeds, d, k).
    """
    seeds, d, k = W0.shape
    g = torch.Generator().manual_seed(seed)
    A = torch.randn(seeds, r, k, generator=g, dtype=W0.dtype) / math.sqrt(k)  # as in LoRALinear
    A = (A * (not zero_a)).requires_grad_()
    B = torch.zeros(seeds, d, r, dtype=W0.dtype, requires_grad=True)
    params = (A, B)
    m = [torch.zeros_like(p) for p in params]  # Adam's first moments
    v = [torch.zeros_like(p) for p in params]  # and second moments
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        loss = ((W0 + B @ A / r - W_new) ** 2).sum(dim=(1, 2)) / k  # (seeds,)
        grads = torch.autograd.grad(loss.sum(), params)
        with torch.no_grad():
            for p, g, m_p, v_p in zip(params, grads, m, v, strict=True):
                m_p.mul_(beta1).add_(g, alpha=1 - beta1)
                v_p.mul_(beta2).addcmul_(g, g, value=1 - beta2)
                m_hat, v_hat = m_p / (1 - beta1**step), v_p / (1 - beta2**step)
                p -= lr * m_hat / (v_hat.sqrt() + eps)
    with torch.no_grad():
        update = B @ A / r
        return ((W0 + update - W_new) ** 2).sum(dim=(1, 2)) / k, update


def decode_accuracy(W: torch.Tensor, W_new: torch.Tensor, tokens: int) -> torch.Tensor:
    """The share of the first ``tokens`` tokens whose output is nearest its own target.

    Args:
        W: the adapted weights (seeds, d, k); column ``i`` is token ``i``'s output.
        W_new: the wanted weights; column ``j`` is the target of token ``j``.
        tokens: how many of the first tokens to score (the rotated ones).

    Returns:
        The accuracy per seed, shaped (seeds,).
    """
    dist = torch.cdist(W.transpose(1, 2), W_new.transpose(1, 2))  # (seeds, token, candidate target)
    return (dist.argmin(dim=-1) == torch.arange(W.shape[-1])).double()[:, :tokens].mean(dim=1)
