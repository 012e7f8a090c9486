"""ResNet-18, -34 and -50, built here from scratch, have torchvision's parameter counts.

torchvision records `num_params` beside each set of weights: 11,689,512 for ResNet-18
(`ResNet18_Weights.IMAGENET1K_V1`), 21,797,672 for ResNet-34 and 25,557,032 for
ResNet-50. The figures are written once, in this topic's `published.toml`, and read
from there. The reference implementation in `_resnet.py` reaches all three exactly,
built on the `meta` device (shapes only, no memory). The paper itself gives no
parameter counts for its ImageNet models, only FLOPs (Table 1).

Conditions: exact integer counts of the full-size ImageNet models (1000 classes),
parameters only (BN's running statistics are buffers and not counted, as in
torchvision), no training, no data; built on the `meta` device.
"""

import torch

from snippets.vision.resnet._resnet import published, resnet18, resnet34, resnet50

# --8<-- [start:counts]
with torch.device("meta"):  # no weights are allocated
    models = {"ResNet-18": resnet18(), "ResNet-34": resnet34(), "ResNet-50": resnet50()}
keys = {"ResNet-18": "torchvision_resnet18_params", "ResNet-34": "torchvision_resnet34_params",
        "ResNet-50": "torchvision_resnet50_params"}
n18, n34, n50 = (sum(p.numel() for p in models[name].parameters()) for name in keys)
assert n18 == published(keys["ResNet-18"]), f"ResNet-18: got {n18:,}, torchvision {published(keys['ResNet-18']):,.0f}"
assert n34 == published(keys["ResNet-34"]), f"ResNet-34: got {n34:,}, torchvision {published(keys['ResNet-34']):,.0f}"
assert n50 == published(keys["ResNet-50"]), f"ResNet-50: got {n50:,}, torchvision {published(keys['ResNet-50']):,.0f}"
# --8<-- [end:counts]
