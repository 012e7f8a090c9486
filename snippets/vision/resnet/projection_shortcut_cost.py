"""Projection shortcuts: what they cost and exactly where a ResNet needs them.

A shortcut adds its input to the branch's output, so it must match the output's shape.
Where a block keeps both the channels and the resolution, the identity does, for free.
Where it changes either, the paper's option B uses a projection: a 1×1 convolution
(strided where the resolution halves) and a norm, `c_in·c_out + 2·c_out` parameters. ResNet-18 has three, one at
the start of each stage after the first; ResNet-50 has four, because its first stage
also widens 64 channels to 256.

Conditions: exact integer counts and shapes of the full-size ImageNet models on the
`meta` device (parameters only, no running statistics), no training, no data; the
shares rounded to three decimals.
"""

import torch

from snippets.vision.resnet._resnet import BasicBlock, Bottleneck, projection, resnet18, resnet50

# --8<-- [start:one]
one = projection(64, 128, stride=2)  # entering ResNet-18's second stage
got_one = sum(p.numel() for p in one.parameters())
expected_one = 64 * 128 + 2 * 128  # 1×1 weights + the norm's γ and β
assert got_one == expected_one == 8_448, f"expected {expected_one:,}, got {got_one:,}"
# --8<-- [end:one]

# --8<-- [start:total]
def cost(c_in, c_out):
    return c_in * c_out + 2 * c_out


transitions = {  # (channels in, channels out) of every block whose shape changes
    "ResNet-18": [(64, 128), (128, 256), (256, 512)],
    "ResNet-50": [(64, 256), (256, 512), (512, 1024), (1024, 2048)],
}
with torch.device("meta"):
    models = {"ResNet-18": resnet18(), "ResNet-50": resnet50()}
shares = {}
for name, model in models.items():
    got = sum(p.numel() for n, p in model.named_parameters() if ".downsample." in n)
    expected = sum(cost(a, b) for a, b in transitions[name])
    assert got == expected, f"{name}: expected {expected:,}, got {got:,}"
    shares[name] = got / sum(p.numel() for p in model.parameters())
assert sum(cost(a, b) for a, b in transitions["ResNet-18"]) == 173_824
assert sum(cost(a, b) for a, b in transitions["ResNet-50"]) == 2_776_576
assert round(shares["ResNet-18"], 3) == 0.015 and round(shares["ResNet-50"], 3) == 0.109, shares
# --8<-- [end:total]

# --8<-- [start:where]
# Run a meta image through ResNet-50 and record each block's input and output shapes.
seen = []
for block in models["ResNet-50"].modules():
    if isinstance(block, (BasicBlock, Bottleneck)):
        block.register_forward_hook(
            lambda m, inputs, out: seen.append((m.downsample is not None, inputs[0].shape != out.shape))
        )
models["ResNet-50"](torch.empty(1, 3, 224, 224, device="meta"))  # (batch, channels, h, w)
assert all(has == changes for has, changes in seen), f"(projection?, shape changes?): {seen}"
assert sum(has for has, _ in seen) == 4 and len(seen) == 16, seen
# --8<-- [end:where]
