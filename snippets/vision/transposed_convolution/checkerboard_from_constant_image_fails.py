"""A transposed convolution turns a flat image into a checkerboard unless its weights
happen to be balanced — the artifact of Odena, Dumoulin & Olah (2016).

Stride 2 splits the output into 2×2 *phases* (even/odd row × even/odd column). In the
interior, each phase of the output of a constant image c is c times the sum of the
kernel taps that land on that phase, and nothing forces the four sums to agree:

* kernel 3 with a ones kernel: the phases get 1, 2, 2 and 4 taps, so a flat input
  comes out with a 4-to-1 checkerboard;
* kernel 4 (even overlap) at its default random initialisation: every phase gets 4
  taps, but their *weights* differ, so the flat input still comes out periodic and
  not flat. Even overlap fixes the counts, not the values.

The phase values are predicted from the kernel alone (sums of its taps) and compared
with the layer's output.

Conditions: no training: a ones kernel, then PyTorch's default initialisation; a constant 10×10 image; float32, phases predicted within 1e-5, the spread bound 0.25 checked for seeds 0-5.

Assumption: an upsampling layer turns a flat image into a flat image.
Broken by: a kernel whose taps land unevenly on the output phases (kernel 3, stride 2), or uneven weights.
"""

import os

import torch
from torch import nn

from snippets.vision.transposed_convolution._scatter import through_ones_kernel

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 sums of at most 16 products of order 1
MIN_SPREAD = 0.25  # a flat output has spread 0; over 200 seeds of the default init the least was 0.73

c = 1.0
flat = torch.full((1, 1, 10, 10), c)  # (batch, channels, height, width), a constant image

# --8<-- [start:ones]
out = through_ones_kernel(flat, k=3, stride=2)  # ConvTranspose2d(1, 1, 3, stride=2), all-one weights: (21, 21)
inner = out[2:19, 2:19]  # pixels every tap can reach
low, high = inner.min().item(), inner.max().item()
assert (low, high) == (1.0, 4.0), f"a flat image should stay flat; interior spans {low} to {high}"
# --8<-- [end:ones]

# --8<-- [start:random]
up4 = nn.ConvTranspose2d(1, 1, kernel_size=4, stride=2, bias=False)  # PyTorch's default init
with torch.no_grad():
    out = up4(flat)[0, 0]  # (22, 22)
w = up4.weight[0, 0].detach()  # (4, 4)
inner = out[3:19, 3:19]  # (16, 16), starts on an odd row and column
for r in (0, 1):
    for q in (0, 1):
        # Output pixel 2i + t receives tap t: taps of one parity feed one phase.
        predicted = c * w[(r + 1) % 2::2, (q + 1) % 2::2].sum().item()
        got = inner[r::2, q::2]
        gap = (got - predicted).abs().max().item()
        assert gap < TOL, f"phase ({r}, {q}): predicted {predicted:.6f}, largest gap {gap:.2g}"
spread = ((inner.max() - inner.min()) / inner.abs().mean()).item()
assert spread > MIN_SPREAD, f"interior should not be flat: relative spread {spread:.3f}"
# --8<-- [end:random]
