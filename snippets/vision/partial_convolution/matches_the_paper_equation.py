"""PartialConv2d computes the paper's equation, window by window.

Liu et al. (2018), Eq. (1): x' = Wᵀ(X⊙M)·sum(1)/sum(M) + b where the window sees at least
one valid pixel, and 0 where it sees none. The reference module does it with two
convolutions (one of the masked input, one of the mask with a window of ones); this check
does it the slow way, a numpy loop over every output position and channel, and compares.
The mask has a 4×4 hole, so some 3×3 windows see no valid pixel at all, plus scattered
missing pixels, so many windows see only a few.

Conditions: random weights and biases at initialisation, white-noise input of shape
1×2×8×8, a random mask with a 4×4 hole, float32 module against a float64 loop; equal to
1e-5; seeds 0-5.
"""

import os

import numpy as np
import torch

from snippets.vision.partial_convolution._partial_conv import PartialConv2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
TOL = 1e-5  # float32 sums of 18 products, rescaled by at most 9

# --8<-- [start:loop]
c_in, c_out, k, pad = 2, 3, 3, 1
conv = PartialConv2d(c_in, c_out, k, padding=pad)
with torch.no_grad():
    conv.bias.uniform_(-1, 1)  # a visible bias, so that "0, not b" is tested too
x = torch.randn(1, c_in, 8, 8)  # (batch, channels, height, width)
mask = torch.from_numpy((rng.random((1, 1, 8, 8)) > 0.2).astype(np.float32))
mask[..., 2:6, 2:6] = 0  # a 4×4 hole: the 2×2 windows at its centre see nothing
y, new_mask = conv(x, mask)  # (1, 3, 8, 8), (1, 1, 8, 8)

W, b = conv.weight.detach().numpy(), conv.bias.detach().numpy()  # (3, 2, 3, 3), (3,)
X = np.pad(x.numpy()[0], ((0, 0), (pad, pad), (pad, pad)))  # zero padding is a hole
M = np.pad(mask.numpy()[0, 0], pad)
expected = np.zeros((c_out, 8, 8), dtype=np.float64)
for i in range(8):
    for j in range(8):
        m = M[i : i + k, j : j + k]  # the mask under this window
        if m.sum() == 0:
            continue  # no valid pixel: output 0
        for o in range(c_out):
            window = X[:, i : i + k, j : j + k] * m  # X ⊙ M
            expected[o, i, j] = (W[o] * window).sum() * (k * k) / m.sum() + b[o]

err = np.abs(y.detach().numpy()[0] - expected).max()
assert err < TOL, f"module and loop differ by {err:.2e}"
blind = (new_mask[0, 0] == 0).numpy()
assert blind.sum() >= 4 and np.all(y.detach().numpy()[0][:, blind] == 0.0)
# --8<-- [end:loop]
