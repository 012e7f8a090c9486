"""A stroke task, and two networks for it that differ only by their skip connections.

The task: a 6×6 canvas holds one stroke, four pixels long, of ink 1 on a background of
0 with weak pixel noise; the label is its direction (horizontal, vertical, diagonal,
anti-diagonal), wherever the stroke lies.

Both networks have a stem (a linear layer and ReLU from the 36 pixels to ``WIDTH``
units), ``DEPTH`` hidden layers of the same form, ``h -> relu(W h + b)`` with ``W`` of
``WIDTH × WIDTH``, and a linear head to the four classes. They differ in one place:

* **plain**: each hidden layer's output replaces its input, ``h <- f(h)``;
* **residual**: each hidden layer's output is added to its input, ``h <- h + f(h)``,
  so the layer is a block that writes a correction into a stream flowing past it.

Same width, same depth, same parameter count, same initial weights for the same seed,
same data and same training (``train``). The faults act on the trained networks:
a hidden layer deleted (``deleted``: the layer is skipped, so the plain network
passes its input on unchanged and the residual one adds nothing), a set of a layer's
units zeroed (``zeroed``: the outputs ``f(h)`` of those units are set to 0 before they
are passed on or added), and noise on the hidden weights (``weight_noise``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch
from torch import nn
from torch.nn import functional as F

SIDE, STROKE = 6, 4  # the canvas is SIDE × SIDE pixels, a stroke STROKE pixels long
NOISE = 0.05  # standard deviation of the pixel noise on every canvas
CLASSES = 4  # horizontal, vertical, diagonal, anti-diagonal
WIDTH, DEPTH = 24, 4  # units per hidden layer, hidden layers
STEPS, LR = 100, 0.02  # full-batch Adam steps and learning rate: both networks pass 0.94
BETAS, EPS = (0.9, 0.999), 1e-8  # Adam's defaults


def strokes(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Draw ``n`` canvases, each with one stroke at a random place.

    Returns:
        flattened canvases ``(n, SIDE * SIDE)`` and labels ``(n,)`` (0 horizontal,
        1 vertical, 2 diagonal, 3 anti-diagonal).
    """
    labels = torch.randint(0, CLASSES, (n,), generator=generator)
    row = torch.randint(0, SIDE, (n,), generator=generator)  # a horizontal stroke's row
    col = torch.randint(0, SIDE, (n,), generator=generator)  # a vertical stroke's column
    top = torch.randint(0, SIDE - STROKE + 1, (n,), generator=generator)  # where it starts
    left = torch.randint(0, SIDE - STROKE + 1, (n,), generator=generator)
    canvas = torch.zeros(n, SIDE, SIDE)  # (batch, SIDE, SIDE)
    for k in range(STROKE):
        r = torch.where(labels == 0, row, top + k)
        c = torch.stack([left + k, col, left + k, left + STROKE - 1 - k])[labels, torch.arange(n)]
        canvas[torch.arange(n), r, c] = 1.0
    canvas = canvas + NOISE * torch.randn(canvas.shape, generator=generator)
    return canvas.flatten(1), labels  # (batch, SIDE * SIDE), (batch,)


class Net(nn.Module):
    """The stem, ``DEPTH`` hidden layers of ``WIDTH`` units, the head; with or without skips."""

    def __init__(self, residual: bool) -> None:
        super().__init__()
        self.residual = residual
        self.stem = nn.Linear(SIDE * SIDE, WIDTH)
        self.layers = nn.ModuleList([nn.Linear(WIDTH, WIDTH) for _ in range(DEPTH)])
        self.head = nn.Linear(WIDTH, CLASSES)
        self.deleted: set[int] = set()  # fault: hidden layers skipped
        self.zeroed: dict[int, torch.Tensor] = {}  # fault: layer -> indices of its units set to 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.relu(self.stem(x))  # (batch, WIDTH)
        for i, layer in enumerate(self.layers):
            if i in self.deleted:
                continue
            f = F.relu(layer(h))  # (batch, WIDTH): the units this layer computes
            if i in self.zeroed:
                f = f.index_fill(1, self.zeroed[i], 0.0)
            h = h + f if self.residual else f  # the one difference between the two
        return self.head(h)  # (batch, CLASSES)


def train(net: Net, x: torch.Tensor, y: torch.Tensor) -> Net:
    """Full-batch Adam on cross-entropy, ``STEPS`` steps at ``LR``.

    Adam is written out (Kingma and Ba 2015, Algorithm 1, as ``torch.optim.Adam`` with
    its defaults computes it) because constructing ``torch.optim.Adam`` imports
    ``torch._dynamo``, about 1.5 s of CPU in a fresh process: more than the training.
    """
    params = list(net.parameters())
    m = [torch.zeros_like(p) for p in params]  # first-moment estimates
    v = [torch.zeros_like(p) for p in params]  # second-moment estimates
    (b1, b2) = BETAS
    for t in range(1, STEPS + 1):
        loss = F.cross_entropy(net(x), y)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g, m_p, v_p in zip(params, grads, m, v):
                m_p.lerp_(g, 1 - b1)  # m = b1 m + (1 - b1) g
                v_p.lerp_(g * g, 1 - b2)  # v = b2 v + (1 - b2) g²
                p -= LR * (m_p / (1 - b1**t)) / ((v_p / (1 - b2**t)).sqrt() + EPS)
    return net


@torch.no_grad()
def accuracy(net: Net, x: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of canvases whose predicted direction is the label."""
    return (net(x).argmax(1) == y).float().mean().item()


@contextmanager
def weight_noise(net: Net, relative: float, generator: torch.Generator) -> Iterator[Net]:
    """Inside the ``with`` block, ``net`` has Gaussian noise on every hidden weight matrix.

    The noise on a matrix has standard deviation ``relative`` times that matrix's
    root-mean-square entry, so every layer is disturbed by the same fraction of its own
    scale. The stem and the head, the same in both networks, are left as trained. The
    trained weights are put back when the block ends.
    """
    saved = [layer.weight.detach().clone() for layer in net.layers]
    try:
        with torch.no_grad():
            for layer in net.layers:
                w = layer.weight  # (WIDTH, WIDTH)
                w += relative * w.pow(2).mean().sqrt() * torch.randn(w.shape, generator=generator)
        yield net
    finally:
        with torch.no_grad():
            for layer, w in zip(net.layers, saved):
                layer.weight.copy_(w)
