"""A reference U-Net (Ronneberger, Fischer and Brox, 2015), small enough to read in one go.

Two variants share one class:

* ``padding=0`` is the network of the paper: unpadded ("valid") 3×3 convolutions, so
  every convolution eats one pixel on each side, and the skip connections are
  centre-cropped to the size of the decoder's feature map before they are concatenated.
* ``padding=1`` is the variant most code uses today: "same" 3×3 convolutions, so the
  only size changes are the poolings and the up-convolutions, and the output has the
  size of the input whenever each pooling sees an even size.

Both check the input size before running and say which size to use instead, because
the error torch raises on its own comes from deep inside the decoder and does not
mention the input.
"""

from __future__ import annotations

import torch
from torch import nn


def double_conv(c_in: int, c_out: int, padding: int) -> nn.Sequential:
    """Two 3×3 convolutions, each followed by a ReLU: one level of the U.

    Args:
        c_in: channels of the input.
        c_out: channels of both convolutions' outputs.
        padding: 0 for the paper's unpadded convolutions (each one removes a
            one-pixel border), 1 for "same" convolutions (size unchanged).

    Returns:
        ``Conv-ReLU-Conv-ReLU`` as an ``nn.Sequential``. The paper uses no batch
        normalisation; neither does this block.
    """
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=padding),
        nn.ReLU(inplace=True),
        nn.Conv2d(c_out, c_out, 3, padding=padding),
        nn.ReLU(inplace=True),
    )


