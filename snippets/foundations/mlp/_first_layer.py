"""The size of an MLP's first layer, counted from a real `nn.Linear`.

Shared by the resolution check and the page's figure, so the chart of first-layer
parameters against the image side draws the very count the check asserts.
"""

from __future__ import annotations

from torch import nn


def first_layer_params(side: int, channels: int, hidden: int) -> int:
    """The parameters of a fully connected first layer on a `channels × side × side` image.

    Builds `nn.Linear(channels * side * side, hidden)` on the `meta` device (shapes only,
    nothing allocated) and counts its weights and biases.

    Args:
        side: the image's height and width, in pixels.
        channels: the image's channels (3 for colour).
        hidden: the layer's units.

    Returns:
        The number of parameters: `channels * side**2 * hidden` weights plus `hidden` biases.
    """
    layer = nn.Linear(channels * side * side, hidden, device="meta")  # counted, never allocated
    return sum(p.numel() for p in layer.parameters())
