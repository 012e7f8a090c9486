"""The shape of the data through ResNet-50 on a 224×224 image.

The stem divides the side by 4 (a stride-2 7×7 conv, then a stride-2 max pool); each
stage after the first divides it by 2 more, while the channels grow to 256, 512, 1024
and 2048. Expected sides come from the convolution arithmetic
`floor((n + 2p - k) / s) + 1`, measured ones from the model on the `meta` device.
The same arithmetic says why CIFAR's 32×32 images need another stem: the side is
divided by 32 in all, so the last stage works on a single pixel.

Conditions: exact shapes from one forward pass of the full-size ImageNet ResNet-50
on the `meta` device (no weights, no data, no training), batch of 1.
"""

import torch

from snippets.vision.resnet._resnet import resnet50


# --8<-- [start:shapes]
def out_side(n, k, s, p):
    return (n + 2 * p - k) // s + 1  # convolution arithmetic


side = 224
after_conv1 = out_side(side, k=7, s=2, p=3)  # 112
after_pool = out_side(after_conv1, k=3, s=2, p=1)  # 56
expected = {
    "conv1": (64, after_conv1, after_conv1),
    "maxpool": (64, after_pool, after_pool),
    "layer1": (256, after_pool, after_pool),
    "layer2": (512, after_pool // 2, after_pool // 2),
    "layer3": (1024, after_pool // 4, after_pool // 4),
    "layer4": (2048, after_pool // 8, after_pool // 8),
    "fc": (1000,),
}

with torch.device("meta"):
    model = resnet50()
    measured = {}
    hooks = [
        getattr(model, name).register_forward_hook(
            lambda module, inputs, output, name=name: measured.__setitem__(name, tuple(output.shape[1:]))
        )
        for name in expected
    ]
    model(torch.empty(1, 3, side, side))  # (batch, channels, height, width)

assert measured.keys() == expected.keys(), f"hooks fired for {sorted(measured)}"
for name in expected:
    assert measured[name] == expected[name], f"{name}: expected {expected[name]}, got {measured[name]}"

# The layout behind those shapes, as in the paper's Table 1 (50-layer column).
stages = [model.layer1, model.layer2, model.layer3, model.layer4]
stem = (model.conv1.kernel_size, model.conv1.stride, model.maxpool.kernel_size, model.maxpool.stride)
assert stem == ((7, 7), (2, 2), 3, 2), f"stem: {stem}"
assert [len(stage) for stage in stages] == [3, 4, 6, 3], "bottlenecks per stage"
assert [stage[0].conv2.out_channels for stage in stages] == [64, 128, 256, 512], "widths"
assert [stage[0].conv2.stride for stage in stages] == [(1, 1), (2, 2), (2, 2), (2, 2)], "strides"
# --8<-- [end:shapes]

# --8<-- [start:small]
with torch.device("meta"):
    small = {}
    model.layer4.register_forward_hook(lambda m, i, out: small.__setitem__("layer4", tuple(out.shape[1:])))
    model.eval()  # one image, 1×1 maps at the end: training-mode BN would refuse one value
    model(torch.empty(1, 3, 32, 32))  # a CIFAR-sized image: (batch, channels, height, width)
total_stride = 2 * 2 * 2 * 2 * 2  # conv1, maxpool, and the first blocks of layer2-4
assert small["layer4"] == (2048, 32 // total_stride, 32 // total_stride) == (2048, 1, 1), small
# --8<-- [end:small]