def center_crop(x: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """The central ``height × width`` window of a feature map.

    The unpadded U-Net needs it: an encoder map is larger than the decoder map it is
    concatenated with, because the decoder has lost more border pixels on its way.

    Args:
        x: a feature map, ``(batch, channels, H, W)`` with ``H >= height``, ``W >= width``.
        height: rows to keep.
        width: columns to keep.

    Returns:
        ``x[..., top:top + height, left:left + width]`` with the window centred
        (rounded towards the top left when the margin is odd).
    """
    top = (x.shape[-2] - height) // 2
    left = (x.shape[-1] - width) // 2
    return x[..., top : top + height, left : left + width]


def check_same_size(height: int, width: int, depth: int) -> None:
    """Raise if a same-padded U-Net of this depth cannot map ``height × width`` to itself.

    Each of the ``depth`` poolings halves the size and each up-convolution doubles it,
    so the decoder gets back to the input's size only if no pooling had to round,
    that is if both sides are multiples of ``2**depth``.

    Args:
        height: rows of the input.
        width: columns of the input.
        depth: number of 2×2 poolings.

    Raises:
        ValueError: naming the side at fault and the two nearest sizes that work,
            e.g. ``height 100 is not divisible by 2**4 = 16; pad or crop to 96 or 112``.
    """
    step = 2**depth
    for name, size in (("height", height), ("width", width)):
        if size % step:
            below = size // step * step
            above = below + step
            options = f"{below} or {above}" if below > 0 else f"{above}"
            raise ValueError(
                f"{name} {size} is not divisible by 2**{depth} = {step}; "
                f"pad or crop to {options}"
            )


def _walk(size: int, depth: int) -> int | None:
    """The output side of the unpadded U-Net, or None where a pooling sees an odd size."""
    s = size
    for _ in range(depth):  # encoder: two valid 3×3 convolutions, then a 2×2 pooling
        s -= 4
        if s < 2 or s % 2:
            return None
        s //= 2
    s -= 4  # bottleneck
    for _ in range(depth):  # decoder: up-convolution doubles, two convolutions remove 4
        if s < 1:
            return None
        s = 2 * s - 4
    return s if s >= 1 else None


def valid_output_size(size: int, depth: int) -> int:
    """The output side of the unpadded (paper) U-Net for an input side, or raise.

    Walks the size down the encoder (two valid 3×3 convolutions remove 4 pixels,
    a pooling halves) and up the decoder (an up-convolution doubles, two
    convolutions remove 4). Every pooling must see an even size: otherwise it drops
    a row, and the skip crop that follows is off by half a pixel.

    Args:
        size: height or width of the input tile.
        depth: number of 2×2 poolings (4 in the paper).

    Returns:
        The side of the output segmentation map (388 for 572 at depth 4).

    Raises:
        ValueError: when a pooling would see an odd size or a size drops below one
            pixel, naming the nearest input sizes that work, e.g.
            ``input side 570 does not fit the unpadded U-Net of depth 4; use 556 or 572``.
    """
    out = _walk(size, depth)
    if out is None:
        fitting = [s for s in range(1, size + 2**depth * 16) if _walk(s, depth) is not None]
        below = [s for s in fitting if s < size][-1:]
        above = [s for s in fitting if s > size][:1]
        raise ValueError(
            f"input side {size} does not fit the unpadded U-Net of depth {depth}; "
            f"use {' or '.join(str(s) for s in below + above)}"
        )
    return out


class UNet(nn.Module):
    """The U-Net: a contracting path, an expanding path, and skips between them.

    The encoder applies ``depth`` times a double convolution then a 2×2 max-pooling,
    doubling the channels at each level; a double convolution at the bottom is the
    bottleneck. The decoder applies ``depth`` times a 2×2 up-convolution (a transposed
    convolution with stride 2 that halves the channels), concatenates the encoder's
    map of the same level (the skip), and a double convolution. A 1×1 convolution
    maps the last features to class scores.

    Args:
        in_channels: channels of the input image (1 in the paper).
        num_classes: output channels, one score map per class (2 in the paper).
        base_channels: channels of the first level (64 in the paper); level ``i``
            has ``base_channels * 2**i``.
        depth: number of poolings (4 in the paper).
        padding: 0 for the paper's unpadded convolutions with cropped skips,
            1 for same-padded convolutions.
        skips: False drops the skip connections, leaving a plain encoder-decoder
            whose decoder sees the bottleneck only (for comparisons).
        check_size: False skips the input-size check, to show the error torch
            raises on its own.
    """

    def __init__(
        self,
        in_channels: int = 1,
        num_classes: int = 2,
        base_channels: int = 64,
        depth: int = 4,
        padding: int = 0,
        skips: bool = True,
        check_size: bool = True,
    ) -> None:
        super().__init__()
        if padding not in (0, 1):
            raise ValueError(f"padding must be 0 (valid) or 1 (same), got {padding}")
        self.depth, self.padding, self.skips, self.check_size = depth, padding, skips, check_size
        widths = [base_channels * 2**i for i in range(depth + 1)]
        self.down = nn.ModuleList()
        c = in_channels
        for w in widths[:-1]:
            self.down.append(double_conv(c, w, padding))
            c = w
        self.pool = nn.MaxPool2d(2)
        self.bottleneck = double_conv(widths[-2], widths[-1], padding)
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for w in reversed(widths[:-1]):
            self.up.append(nn.ConvTranspose2d(2 * w, w, 2, stride=2))
            self.dec.append(double_conv(2 * w if skips else w, w, padding))
        self.head = nn.Conv2d(widths[0], num_classes, 1)

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """Run the contracting path.

        Args:
            x: images, ``(batch, in_channels, H, W)``.

        Returns:
            The bottleneck's output and the encoder maps the skips carry, finest first.
        """
        if self.check_size:
            if self.padding:
                check_same_size(x.shape[-2], x.shape[-1], self.depth)
            else:
                valid_output_size(x.shape[-2], self.depth)
                valid_output_size(x.shape[-1], self.depth)
        saved = []
        for block in self.down:
            x = block(x)
            saved.append(x)
            x = self.pool(x)
        return self.bottleneck(x), saved

    def decode(self, x: torch.Tensor, saved: list[torch.Tensor]) -> torch.Tensor:
        """Run the expanding path from the bottleneck, concatenating the skips.

        Args:
            x: the bottleneck's output.
            saved: the encoder maps from ``encode``, finest first.

        Returns:
            Class scores, ``(batch, num_classes, H_out, W_out)``.
        """
        for up, block, skip in zip(self.up, self.dec, reversed(saved), strict=True):
            x = up(x)
            if self.skips:
                skip = center_crop(skip, x.shape[-2], x.shape[-1]) if not self.padding else skip
                x = torch.cat([skip, x], dim=1)  # (batch, 2·channels, h, w)
            x = block(x)
        return self.head(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Segment a batch of images.

        Args:
            x: images, ``(batch, in_channels, H, W)``.

        Returns:
            Class scores, ``(batch, num_classes, H_out, W_out)``: ``H_out = H`` for the
            same-padded variant, ``H - 184`` for the paper's at depth 4.

        Raises:
            ValueError: if ``check_size`` is on and the input size does not fit
                (see ``check_same_size`` and ``valid_output_size``).
        """
        bottom, saved = self.encode(x)
        return self.decode(bottom, saved)
