"""An input side that is not a multiple of 2**depth fails, and the reference U-Net says how to fix it.

With `depth = 4`, a height of 100 pools to 50, 25, 12 (rounded down) and 6. The decoder
doubles 6 to 12, which matches the skip of 12, then 12 to 24, which meets a skip of 25:
the concatenation fails. The reference implementation checks first and names the sizes to
pad or crop to; torch alone fails inside the decoder with a message that does not
mention the input at all.

Conditions: random weights at initialisation (no training), white-noise input of 100×64, depth 4, 2 base channels, same padding; the error texts of torch 2.13 and of `_unet.py`; seeds 0-5.

Assumption: every 2×2 pooling halves its input exactly, so the decoder's doublings land
back on the sizes of the skips.
Broken by: an input side that is not a multiple of 2**depth.
"""

import os

import torch

from snippets.vision.unet._unet import UNet

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

x = torch.randn(1, 1, 100, 64)  # (batch, channels, height, width): 100 = 6·16 + 4

# --8<-- [start:message]
net = UNet(in_channels=1, num_classes=2, base_channels=2, depth=4, padding=1)
try:
    net(x)
    message = None
except ValueError as error:
    message = str(error)
below, above = 100 // 16 * 16, 100 // 16 * 16 + 16  # the multiples of 16 around 100
expected = f"height 100 is not divisible by 2**4 = 16; pad or crop to {below} or {above}"
assert message == expected, f"expected {expected!r}, got {message!r}"
assert (below, above) == (96, 112)
for fixed in (below, above):  # and the advice works
    y = net(torch.randn(1, 1, fixed, 64))  # (batch, classes, height, width)
    assert tuple(y.shape) == (1, 2, fixed, 64), f"{fixed}: got {tuple(y.shape)}"
# --8<-- [end:message]

# --8<-- [start:raw]
raw = UNet(in_channels=1, num_classes=2, base_channels=2, depth=4, padding=1, check_size=False)
pooled = []  # the height after each pooling
raw.pool.register_forward_hook(lambda mod, inp, out: pooled.append(out.shape[-2]))
try:
    raw(torch.randn(1, 1, 100, 64))  # (batch, channels, height, width)
    raw_message = None
except RuntimeError as error:
    raw_message = str(error)
assert raw_message is not None, "torch accepted a height of 100"
assert "Sizes of tensors must match" in raw_message, raw_message
assert "100" not in raw_message, f"the raw error names the input after all: {raw_message}"
assert "size 25 but got size 24" in raw_message, raw_message  # the decoder's 24 against the skip's 25
assert pooled == [50, 25, 12, 6], f"heights after each pooling: {pooled}"
assert (2 * pooled[2], pooled[1]) == (24, 25), "the decoder doubles 12 to 24 and meets the skip's 25"
# --8<-- [end:raw]
