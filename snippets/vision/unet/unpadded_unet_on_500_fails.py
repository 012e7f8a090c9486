"""The paper's unpadded U-Net runs on a 500×500 image without an error, and gets its sizes wrong.

500 is not of the form 16m + 60, the sides the unpadded network of depth 4 fits. With its
size check off, nothing stops it: each level removes 4 pixels and halves, 500 → 496 → 248,
244 → 122, 118 → 59, 55 → 27, and the fourth pooling, handed an odd side of 55, drops a
row. The decoder then builds up from a bottleneck one half-row short: its maps come out
46, 84, 160 and 312 wide before the last two convolutions, and the output is 308, not the
316 that "input minus 184" (the rule for every side that fits) gives. The concatenations
do not complain either: the unpadded network centre-crops every skip to the decoder's size,
whatever the margin, and the deepest skip, 55 against 46, is cropped by an odd margin of 9,
which no crop can split evenly. Whether each crop still lines up with the decoder's map is
not checked here.

Conditions: shapes on the meta device (no data, no training), depth 4, 1 base channel, unpadded, size check off; exact integer sides.

Assumption: every pooling of the unpadded network halves an even side, so the output is
the input minus 184 and every skip crop is centred.
Broken by: a side not of the form 16m + 60, such as 500, which the network runs without complaint.
"""

import torch

from snippets.vision.unet._unet import UNet

# --8<-- [start:predict]
with torch.device("meta"):
    net = UNet(in_channels=1, num_classes=2, base_channels=1, depth=4, padding=0, check_size=False)
pooled, upsampled = [], []  # the side each pooling receives; the side each up-convolution returns
net.pool.register_forward_hook(lambda mod, inp, out: pooled.append(inp[0].shape[-1]))
for up in net.up:
    up.register_forward_hook(lambda mod, inp, out: upsampled.append(out.shape[-1]))

with torch.device("meta"):
    y = net(torch.empty(1, 1, 500, 500))  # (batch, classes, out, out): no error raised
rule = 500 - 184  # the output side for an input that fits (see Checks)
assert y.shape[-1] < rule, f"expected an output smaller than {rule}, got {y.shape[-1]}"
assert (y.shape[-1], rule) == (308, 316), (y.shape[-1], rule)
assert pooled == [496, 244, 118, 55], pooled  # the skips: the fourth is odd, and pools to 27
margins = [skip - dec for skip, dec in zip(reversed(pooled), upsampled, strict=True)]
assert margins == [9, 34, 84, 184], margins  # skip minus decoder side, deepest first
assert margins[0] % 2 == 1, "the deepest skip's margin is odd: it cannot be split evenly"
# --8<-- [end:predict]
