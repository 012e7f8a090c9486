"""Batch, layer and group normalisation written out, to check against `torch.nn`.

All three compute ``(x − mean) / sqrt(var + eps)`` and then a learned per-channel
(or per-element) scale and shift. They differ only in *which* values share a mean
and a variance:

* batch norm: one channel, across the whole batch and every position;
* layer norm: one sample, across all its channels and positions;
* group norm: one sample, across one group of channels and every position.

Only batch norm mixes samples, so only batch norm needs running statistics for
evaluation, and only batch norm changes its output when the rest of the batch does.
"""

from __future__ import annotations

import torch
from torch import nn


def standardise(x: torch.Tensor, dims: tuple[int, ...], eps: float) -> torch.Tensor:
    """Subtract the mean and divide by the root of the *biased* variance (plus eps).

    Args:
        x: any tensor.
        dims: the dimensions that share one mean and one variance.
        eps: added to the variance before the square root, as torch does.

    Returns:
        A tensor shaped like ``x``.
    """
    mean = x.mean(dim=dims, keepdim=True)
    var = x.var(dim=dims, unbiased=False, keepdim=True)  # divide by n, not n − 1
    return (x - mean) / torch.sqrt(var + eps)


class ScratchBatchNorm2d:
    """Batch norm over (batch, height, width) for each channel, with running statistics.

    Training mode normalises with the batch's own mean and biased variance, then
    moves the running estimates towards the batch's mean and *unbiased* variance:
    ``running ← (1 − momentum) · running + momentum · batch_statistic``.
    Evaluation mode normalises with the running estimates alone, so each sample is
    transformed on its own.

    Args:
        channels: number of channels C of the (N, C, H, W) input.
        momentum: weight of the newest batch in the running estimates (torch's 0.1).
        eps: added to the variance for stability (torch's 1e-5).

    Attributes:
        weight: per-channel scale γ, shaped (C,), starts at 1.
        bias: per-channel shift β, shaped (C,), starts at 0.
        running_mean: shaped (C,), starts at 0.
        running_var: shaped (C,), starts at 1.
        training: True normalises with batch statistics, False with running ones.
    """

    def __init__(self, channels: int, momentum: float = 0.1, eps: float = 1e-5) -> None:
        self.momentum, self.eps, self.training = momentum, eps, True
        self.weight, self.bias = torch.ones(channels), torch.zeros(channels)
        self.running_mean, self.running_var = torch.zeros(channels), torch.ones(channels)

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Normalise a (N, C, H, W) batch; in training mode, also update the running statistics."""
        dims = (0, 2, 3)
        if self.training:
            n = x.numel() // x.shape[1]  # values per channel
            mean = x.mean(dim=dims)
            var_biased = x.var(dim=dims, unbiased=False)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var_biased * n / (n - 1)
        else:
            mean, var_biased = self.running_mean, self.running_var
        shape = (1, -1, 1, 1)
        x_hat = (x - mean.view(shape)) / torch.sqrt(var_biased.view(shape) + self.eps)
        return self.weight.view(shape) * x_hat + self.bias.view(shape)


def group_norm(x: torch.Tensor, groups: int, weight: torch.Tensor, bias: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    """Group norm: each sample's channels split into ``groups`` sets, each standardised alone.

    ``groups=1`` is layer norm over (C, H, W) with a per-channel affine; ``groups=C``
    is instance norm.

    Args:
        x: input, shaped (N, C, H, W); C must be divisible by ``groups``.
        groups: number of channel groups G.
        weight: per-channel scale, shaped (C,).
        bias: per-channel shift, shaped (C,).
        eps: added to each group's variance.

    Returns:
        A tensor shaped like ``x``.
    """
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, c // groups * h * w)  # (N, G, values per group)
    x_hat = standardise(grouped, dims=(2,), eps=eps).reshape(n, c, h, w)
    return weight.view(1, c, 1, 1) * x_hat + bias.view(1, c, 1, 1)


def layer_norm(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    """Layer norm over everything but the batch: one mean and variance per sample.

    Args:
        x: input, shaped (N, C, H, W).
        weight: elementwise scale, shaped (C, H, W) as in `nn.LayerNorm([C, H, W])`.
        bias: elementwise shift, shaped (C, H, W).
        eps: added to each sample's variance.

    Returns:
        A tensor shaped like ``x``.
    """
    return weight * standardise(x, dims=(1, 2, 3), eps=eps) + bias


def spread_of_sample(batch: int, sample: torch.Tensor, draws: int = 200, image_sd: float = 0.0) -> float:
    """How much one sample's training-mode batch-norm output wanders with its batch-mates.

    The sample is put in a batch of `batch` with fresh batch-mates, `draws` times over,
    and normalised by a freshly built `nn.BatchNorm2d` in training mode. Each batch-mate
    is standard-normal noise per pixel plus, per image and channel, an offset drawn with
    standard deviation `image_sd`: with `image_sd = 0` the pixels are independent, and
    a batch of `b` images of `h·w` pixels gives each channel `b·h·w` independent values;
    with `image_sd > 0` the pixels of one image share a level, as real feature maps do,
    and the images, not the pixels, are what the statistics average over. To run the
    draws in one call, each goes into its own block of channels: batch norm treats
    channels independently, so one `BatchNorm2d(draws·C)` is `draws` separate
    `BatchNorm2d(C)` layers. The batch-mates come from torch's global generator.

    Args:
        batch: the batch size, the sample included; at least 2.
        sample: the sample followed, shaped (1, C, H, W).
        draws: how many times the batch-mates are redrawn.
        image_sd: standard deviation of each batch-mate's per-image, per-channel offset.

    Returns:
        The standard deviation of the sample's output over the draws, averaged over its
        channels and positions: 0 if the batch-mates made no difference.
    """
    _, c, h, w = sample.shape
    bn = nn.BatchNorm2d(draws * c)  # one independent C-channel batch norm per draw
    mates = torch.randn(batch - 1, draws * c, h, w)  # (batch − 1, draws·channels, h, w)
    mates = mates + image_sd * torch.randn(batch - 1, draws * c, 1, 1)  # per-image levels
    x = torch.cat([sample.repeat(1, draws, 1, 1), mates])  # sample 0 is the same in every draw
    with torch.no_grad():
        y0 = bn(x)[0].view(draws, c, h, w)  # sample 0's output in each draw
    return y0.std(dim=0).mean().item()


def group_norm_spread(sample: torch.Tensor, batch: int, draws: int = 20, image_sd: float = 0.0, groups: int = 2) -> float:
    """How much one sample's group-norm output wanders with its batch-mates: not at all.

    The counterpart of `spread_of_sample` for `nn.GroupNorm`: the sample is put in a batch
    of `batch` with fresh batch-mates (drawn as `spread_of_sample` draws them, from torch's
    global generator), `draws` times over, and normalised by one `nn.GroupNorm(groups, C)`.
    Group norm's statistics come from the sample's own channel groups, so its output should
    not move beyond float32 rounding.

    Args:
        sample: the sample followed, shaped (1, C, H, W).
        batch: the batch size, the sample included; at least 2.
        draws: how many times the batch-mates are redrawn.
        image_sd: standard deviation of each batch-mate's per-image, per-channel offset.
        groups: the number of channel groups; it must divide C.

    Returns:
        The largest standard deviation of the sample's output over the draws, at any
        channel and position: 0 if the batch-mates made no difference.
    """
    _, c, h, w = sample.shape
    gn = nn.GroupNorm(groups, c)  # statistics from the sample's own channel groups
    with torch.no_grad():
        mates = [torch.randn(batch - 1, c, h, w) + image_sd * torch.randn(batch - 1, c, 1, 1) for _ in range(draws)]
        outs = torch.stack([gn(torch.cat([sample, m]))[0] for m in mates])  # (draws, c, h, w)
    return outs.std(dim=0).max().item()
