"""Where a downsampling bottleneck puts its stride: the paper (V1) against torchvision (V1.5).

The paper halves the resolution in the first 1×1 convolution of a stage's first
bottleneck; torchvision, like most code since, does it in the 3×3 convolution (ResNet
V1.5). Moving a stride changes no weight shape, so both have the same parameters and the
same output shapes. It changes the cost: in V1.5 the first 1×1 convolution of each of
the three downsampling blocks runs at the block's input resolution, four times the
pixels of V1's, so V1.5 does more multiply-adds. Counted here from the model (every
convolution and the classifier, at 224×224), V1.5 lands on torchvision's published
4.09 GFLOPS and ResNet-18 on its 1.81; V1 lands 1.5% above the paper's 3.8×10⁹
(Table 1), just outside its rounding. The extra cost of V1.5 is also written out by hand: for a block
with `c_in` input channels and bottleneck width `w`, whose input side is `s`,
`(s² − (s/2)²) · c_in · w` multiply-adds.

Conditions: exact multiply-add counts of the full-size ImageNet models for one
224×224 image on the `meta` device, no training, no data; norms, activations, pooling
and additions not counted; published figures read from `published.toml`.
"""

import torch
from torch import nn

from snippets.vision.resnet._resnet import published, resnet18, resnet50

# The paper quotes two significant figures (3.8 stands for 3.75 to 3.85). Our V1 count,
# 3.858 G, is just above that range, so the check allows 2%, not the rounding alone; the
# paper does not say exactly which layers its count includes.
PAPER_TOLERANCE = 0.02
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
(macs_v15, shapes_v15), (macs_v1, shapes_v1) = trace(v15, 224), trace(v1, 224)
assert shapes_v15 == shapes_v1, f"V1.5 {shapes_v15} vs V1 {shapes_v1}"
assert shapes_v1["layer4"] == (1, 2048, 7, 7) and shapes_v1["fc"] == (1, 1000), shapes_v1
# --8<-- [end:same]

# --8<-- [start:cost]
side = 224  # one 224×224 image, as in the published figures
with torch.device("meta"):
    macs_r18, _ = trace(resnet18(), side)
gmacs_v15, gmacs_v1, gmacs_r18 = macs_v15 / 1e9, macs_v1 / 1e9, macs_r18 / 1e9
assert round(gmacs_v15, 2) == published("torchvision_resnet50_gflops"), f"V1.5: {gmacs_v15:.3f} G"
assert round(gmacs_r18, 2) == published("torchvision_resnet18_gflops"), f"ResNet-18: {gmacs_r18:.3f} G"
paper_v1 = published("paper_resnet50_gflops")  # 3.8, two significant figures
assert abs(gmacs_v1 - paper_v1) / paper_v1 < PAPER_TOLERANCE, f"V1: {gmacs_v1:.3f} G, paper {paper_v1}"

# By hand: each downsampling block's first 1×1 runs on s×s pixels in V1.5, (s/2)×(s/2) in V1.
downsampling = [(56, 256, 128), (28, 512, 256), (14, 1024, 512)]  # (input side, c_in, width)
expected_extra = sum((s * s - (s // 2) ** 2) * c_in * w for s, c_in, w in downsampling)
extra = macs_v15 - macs_v1
assert extra == expected_extra == 231_211_008, f"V1.5 − V1: {extra:,}, by hand {expected_extra:,}"
share = extra / macs_v1
assert 0.05 < share < 0.07, f"V1.5 does {share:.1%} more than V1"
# --8<-- [end:cost]
