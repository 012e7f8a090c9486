"""The paper's unpadded U-Net fits only inputs of the form 16m + 60, and loses 184 pixels.

Each level of the contracting path removes 4 pixels (two valid 3×3 convolutions) and
then halves, and the halving must be exact: a 2×2 pooling on an odd size drops a row,
and the centre crop of the skip that is later concatenated is then off by half a pixel.
Walking back up from a bottleneck input of side m gives the sizes that fit,
16m + 60, and the output side, 16m − 124: always 184 pixels less than the input.
The check runs the network with its size check off on the `meta` device and watches
what every pooling receives.
Conditions: shapes on the meta device (no data, no training), depth 4, 1 base channel, unpadded; every side from 160 to 260 and six near 572; exact; the refusal text is `_unet.py`'s own.
"""

import torch

from snippets.vision.unet._unet import UNet

# --8<-- [start:sweep]
with torch.device("meta"):
    net = UNet(in_channels=1, num_classes=2, base_channels=1, depth=4, padding=0, check_size=False)
pooled = []  # the side of every map a pooling receives, for the current input
net.pool.register_forward_hook(lambda mod, inp, out: pooled.append(inp[0].shape[-1]))

fits, ran, lost = [], [], set()
tested = [*range(160, 261), 556, 570, 571, 572, 573, 588]  # every side from 160 to 260, a few near 572
for side in tested:
    pooled.clear()
    try:
        with torch.device("meta"):
            y = net(torch.empty(1, 1, side, side))  # (batch, classes, out, out)
    except RuntimeError:  # a map shrank below the 3×3 kernel: too small to run at all
        continue
    ran.append(side)
    if all(p % 2 == 0 for p in pooled):  # every pooling halved exactly
        fits.append(side)
        lost.add(side - y.shape[-1])

formula = [16 * m + 60 for m in range(8, 34)]  # from the walk in the docstring; m = 8 is the smallest
formula = [side for side in formula if side in tested]
assert fits == formula, f"expected {formula}, got {fits}"
assert fits[0] == 188, fits
# The sides around 572, each as (runs, fits): all of them run, only 16m + 60 fit, and
# 570 runs silently with a pooling that drops a row.
near = (556, 570, 571, 572, 573, 588)
assert [side for side in near if side in ran] == [556, 570, 571, 572, 573, 588], ran
assert [side for side in near if side in fits] == [556, 572, 588], fits
assert sorted(lost) == [184], f"expected every fitting input to lose 184 pixels, got {lost}"
# --8<-- [end:sweep]

# --8<-- [start:check]
checked = UNet(in_channels=1, num_classes=2, base_channels=1, depth=4, padding=0)  # check on
try:
    checked(torch.empty(1, 1, 570, 572, device="meta"))
    refusal = None
except ValueError as error:
    refusal = str(error)
nearest = [max(s for s in fits if s < 570), min(s for s in fits if s > 570)]  # from the sweep
assert nearest == [556, 572], nearest
expected = f"input side 570 does not fit the unpadded U-Net of depth 4; use {nearest[0]} or {nearest[1]}"
assert refusal == expected, f"expected {expected!r}, got {refusal!r}"
# --8<-- [end:check]
