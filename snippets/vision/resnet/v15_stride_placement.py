"""Where a downsampling bottleneck puts its stride: the paper (V1) against torchvision (V1.5).

The paper halves the resolution in the first 1×1 convolution of a stage's first
bottleneck; torchvision, like most code since, does it in the 3×3 convolution (ResNet
V1.5). Moving a stride changes no weight shape, so both have the same parameters and the
same output shapes. It changes the cost: in V1.5 the first 1×1 convolution runs at the
full resolution, so V1.5 does more multiply-adds. Counted here from the model (every
convolution and the classifier, at 224×224), both land on the published figures:
torchvision's 4.09 GFLOPS for its V1.5 ResNet-50, the paper's 3.8×10⁹ for its V1.
"""

import torch
from torch import nn

from snippets.vision.resnet._resnet import resnet18, resnet50

TORCHVISION_GFLOPS = {"ResNet-18": 1.81, "ResNet-50": 4.09}  # torchvision docs, V1.5
PAPER_RESNET50_GFLOPS = 3.8  # He et al. 2015, Table 1: 3.8×10⁹ FLOPs (V1)
PAPER_ROUNDING = 0.03  # the paper quotes two significant figures
STAGES = ("layer1", "layer2", "layer3", "layer4", "fc")


def trace(model: nn.Module, side: int = 224) -> tuple[int, dict[str, tuple[int, ...]]]:
    """One meta forward pass: the multiply-accumulates of every convolution and linear
    layer for one image, and the output shape of each stage and of the classifier."""
    total, shapes = 0, {}

    def count(module, inputs, out):
        nonlocal total
        if isinstance(module, nn.Conv2d):
            k_h, k_w = module.kernel_size
            total += out[0].numel() * (module.in_channels // module.groups) * k_h * k_w
        elif isinstance(module, nn.Linear):
            total += module.in_features * module.out_features

    def shape(name):
        return lambda module, inputs, out: shapes.__setitem__(name, tuple(out.shape))

    hooks = [m.register_forward_hook(count) for m in model.modules()]
    hooks += [getattr(model, n).register_forward_hook(shape(n)) for n in STAGES]
    model(torch.empty(1, 3, side, side, device="meta"))  # (batch, channels, height, width)
    for hook in hooks:
        hook.remove()
    return total, shapes


with torch.device("meta"):
    v15, v1 = resnet50(), resnet50(stride_in_1x1=True)


# --8<-- [start:where]
def strides(stage: nn.Sequential) -> list[tuple]:
    """(1×1, 3×3, 1×1) strides of every bottleneck in a stage, first block first."""
    return [(block.conv1.stride, block.conv2.stride, block.conv3.stride) for block in stage]


for stage in (v15.layer2, v15.layer3, v15.layer4):  # only the first block halves, on its 3×3
    got = strides(stage)
    assert got == [((1, 1), (2, 2), (1, 1))] + [((1, 1), (1, 1), (1, 1))] * (len(stage) - 1), (
        f"V1.5: {got}"
    )
for stage in (v1.layer2, v1.layer3, v1.layer4):  # only the first block halves, on its first 1×1
    got = strides(stage)
    assert got == [((2, 2), (1, 1), (1, 1))] + [((1, 1), (1, 1), (1, 1))] * (len(stage) - 1), (
        f"V1: {got}"
    )
# --8<-- [end:where]

# --8<-- [start:same]
n_v15 = sum(p.numel() for p in v15.parameters())
n_v1 = sum(p.numel() for p in v1.parameters())
assert n_v15 == n_v1 == 25_557_032, f"V1.5 {n_v15:,} vs V1 {n_v1:,}"
(macs_v15, shapes_v15), (macs_v1, shapes_v1) = trace(v15), trace(v1)
assert shapes_v15 == shapes_v1, f"V1.5 {shapes_v15} vs V1 {shapes_v1}"
assert shapes_v1["layer4"] == (1, 2048, 7, 7) and shapes_v1["fc"] == (1, 1000), shapes_v1
# --8<-- [end:same]

# --8<-- [start:cost]
with torch.device("meta"):
    macs_r18, _ = trace(resnet18())
gmacs_v15, gmacs_v1, gmacs_r18 = macs_v15 / 1e9, macs_v1 / 1e9, macs_r18 / 1e9
assert round(gmacs_v15, 2) == TORCHVISION_GFLOPS["ResNet-50"], f"V1.5: {gmacs_v15:.3f} G"
assert round(gmacs_r18, 2) == TORCHVISION_GFLOPS["ResNet-18"], f"ResNet-18: {gmacs_r18:.3f} G"
assert abs(gmacs_v1 / PAPER_RESNET50_GFLOPS - 1) < PAPER_ROUNDING, f"V1: {gmacs_v1:.3f} G"
extra = gmacs_v15 / gmacs_v1 - 1
assert 0.05 < extra < 0.07, f"V1.5 costs {extra:.1%} more than V1"
# --8<-- [end:cost]
