"""A fourfold upsampler whose kernel the stride does not divide: `ConvTranspose2d(k=6, s=4)`.

The page's mental model predicts the output of a constant image before anything runs.
Output pixel o receives one contribution for each tap t with o − t a multiple of s, so
the interior of the output has period s, and phase r (o ≡ r mod s) receives as many
contributions as there are taps t ≡ r mod s in range(k). For k = 6, s = 4 that is
2, 2, 1, 1: taps 0 and 4 land on phase 0, taps 1 and 5 on phase 1, taps 2 and 3 alone on
phases 2 and 3. In 2D the counts multiply, so the interior holds 1, 2 and 4, and the
brightest pixels come in 2×2 blocks, one block per 4×4 tile: a checkerboard of period 4,
coarser than the one-pixel pattern of kernel 3, stride 2, and just as strong (4 to 1).

The expected counts come from enumerating the taps of each phase; the measured ones
from `F.conv_transpose1d` / `F.conv_transpose2d` with ones kernels on ones inputs.
The period is measured as the smallest shift that maps the interior onto itself.

Conditions: exact counts, no training: ones kernels (k = 6, stride 4, no padding) on a
ones input of side 8, float32 (sums of small integers, exact).

Assumption: an upsampling layer turns a flat image into a flat image.
Broken by: a kernel size (6) that the stride (4) does not divide, so the output phases
receive 2, 2, 1 and 1 taps.
"""

import torch
import torch.nn.functional as F

n = 8  # input side: long enough for an interior of several periods


def smallest_period(values: list[float]) -> int:
    """The smallest shift p > 0 with values[i + p] == values[i] for every i."""
    return next(p for p in range(1, len(values)) if values[p:] == values[:-p])


# --8<-- [start:predict]
k, s = 6, 4  # ConvTranspose2d(k=6, s=4): the stride does not divide the kernel
per_phase = [len(range(r, k, s)) for r in range(s)]  # taps landing on phase r, by enumeration
assert per_phase == [2, 2, 1, 1], f"taps per phase: {per_phase}"

line = F.conv_transpose1d(torch.ones(1, 1, n), torch.ones(1, 1, k), stride=s)[0, 0]  # (34,)
inner = line[k - 1:(n - 1) * s + 1].tolist()  # pixels every tap can reach
got_phases = [inner[(r - (k - 1)) % s] for r in range(s)]  # inner[0] is output pixel k - 1
assert got_phases == per_phase, f"phase counts: expected {per_phase}, got {got_phases}"
period = smallest_period(inner)
assert period == 4, f"expected the pattern to repeat every 4 pixels, got {period}"

conv_t = torch.nn.ConvTranspose2d(1, 1, kernel_size=6, stride=4, bias=False)
with torch.no_grad():
    conv_t.weight.fill_(1.0)
    img = conv_t(torch.ones(1, 1, n, n))[0, 0]  # (34, 34) from (8, 8)
inner2d = img[k - 1:(n - 1) * s + 1, k - 1:(n - 1) * s + 1]  # (24, 24) interior
values = sorted(set(inner2d.flatten().tolist()))
assert values == [1, 2, 4], f"expected interior values [1, 2, 4], got {values}"
ratio = (inner2d.max() / inner2d.min()).item()
assert ratio == 4, f"brightest / darkest: expected 4, got {ratio}"
# the brightest pixels: phases 0 and 1 of both axes, one 2×2 block in every 4×4 tile
bright = (inner2d == 4).float()
block = [[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.0, 0.0], [0.0] * 4, [0.0] * 4]
tile = torch.tensor(block).roll(shifts=(-(k - 1) % s, -(k - 1) % s), dims=(0, 1))
assert torch.equal(bright, tile.repeat(6, 6)), "the value-4 pixels should form 2×2 blocks, 4 apart"
# --8<-- [end:predict]
