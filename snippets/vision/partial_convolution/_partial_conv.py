"""A reference partial convolution (Liu et al., 2018), written to be read next to the paper.

The frameworks have no masked, renormalised convolution, so this module is the
reference the page's checks run against: first against a loop that applies the
paper's equation window by window, then against ``nn.Conv2d`` where the two must agree.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class PartialConv2d(nn.Conv2d):
    r"""A convolution that sees only valid pixels, rescaled for how many it saw.

    At every output position, with $\mathbf{X}$ the input values under the kernel
    window, $\mathbf{M}$ the binary mask under the same window (1 = valid, 0 = hole),
    $\mathbf{W}$ the weights and $b$ the bias:

    $$
    x' = \begin{cases}
        \mathbf{W}^\top(\mathbf{X}\odot\mathbf{M})\,\dfrac{\operatorname{sum}(\mathbf{1})}{\operatorname{sum}(\mathbf{M})} + b
            & \text{if } \operatorname{sum}(\mathbf{M}) > 0,\\[4pt]
        0 & \text{otherwise,}
    \end{cases}
    \qquad
    m' = \begin{cases} 1 & \text{if } \operatorname{sum}(\mathbf{M}) > 0,\\ 0 & \text{otherwise.}\end{cases}
    $$

    $\operatorname{sum}(\mathbf{1})$ is the number of positions in the window
    ($k_h k_w$) and $\operatorname{sum}(\mathbf{M})$ the number of valid ones, so the
    factor scales a partly masked window up to the size of a full one: a full window is
    an ordinary convolution, a window that sees 4 of 9 pixels is multiplied by 9/4.

    The mask has one channel and is shared by all input channels, as in NVIDIA's
    reference implementation with its default ``multi_channel=False``. Zero padding is
    treated as a hole, which makes the layer a padding scheme as well (Liu et al.,
    "Partial Convolution based Padding", 2018).

    Args:
        *args: as for ``nn.Conv2d`` (``in_channels, out_channels, kernel_size``,
            ``stride``, ``padding``, ``dilation``, ``groups``, ``bias``).
        **kwargs: as for ``nn.Conv2d``. ``padding_mode`` must stay ``"zeros"``.

    Examples:
        >>> conv = PartialConv2d(3, 8, 3, padding=1)
        >>> x = torch.randn(1, 3, 16, 16)
        >>> mask = torch.ones(1, 1, 16, 16)
        >>> mask[..., 4:12, 4:12] = 0  # a square hole
        >>> y, new_mask = conv(x, mask)
        >>> y.shape, new_mask.shape
        (torch.Size([1, 8, 16, 16]), torch.Size([1, 1, 16, 16]))
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.padding_mode != "zeros":
            raise ValueError("PartialConv2d treats padding as a hole; use padding_mode='zeros'")
        kh, kw = self.kernel_size
        # A window of ones: convolving the mask with it counts the valid pixels, sum(M).
        self.register_buffer("window", torch.ones(1, 1, kh, kw), persistent=False)

    def mask_sum(self, mask: torch.Tensor) -> torch.Tensor:
        """Count the valid pixels under each window: sum(M) at every output position.

        Args:
            mask: ``(batch, 1, H, W)``, 1 for a valid pixel and 0 for a hole.

        Returns:
            ``(batch, 1, H_out, W_out)`` counts, from 0 to ``k_h · k_w``.
        """
        return F.conv2d(mask, self.window.to(mask.dtype), None, self.stride, self.padding, self.dilation)

    def forward(
        self, x: torch.Tensor, mask: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Convolve the valid pixels only, and update the mask.

        Args:
            x: input features, ``(batch, in_channels, H, W)``. Values inside the hole
                are ignored: they are multiplied by the mask before the convolution.
            mask: ``(batch, 1, H, W)`` of zeros and ones; ``None`` means all valid
                (the layer is then an ordinary convolution with partial-convolution
                padding at the borders).

        Returns:
            The output ``(batch, out_channels, H_out, W_out)`` and the updated mask
            ``(batch, 1, H_out, W_out)``: 1 wherever the window saw a valid pixel.
        """
        if mask is None:
            mask = torch.ones_like(x[:, :1])
        with torch.no_grad():  # the mask is data, not something to differentiate
            counts = self.mask_sum(mask)  # sum(M)
            new_mask = (counts > 0).to(x.dtype)  # m'
            full = float(self.kernel_size[0] * self.kernel_size[1])  # sum(1)
            ratio = full / counts.clamp(min=1.0) * new_mask  # sum(1)/sum(M), 0 where no valid pixel
        raw = F.conv2d(x * mask, self.weight, None, self.stride, self.padding, self.dilation, self.groups)
        out = raw * ratio  # (batch, out_channels, H_out, W_out)
        if self.bias is not None:
            out = out + self.bias.view(1, -1, 1, 1) * new_mask  # + b where the window saw something
        return out, new_mask


def masks_until_closed(mask: torch.Tensor, k: int, limit: int = 50) -> list[torch.Tensor]:
    """Stack `k`×`k` partial convolutions (stride 1, padding `k // 2`) until no hole is left.

    Each layer is a fresh single-channel `PartialConv2d` fed the previous layer's output
    and mask, as in an inpainting encoder; its weights do not matter to the mask.

    Args:
        mask: `(1, 1, H, W)`, 1 for a valid pixel and 0 for a hole.
        k: the kernel size, odd.
        limit: the most layers to stack, in case the mask has no valid pixel at all.

    Returns:
        The mask before the first layer and after each layer, the last one all ones
        (unless `limit` layers were not enough), each `(1, 1, H, W)`.
    """
    x = torch.randn(1, 1, *mask.shape[-2:])  # (batch, channels, height, width)
    masks = [mask]
    while not bool(masks[-1].all()) and len(masks) <= limit:
        x, new_mask = PartialConv2d(1, 1, k, padding=k // 2)(x, masks[-1])
        masks.append(new_mask)
    return masks


def irregular_hole_mask(rng: np.random.Generator, size: int = 40, rectangles: int = 6) -> np.ndarray:
    """A square mask with an irregular hole: a union of random rectangles.

    Free-form inpainting masks are unions of strokes and blobs; a union of rectangles of
    random size and place is the simplest such hole with a deepest pixel that is not at
    an obvious place. The hole-closing check and the page's figure both draw it.

    Args:
        rng: the generator that places and sizes the rectangles (four draws each).
        size: the mask's height and width; the rectangles start 4 to 27 pixels in, and are
            2 to 11 pixels high and wide, so `size` of 40 keeps them clear of the edge.
        rectangles: how many rectangles make the hole.

    Returns:
        The mask, shape `(size, size)`, float32: 1 for a valid pixel and 0 in the hole.
    """
    m = np.ones((size, size), dtype=np.float32)
    for _ in range(rectangles):
        top, left = rng.integers(4, 28, size=2)
        h, w = rng.integers(2, 12, size=2)
        m[top : top + h, left : left + w] = 0
    return m
