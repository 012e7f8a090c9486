"""A transposed convolution written as the loop it is: every input pixel stamps a
weighted copy of the kernel onto the output, and overlapping stamps add up.

This is the "scatter" view of the layer. A convolution *gathers*: each output pixel
reads a window of input pixels. A transposed convolution *scatters*: each input pixel
writes a window of output pixels. The loop below is slow on purpose; it is here to be
read, and the snippets check it against `torch.nn.ConvTranspose2d`.
"""

from __future__ import annotations

import torch
from torch import nn


def transposed_output_size(
    size: int, kernel: int, stride: int = 1, padding: int = 0,
    dilation: int = 1, output_padding: int = 0,
) -> int:
    """The side of a transposed convolution's output, from the arithmetic alone.

    The first input pixel stamps at offset 0 and the last at ``(size - 1) * stride``;
    a stamp spans ``dilation * (kernel - 1) + 1`` pixels. ``padding`` crops that many
    pixels from each side of the canvas and ``output_padding`` adds back rows at the
    far end only.

    Args:
        size: side of the input (height or width).
        kernel: side of the kernel.
        stride: spacing between the stamps of neighbouring input pixels.
        padding: pixels cropped from each side of the full canvas.
        dilation: spacing between the taps of the kernel.
        output_padding: pixels added at the end of each axis (below ``stride`` or ``dilation``).

    Returns:
        ``(size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1``.
    """
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def conv_transpose2d_scatter(
    x: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> torch.Tensor:
    """A 2D transposed convolution as an explicit scatter-add over input pixels.

    Square kernels, one stride, padding and dilation for both axes, ``groups=1``:
    the same arguments as ``torch.nn.functional.conv_transpose2d`` restricted to
    those cases.

    Args:
        x: input of shape ``(batch, in_channels, height, width)``.
        weight: kernel of shape ``(in_channels, out_channels, k, k)``, the layout of
            ``nn.ConvTranspose2d.weight`` (input channels first, unlike ``nn.Conv2d``).
        bias: optional ``(out_channels,)``, added to every output pixel.
        stride: spacing, in output pixels, between the stamps of neighbouring inputs.
        padding: pixels cropped from each side of the full canvas.
        output_padding: pixels added at the bottom and right, to pick one of the
            output sizes that a strided convolution would map to the same input size.
        dilation: spacing between the taps of a stamp.

    Returns:
        Output of shape ``(batch, out_channels, H_out, W_out)`` with the sides given
        by ``transposed_output_size``.
    """
    batch, c_in, height, width = x.shape
    _, c_out, k, _ = weight.shape
    span = dilation * (k - 1) + 1  # pixels one stamp covers along an axis
    # The full canvas: every stamp lands inside it; output_padding extends the far end.
    canvas_h = (height - 1) * stride + span + output_padding
    canvas_w = (width - 1) * stride + span + output_padding
    canvas = x.new_zeros(batch, c_out, canvas_h, canvas_w)
    for i in range(height):
        for j in range(width):
            # One input pixel (all channels) times the kernel: a (batch, c_out, k, k) stamp.
            stamp = torch.einsum("bc,cokl->bokl", x[:, :, i, j], weight)
            top, left = i * stride, j * stride
            canvas[:, :, top:top + span:dilation, left:left + span:dilation] += stamp
    out = canvas[:, :, padding:canvas_h - padding, padding:canvas_w - padding]
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out


def through_ones_kernel(image: torch.Tensor, k: int, stride: int) -> torch.Tensor:
    """An image through a `ConvTranspose2d` whose weights are all one: its overlap counts.

    With unit weights each output pixel is the sum of the input pixels that write to it,
    so a constant image of value 1 comes out as the number of (input pixel, tap) pairs
    landing on each output pixel. The layer is built as `nn.ConvTranspose2d(1, 1, k,
    stride, bias=False)` (its default initialisation draws from torch's global generator
    before the weights are set to one). The constant-image check and the page's figure
    both call it.

    Args:
        image: a one-channel image, shape `(1, 1, height, width)`.
        k: the kernel size.
        stride: the stride.

    Returns:
        The output, shape `((height - 1) * stride + k, (width - 1) * stride + k)`.
    """
    up = nn.ConvTranspose2d(1, 1, kernel_size=k, stride=stride, bias=False)
    nn.init.ones_(up.weight)
    with torch.no_grad():
        return up(image)[0, 0]
