"""The shape of the data through ResNet-50 on a 224×224 image.

The stem divides the side by 4 (a stride-2 7×7 conv, then a stride-2 max pool); each
stage after the first divides it by 2 more, while the channels grow to 256, 512, 1024
and 2048. Expected sides come from the convolution arithmetic
`floor((n + 2p - k) / s) + 1`, measured ones from the model on the `meta` device.
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
# --8<-- [end:shapes]
