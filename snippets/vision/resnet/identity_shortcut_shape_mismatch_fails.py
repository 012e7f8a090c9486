"""An identity shortcut cannot join a block that changes channels or resolution.

Without a projection, `out + x` adds tensors of different shapes. A block that halves
the resolution (stride 2) or one that doubles the channels both fail on the first
forward pass with PyTorch's broadcasting error, naming the dimension that disagrees.

Conditions: random weights at initialisation, no training, white-noise input of
shape 1×64×8×8; the error is PyTorch's own (torch 2.13), raised by the addition.

Assumption: the shortcut and the branch produce tensors of the same shape.
Broken by: a block that changes the stride or the channel count without a projection.
"""

import torch

from snippets.vision.resnet._resnet import BasicBlock, projection

# --8<-- [start:fails]
x = torch.randn(1, 64, 8, 8)  # (batch, channels, height, width)
cases = {
    "stride 2": BasicBlock(64, 64, stride=2),  # output (1, 64, 4, 4)
    "64 -> 128 channels": BasicBlock(64, 128),  # output (1, 128, 8, 8)
}
raised = {}
for name, block in cases.items():
    try:
        block(x)
        raised[name] = False
    except RuntimeError as error:  # the addition `out + identity` cannot broadcast
        raised[name] = True
        assert "must match the size of tensor" in str(error), f"{name}: {error}"
assert all(raised.values()), f"no error for {[n for n, r in raised.items() if not r]}"

fixed = BasicBlock(64, 128, stride=2, downsample=projection(64, 128, stride=2))
assert fixed(x).shape == (1, 128, 4, 4), "the projection should make the shapes agree"
# --8<-- [end:fails]
