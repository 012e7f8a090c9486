"""Resize, then convolve: a constant image stays constant in the interior, whatever
the weights — the fix proposed by Odena, Dumoulin & Olah (2016).

Nearest-neighbour upsampling copies every pixel into a 2×2 block; a stride-1 3×3
convolution then slides over an image in which every position sees the same number
of taps, each tap reading the same constant c. Every interior output is therefore
c · (sum of the kernel), for a ones kernel and for PyTorch's default random
initialisation alike. Only the one-pixel border, where the zero padding enters,
differs. The transposed convolution of the same image, for contrast, is not flat
(see `checkerboard_from_constant_image_fails.py`).
Conditions: no training: a constant 10×10 image, a ones kernel and PyTorch's default initialisation; float32, flat within 1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 sums of 9 products of order 1

c = 1.0
flat = torch.full((1, 1, 10, 10), c)  # (batch, channels, height, width)

# --8<-- [start:resize_conv]
for init in ("ones", "default"):
    conv = nn.Conv2d(1, 1, kernel_size=3, padding=1, bias=False)
    if init == "ones":
        nn.init.ones_(conv.weight)
    with torch.no_grad():
        big = F.interpolate(flat, scale_factor=2, mode="nearest")  # (1, 1, 20, 20)
        out = conv(big)[0, 0]  # (20, 20)
    inner = out[1:-1, 1:-1]  # drop the border the zero padding touches
    predicted = c * conv.weight.sum().item()  # every interior pixel: c times the kernel's sum
    gap = (inner - predicted).abs().max().item()
    assert gap < TOL, f"{init} weights: interior should all be {predicted:.5f}; largest gap {gap:.2g}"
    spread = (inner.max() - inner.min()).item()
    assert spread < TOL, f"{init} weights: interior should be flat, spread {spread:.2g}"
# --8<-- [end:resize_conv]

# --8<-- [start:shapes]
# Same shape in, same shape out as a doubling transposed conv (k=4, s=2, p=1) …
up = nn.ConvTranspose2d(1, 1, kernel_size=4, stride=2, padding=1, bias=False)
resize_conv_shape = conv(F.interpolate(flat, scale_factor=2, mode="nearest")).shape
assert up(flat).shape == resize_conv_shape == (1, 1, 20, 20), f"{up(flat).shape} vs {resize_conv_shape}"
# … and with the ones kernel the transposed conv's interior is flat but its border is not.
nn.init.ones_(up.weight)
with torch.no_grad():
    out = up(flat)[0, 0]  # (20, 20)
# A ones kernel is separable: each output pixel is (taps reaching its row) × (taps reaching
# its column), 2 × 2 = 4 inside, 2 × 1 = 2 on an edge, 1 × 1 = 1 in a corner.
taps = torch.full((20,), 2.0)  # k/s = 4/2 kernel taps reach each output row (or column) ...
taps[[0, -1]] = 1.0  # ... except the first and the last, where the padding crops one away
assert (out == c * torch.outer(taps, taps)).all(), f"expected 4 inside, 2 on the edges, 1 at the corners:\n{out}"
assert sorted(set(out.flatten().tolist())) == [1.0, 2.0, 4.0], f"values {sorted(set(out.flatten().tolist()))}"
# --8<-- [end:shapes]
