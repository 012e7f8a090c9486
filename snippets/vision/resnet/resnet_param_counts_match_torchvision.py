"""ResNet-18 and ResNet-50, built here from scratch, have torchvision's parameter counts.

torchvision records `num_params` beside each set of weights: 11,689,512 for ResNet-18
(`ResNet18_Weights.IMAGENET1K_V1`) and 25,557,032 for ResNet-50
(`ResNet50_Weights.IMAGENET1K_V1`). The reference implementation in `_resnet.py`
reaches both numbers exactly, built on the `meta` device (shapes only, no memory).
"""

import torch

from snippets.vision.resnet._resnet import resnet18, resnet50

# Published figures: torchvision model docs, `num_params` of each weights enum.
TORCHVISION_RESNET18 = 11_689_512
TORCHVISION_RESNET50 = 25_557_032

# --8<-- [start:counts]
with torch.device("meta"):  # no weights are allocated
    r18, r50 = resnet18(), resnet50()
n18 = sum(p.numel() for p in r18.parameters())
n50 = sum(p.numel() for p in r50.parameters())
assert n18 == TORCHVISION_RESNET18, f"ResNet-18: expected {TORCHVISION_RESNET18:,}, got {n18:,}"
assert n50 == TORCHVISION_RESNET50, f"ResNet-50: expected {TORCHVISION_RESNET50:,}, got {n50:,}"
# --8<-- [end:counts]
