"""A from-scratch ResNet (He et al., 2015), laid out like torchvision's so counts compare.

The module names follow torchvision's `resnet.py` (`conv1`, `bn1`, `layer1` … `layer4`,
`fc`; blocks with `conv1`/`bn1`/…/`downsample`), so a parameter count or a state-dict
key can be compared with the published model one for one. Two switches expose the
choices that separate the paper from the model most people download:

* `stride_in_1x1`: where a downsampling bottleneck puts its stride. The paper puts it
  on the first 1×1 convolution (V1); torchvision and most modern code put it on the
  3×3 convolution (V1.5). Both have the same parameters and the same output shapes.
* `zero_init_residual`: start the last normalisation of every residual branch at
  γ = 0, so each block begins as the identity (Goyal et al., 2017).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import torch
from torch import nn

PUBLISHED = Path(__file__).with_name("published.toml")


def published(key: str) -> float:
    """A published figure from this topic's `published.toml`, as a number.

    The page shows each figure from that file with its source; the checks read the
    same file, so a figure is written down once. `"25,557,032"` reads as 25557032,
    `"3.57%"` as 0.0357, `"~0.5%"` as 0.005.

    Args:
        key: the entry's name, e.g. `"torchvision_resnet50_params"`.

    Returns:
        The value as a float; a percentage as a fraction.
    """
    with PUBLISHED.open("rb") as f:
        text = tomllib.load(f)[key]["value"]
    number = float(re.search(r"[\d,.]+", text).group().replace(",", ""))
    return number / 100 if text.endswith("%") else number


def conv3x3(c_in: int, c_out: int, stride: int = 1) -> nn.Conv2d:
    """A 3×3 convolution with padding 1 and no bias (the normalisation after it has one).

    Args:
        c_in: input channels.
        c_out: output channels.
        stride: 2 halves the height and width, 1 keeps them.

    Returns:
        The convolution, `c_out * c_in * 9` weights.
    """
    return nn.Conv2d(c_in, c_out, kernel_size=3, stride=stride, padding=1, bias=False)


def conv1x1(c_in: int, c_out: int, stride: int = 1) -> nn.Conv2d:
    """A 1×1 convolution without bias: a per-pixel linear map between channel counts.

    Args:
        c_in: input channels.
        c_out: output channels.
        stride: 2 keeps one pixel in four (every other row and column), 1 keeps all.

    Returns:
        The convolution, `c_out * c_in` weights.
    """
    return nn.Conv2d(c_in, c_out, kernel_size=1, stride=stride, bias=False)


def projection(c_in: int, c_out: int, stride: int) -> nn.Sequential:
    """The projection shortcut (the paper's option B): a strided 1×1 conv and a norm.

    It is needed only where the identity cannot be added to the branch's output:
    when the block changes the number of channels or the resolution.

    Args:
        c_in: channels entering the block.
        c_out: channels leaving the block.
        stride: the block's stride.

    Returns:
        `Sequential(conv1x1, BatchNorm2d)`, `c_in * c_out + 2 * c_out` parameters.
    """
    return nn.Sequential(conv1x1(c_in, c_out, stride), nn.BatchNorm2d(c_out))


class BasicBlock(nn.Module):
    """Two 3×3 convolutions and a shortcut: `relu(bn2(conv2(relu(bn1(conv1(x))))) + s(x))`.

    Used by ResNet-18 and ResNet-34. `s` is the identity unless a projection is given.

    Args:
        c_in: input channels.
        width: output channels (a basic block does not expand).
        stride: stride of the first 3×3 convolution.
        downsample: the shortcut when shapes change, usually `projection(...)`;
            `None` means the identity, which only works when shapes do not change.
    """

    expansion = 1

    def __init__(self, c_in: int, width: int, stride: int = 1, downsample: nn.Module | None = None) -> None:
        super().__init__()
        self.conv1 = conv3x3(c_in, width, stride)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width)
        self.bn2 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=False)
        self.downsample = downsample

    def last_norm(self) -> nn.BatchNorm2d:
        """The normalisation that closes the residual branch (zeroed by `zero_init_residual`)."""
        return self.bn2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Add the branch to the shortcut, then apply a ReLU.

        Args:
            x: `(batch, c_in, height, width)`.

        Returns:
            `(batch, width, height / stride, width / stride)`.
        """
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    """1×1 reduce, 3×3, 1×1 expand (×4), and a shortcut. Used by ResNet-50/101/152.

    Args:
        c_in: input channels.
        width: channels of the 3×3 convolution; the block outputs `4 * width`.
        stride: 2 to halve the resolution.
        downsample: the shortcut when shapes change; `None` means the identity.
        stride_in_1x1: `False` (default, V1.5 as in torchvision) puts the stride on the
            3×3 convolution; `True` (V1, as in the paper) puts it on the first 1×1.
    """

    expansion = 4

    def __init__(
        self,
        c_in: int,
        width: int,
        stride: int = 1,
        downsample: nn.Module | None = None,
        stride_in_1x1: bool = False,
    ) -> None:
        super().__init__()
        stride_1x1, stride_3x3 = (stride, 1) if stride_in_1x1 else (1, stride)
        self.conv1 = conv1x1(c_in, width, stride_1x1)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride_3x3)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, width * self.expansion)
        self.bn3 = nn.BatchNorm2d(width * self.expansion)
        self.relu = nn.ReLU(inplace=False)
        self.downsample = downsample

    def last_norm(self) -> nn.BatchNorm2d:
        """The normalisation that closes the residual branch (zeroed by `zero_init_residual`)."""
        return self.bn3

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Add the branch to the shortcut, then apply a ReLU.

        Args:
            x: `(batch, c_in, height, width)`.

        Returns:
            `(batch, 4 * width, height / stride, width / stride)`.
        """
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


class ResNet(nn.Module):
    """Stem, four stages of residual blocks, global average pooling, a linear classifier.

    Stage `i` has `layers[i]` blocks of width `64 * 2**i`; every stage but the first
    starts with a stride-2 block. A block gets a projection shortcut exactly when its
    input and output shapes differ (stride 2, or a change in channel count).

    Args:
        block: `BasicBlock` or `Bottleneck`.
        layers: blocks per stage, e.g. `[2, 2, 2, 2]` for ResNet-18.
        num_classes: outputs of the final linear layer.
        zero_init_residual: start the last norm of every branch at γ = 0.
        stride_in_1x1: for bottlenecks, the paper's V1 stride placement instead of V1.5.
    """

    def __init__(
        self,
        block: type[BasicBlock] | type[Bottleneck],
        layers: list[int],
        num_classes: int = 1000,
        zero_init_residual: bool = False,
        stride_in_1x1: bool = False,
    ) -> None:
        super().__init__()
        self.stride_in_1x1 = stride_in_1x1
        self.c_in = 64
        # Stem: 7×7/2 conv and 3×3/2 max pool take 224×224 down to 56×56.
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=False)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._stage(block, 64, layers[0], stride=1)
        self.layer2 = self._stage(block, 128, layers[1], stride=2)
        self.layer3 = self._stage(block, 256, layers[2], stride=2)
        self.layer4 = self._stage(block, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)
        if zero_init_residual:
            for m in self.modules():
                if isinstance(m, (BasicBlock, Bottleneck)):
                    nn.init.zeros_(m.last_norm().weight)

    def _stage(self, block: type[BasicBlock] | type[Bottleneck], width: int, blocks: int, stride: int) -> nn.Sequential:
        c_out = width * block.expansion
        downsample = None
        if stride != 1 or self.c_in != c_out:  # the identity cannot be added: project
            downsample = projection(self.c_in, c_out, stride)
        extra = {"stride_in_1x1": self.stride_in_1x1} if block is Bottleneck else {}
        stage = [block(self.c_in, width, stride, downsample, **extra)]
        self.c_in = c_out
        stage += [block(c_out, width, **extra) for _ in range(1, blocks)]
        return nn.Sequential(*stage)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Classify a batch of images.

        Args:
            x: `(batch, 3, height, width)`, e.g. 224×224.

        Returns:
            `(batch, num_classes)` logits.
        """
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))  # (batch, 64, H/4, W/4)
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))  # (batch, 512·e, H/32, W/32)
        x = torch.flatten(self.avgpool(x), 1)  # (batch, 512·e)
        return self.fc(x)  # (batch, num_classes)


def resnet18(**kwargs: Any) -> ResNet:
    """ResNet-18: basic blocks, `[2, 2, 2, 2]` per stage.

    Args:
        **kwargs: passed to `ResNet` (e.g. `num_classes`, `zero_init_residual`).

    Returns:
        The model, with freshly initialised weights.
    """
    return ResNet(BasicBlock, [2, 2, 2, 2], **kwargs)


def resnet34(**kwargs: Any) -> ResNet:
    """ResNet-34: basic blocks, `[3, 4, 6, 3]` per stage.

    Args:
        **kwargs: passed to `ResNet` (e.g. `num_classes`, `zero_init_residual`).

    Returns:
        The model, with freshly initialised weights.
    """
    return ResNet(BasicBlock, [3, 4, 6, 3], **kwargs)


def resnet50(**kwargs: Any) -> ResNet:
    """ResNet-50: bottleneck blocks, `[3, 4, 6, 3]` per stage, V1.5 unless told otherwise.

    Args:
        **kwargs: passed to `ResNet` (e.g. `stride_in_1x1=True` for the paper's V1).

    Returns:
        The model, with freshly initialised weights.
    """
    return ResNet(Bottleneck, [3, 4, 6, 3], **kwargs)
