"""A stride-2 1×1 convolution never looks at three quarters of its input.

A 1×1 kernel sees one pixel; with stride 2 it visits every other row and column, so
the pixels at odd rows or odd columns never reach the output. That is what the paper's
downsampling bottleneck (V1) does to its input: its stride-2 1×1 convolution discards
75% of the positions before any 3×3 kernel could summarise them. A stride-2 3×3
convolution with padding 1 (V1.5) covers every input pixel with at least one window.
Measured with gradients: an input pixel that reaches the output gets a non-zero one.

Conditions: single random convolutions at initialisation (no training), white-noise
input of shape 1×16×8×8, exact (gradients exactly zero or not, outputs bit-equal or
not); seeds 0-5.

Assumption: a downsampling layer summarises every input position before dropping resolution.
Broken by: putting the stride on a 1×1 convolution (the paper's V1 bottleneck).
"""

import os

import torch

from snippets.vision.resnet._resnet import conv1x1, conv3x3

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:reads]
def fraction_read(conv, side=8):
    """Share of input positions whose gradient is non-zero: the pixels the output sees."""
    x = torch.randn(1, conv.in_channels, side, side, requires_grad=True)  # (batch, c, h, w)
    conv(x).pow(2).sum().backward()
    return (x.grad.abs().sum(dim=1) > 0).float().mean().item()


v1_conv = conv1x1(16, 16, stride=2)  # the paper: stride on the 1×1
v15_conv = conv3x3(16, 16, stride=2)  # torchvision: stride on the 3×3
assert v1_conv.kernel_size == (1, 1) and v15_conv.kernel_size == (3, 3), "wrong kernels"
v1_reads, v15_reads = fraction_read(v1_conv), fraction_read(v15_conv)
assert v1_reads == 1 / 4 == 0.25, f"the strided 1×1 reads {v1_reads:.0%} of its input"
assert v15_reads == 1.0, f"the strided 3×3 reads {v15_reads:.0%} of its input"
# --8<-- [end:reads]

# --8<-- [start:blind]
# Rewrite every pixel at an odd row or odd column: the strided 1×1 output cannot tell.
conv, conv3 = conv1x1(16, 16, stride=2), conv3x3(16, 16, stride=2)
assert (conv.kernel_size, conv3.kernel_size) == ((1, 1), (3, 3)), "wrong kernels"
x = torch.randn(1, 16, 8, 8)  # (batch, channels, height, width)
changed = x.clone()
changed[:, :, 1::2, :] = torch.randn_like(changed[:, :, 1::2, :])
changed[:, :, :, 1::2] = torch.randn_like(changed[:, :, :, 1::2])
with torch.no_grad():
    assert torch.equal(conv(x), conv(changed)), "the strided 1×1 noticed the change"
    assert not torch.equal(conv3(x), conv3(changed)), "the strided 3×3 missed the change"
# --8<-- [end:blind]
