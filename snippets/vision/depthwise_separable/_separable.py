"""A depthwise convolution from scratch, the algebra of a depthwise-separable pair,
and MobileNet (Howard et al. 2017, Table 1) built from its body table.

The snippets of the depthwise-separable page check these against PyTorch
(`nn.Conv2d(C, C, k, groups=C)`) and against the paper's own figures; the helpers
only compute, the snippets assert.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

PUBLISHED = Path(__file__).with_name("published.toml")


def published(key: str) -> float:
    """A figure of ``published.toml`` (the paper's tables), as the number it prints.

    The page shows each figure from that file with its source; the checks read the
    same file, so a figure is written down once. ``"94.86%"`` reads as 0.9486,
    ``"462 million"`` as 462 (the unit the paper's table uses), ``"10,838,016"`` as
    10838016.

    Args:
        key: the entry's name, e.g. ``"table4_mobilenet_macs"``.

    Returns:
        The value as a float; a percentage as a fraction.
    """
    with PUBLISHED.open("rb") as f:
        text = tomllib.load(f)[key]["value"]
    number = float(re.match(r"[\d,.]+", text).group().replace(",", ""))
    return number / 100 if text.endswith("%") else number


def depthwise_conv2d(x: torch.Tensor, weight: torch.Tensor, padding: int = 0) -> torch.Tensor:
    """A depthwise convolution written out: one k×k filter per channel, no mixing.

    Every output value is a k×k window of *one* input channel dotted with that
    channel's own filter (MobileNet, eq. 3). `unfold` lays the windows out as
    columns, so the whole layer is one elementwise product and a sum.

    Args:
        x: input, shaped (batch, channels, height, width).
        weight: one filter per channel, shaped (channels, 1, k, k), the layout of
            `nn.Conv2d(C, C, k, groups=C).weight`.
        padding: zeros added on every side, as in `nn.Conv2d`.

    Returns:
        The filtered maps, shaped (batch, channels, height', width') with
        height' = height + 2·padding − k + 1 (stride 1).
    """
    batch, channels, height, width = x.shape
    k = weight.shape[-1]
    out_h, out_w = height + 2 * padding - k + 1, width + 2 * padding - k + 1
    cols = F.unfold(x, k, padding=padding)  # (batch, channels·k·k, out_h·out_w)
    cols = cols.view(batch, channels, k * k, out_h * out_w)
    filters = weight.reshape(1, channels, k * k, 1)  # one row of k·k taps per channel
    out = (cols * filters).sum(dim=2)  # (batch, channels, out_h·out_w)
    return out.view(batch, channels, out_h, out_w)


def separable_as_standard_weight(
    dw_weight: torch.Tensor, pw_weight: torch.Tensor, multiplier: int = 1
) -> torch.Tensor:
    """The single standard-convolution kernel that a depthwise-then-pointwise pair equals.

    Both steps are linear, so their composition is one convolution. With one
    depthwise filter per input channel its kernel is ``W[o, i, u, v] = P[o, i] · D[i, u, v]``:
    input channel ``i`` reaches every output channel through the *same* spatial
    filter ``D[i]``, only rescaled. With ``multiplier`` filters per input channel
    (the ``depth_multiplier`` of TF and Keras depthwise layers, not MobileNet's width multiplier), ``W[o, i] = Σ_j P[o, i·m + j] · D[i·m + j]``.

    Args:
        dw_weight: depthwise kernel ``D``, shaped (C_in·multiplier, 1, k, k), the
            layout of `nn.Conv2d(C_in, C_in·multiplier, k, groups=C_in).weight`.
        pw_weight: pointwise kernel ``P``, shaped (C_out, C_in·multiplier, 1, 1).
        multiplier: depthwise filters per input channel.

    Returns:
        The standard kernel, shaped (C_out, C_in, k, k).
    """
    k = dw_weight.shape[-1]
    c_out = pw_weight.shape[0]
    c_in = dw_weight.shape[0] // multiplier
    depthwise = dw_weight.reshape(c_in, multiplier, k, k)
    pointwise = pw_weight.reshape(c_out, c_in, multiplier)
    return torch.einsum("oim,imuv->oiuv", pointwise, depthwise)


# MobileNet body, Howard et al. 2017, Table 1: (C_in, C_out, stride of the depthwise
# 3×3) for each separable block after the first full 3×3 convolution (3 → 32, stride 2).
MOBILENET_BLOCKS: list[tuple[int, int, int]] = [
    (32, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1), (256, 512, 2),
    (512, 512, 1), (512, 512, 1), (512, 512, 1), (512, 512, 1), (512, 512, 1),
    (512, 1024, 2), (1024, 1024, 1),
]


def _conv_bn_relu(c_in: int, c_out: int, k: int, stride: int, groups: int = 1) -> list[nn.Module]:
    return [
        nn.Conv2d(c_in, c_out, k, stride, padding=k // 2, groups=groups, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    ]


def mobilenet_v1(separable: bool = True, num_classes: int = 1000) -> nn.Sequential:
    """MobileNet as Table 1 of the paper lists it, or its full-convolution twin.

    Each body block is a 3×3 depthwise convolution and a 1×1 pointwise one, each
    followed by batch norm and ReLU (the paper's Figure 3, right). With
    ``separable=False`` each block is instead one standard 3×3 convolution from
    C_in to C_out with the same stride: the "Conv MobileNet" of Table 4.
    Convolutions have no bias, since the batch norm after them supplies one.

    Build it under ``torch.device("meta")`` to count it without allocating memory.

    Args:
        separable: depthwise-separable blocks (True) or standard convolutions (False).
        num_classes: outputs of the final fully connected layer.

    Returns:
        The network; a (batch, 3, 224, 224) input gives (batch, num_classes) logits.
    """
    layers = _conv_bn_relu(3, 32, 3, 2)
    for c_in, c_out, stride in MOBILENET_BLOCKS:
        if separable:
            layers += _conv_bn_relu(c_in, c_in, 3, stride, groups=c_in)  # depthwise
            layers += _conv_bn_relu(c_in, c_out, 1, 1)  # pointwise
        else:
            layers += _conv_bn_relu(c_in, c_out, 3, stride)  # one full convolution
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1024, num_classes)]
    return nn.Sequential(*layers)
