"""An MLP's first layer grows with the number of pixels: with the square of the side.

A first layer of `hidden` units on a `channels × side × side` image has
`channels·side²·hidden` weights. Going from 32×32 to 224×224 multiplies the side by 7
and the weights by 7² = 49, for the same 256 hidden units; a convolution's count would
not move at all.
"""

from torch import nn

# --8<-- [start:growth]
hidden, channels = 256, 3
counts = {}
for side in (32, 224):
    layer = nn.Linear(channels * side * side, hidden, device="meta")  # counted, never allocated
    counts[side] = sum(p.numel() for p in layer.parameters())

expected = {side: channels * side * side * hidden + hidden for side in (32, 224)}
assert counts == expected, f"expected {expected}, got {counts}"
assert counts[32] == 786_688 and counts[224] == 38_535_424, counts
weights_ratio = (counts[224] - hidden) / (counts[32] - hidden)  # biases do not scale
assert weights_ratio == (224 / 32) ** 2 == 49, f"expected 49, got {weights_ratio}"
# --8<-- [end:growth]
