r"""The worked example of the interpretability page: a task, a tiny CNN, its training.

The task is a needle in noise. Each image is $16 \times 16$ pixels of Gaussian noise
(standard deviation ``NOISE``). Half of the images also hold a small pattern, the
``PATTERN`` of $3 \times 3$ pixels, added at a random place; the label says whether it is
there. Nothing else in the image carries information about the label, so a model that
works must be looking at the pattern, and an explanation that points anywhere else is
wrong. That is what makes the task useful: the right answer to "where does the model
look?" is known for every image.

The model is a two-layer CNN that ends in a global max: one logit, positive for
"the pattern is present". Training takes about a second on one CPU core, and
`trained_model` keeps one trained model per seed, so the snippets of the page
that run in one interpreter share it instead of training it again.
"""

from __future__ import annotations

import functools

import torch
from torch import nn

SIDE = 16  # image height and width, pixels
PATCH = 3  # the pattern is PATCH × PATCH pixels
NOISE = 0.4  # standard deviation of the background noise
# The discriminative pattern: a plus of +1 on corners of −1. Five +1 and four −1 nearly
# cancel (the nine pixels add one unit of brightness, against the image total's noise
# standard deviation of 0.4 × 16 = 6.4), so brightness alone gives almost nothing away;
# its shape tells it from noise.
PATTERN = torch.tensor([[-1.0, 1.0, -1.0], [1.0, 1.0, 1.0], [-1.0, 1.0, -1.0]])
TRAIN_SIZE, STEPS, LR = 128, 40, 0.03  # full-batch Adam: about a second on one core, accuracy near 0.99
WIDTH = 8  # channels of each convolution; with 4, an unlucky seed can lose all its detectors


def make_images(
    n: int, generator: torch.Generator, present: bool | None = None
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Draw ``n`` images of the task.

    Args:
        n: number of images.
        generator: the source of randomness (seeded by the caller).
        present: ``True`` puts the pattern in every image, ``False`` in none, ``None``
            (the default) in a random half.

    Returns:
        ``(x, y, corner)``: the images, ``(n, 1, SIDE, SIDE)``; the labels, ``(n,)``, as
        floats, 1. where the pattern is present, else 0.; and the ``(row, column)`` of
        each pattern's top-left pixel, ``(n, 2)``, drawn for every image, meaningful
        only where ``y`` is 1.
    """
    x = NOISE * torch.randn(n, 1, SIDE, SIDE, generator=generator)  # (batch, channels, height, width)
    if present is None:
        y = torch.randint(0, 2, (n,), generator=generator).float()
    else:
        y = torch.full((n,), float(present))
    corner = torch.randint(0, SIDE - PATCH + 1, (n, 2), generator=generator)  # (n, 2)
    for i in torch.nonzero(y).flatten().tolist():
        r, c = corner[i].tolist()
        x[i, 0, r:r + PATCH, c:c + PATCH] += PATTERN
    return x, y, corner


def patch_mask(corner: torch.Tensor, size: int = PATCH) -> torch.Tensor:
    """Boolean masks ``(n, SIDE, SIDE)`` that are True on each image's ``size``-square.

    Args:
        corner: top-left ``(row, column)`` of each square, ``(n, 2)``.
        size: side of the square in pixels.

    Returns:
        One mask per row of ``corner``.
    """
    rows = torch.arange(SIDE).view(1, SIDE, 1)
    cols = torch.arange(SIDE).view(1, 1, SIDE)
    r = corner[:, 0].view(-1, 1, 1)
    c = corner[:, 1].view(-1, 1, 1)
    return (rows >= r) & (rows < r + size) & (cols >= c) & (cols < c + size)


def occlude(x: torch.Tensor, corner: torch.Tensor, size: int = PATCH) -> torch.Tensor:
    """Replace one ``size``-square per image by 0, the mean of the background.

    Args:
        x: images ``(n, 1, SIDE, SIDE)``.
        corner: top-left ``(row, column)`` of the square to blank in each image, ``(n, 2)``.
        size: side of the square in pixels.

    Returns:
        A copy of ``x`` with those squares set to zero.
    """
    return x.masked_fill(patch_mask(corner, size).unsqueeze(1), 0.0)


def build_model() -> nn.Sequential:
    r"""The tiny CNN: two $3 \times 3$ convolutions, a max-pool between, a global max, one logit.

    Returns:
        An untrained ``nn.Sequential``: (n, 1, 16, 16) images in, (n, 1) logits out.
    """
    return nn.Sequential(
        nn.Conv2d(1, WIDTH, 3, padding=1),  # (n, 8, 16, 16): pattern detectors
        nn.ReLU(),
        nn.MaxPool2d(2),  # (n, 8, 8, 8)
        nn.Conv2d(WIDTH, WIDTH, 3, padding=1),  # (n, 8, 8, 8): combinations of detections
        nn.ReLU(),
        nn.AdaptiveMaxPool2d(1),  # (n, 8, 1, 1): the strongest response anywhere
        nn.Flatten(),  # (n, 8)
        nn.Linear(WIDTH, 1),  # (n, 1): the logit of "the pattern is present"
    )


@functools.cache
def trained_model(seed: int) -> nn.Sequential:
    """The CNN trained on the task under ``seed``, computed once per seed and process.

    The same seed gives the same weights, so caching changes nothing but the time. The
    global random state is saved and restored around the initialisation, so a snippet's
    own random draws are the same whether the model came from the cache or not.
    The parameters are frozen (``requires_grad`` off) and the model is in eval mode,
    so a snippet that backpropagates to the input cannot change or dirty the copy
    that the next snippet receives.

    Args:
        seed: seeds both the initial weights and the training images.

    Returns:
        The trained, frozen model.
    """
    with torch.random.fork_rng():  # leave the caller's random stream as it was, cached or not
        torch.manual_seed(seed)
        model = build_model()
    x, y, _ = make_images(TRAIN_SIZE, torch.Generator().manual_seed(seed))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    for _ in range(STEPS):
        opt.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(model(x).squeeze(1), y)
        loss.backward()
        opt.step()
    model.eval()
    model.requires_grad_(False)
    return model


def logit(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """The model's logit for each image, ``(n,)``; positive means "present"."""
    return model(x).squeeze(1)


def saliency(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    r"""Gradient saliency: $|\partial\,\text{logit} / \partial x|$ per pixel (Simonyan et al. 2014).

    Args:
        model: maps ``(n, 1, SIDE, SIDE)`` images to ``(n, 1)`` logits.
        x: the images to explain.

    Returns:
        ``(n, SIDE, SIDE)``: the absolute gradient of each image's own logit.
    """
    x = x.clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(logit(model, x).sum(), x)  # images do not interact: sum is safe
    return grad.abs().squeeze(1)
