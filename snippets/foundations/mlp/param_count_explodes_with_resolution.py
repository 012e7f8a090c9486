"""An MLP's first layer grows linearly with the number of pixels: with the square of the side.

A first layer of `hidden` units on a `channels × side × side` image has
`channels·side²·hidden` weights: one per (input value, unit) pair. For a fixed number
of units that is linear in the number of pixels. Going from 32×32 to 224×224 multiplies
the side by 7, the pixels by 7² = 49 and the weights by 49 too; a convolution's count
would not move at all. (A layer whose output is as large as its input grows with the
square of the number of pixels instead: see `wide_mlp_on_224_images_fails.py`.)

Conditions: exact integer counts on the `meta` device (nothing allocated); no data, no
training.
"""

from snippets.foundations.mlp._first_layer import first_layer_params

# --8<-- [start:growth]
hidden, channels = 256, 3
# nn.Linear(channels * side * side, hidden) on the meta device: counted, never allocated
counts = {side: first_layer_params(side, channels, hidden) for side in (32, 224)}

expected = {side: channels * side * side * hidden + hidden for side in (32, 224)}
assert counts == expected, f"expected {expected}, got {counts}"
assert counts[32] == 786_688 and counts[224] == 38_535_424, counts
assert counts[224] > counts[32], "the layer should grow with the image"
pixels_ratio = (224 * 224) / (32 * 32)
weights_ratio = (counts[224] - hidden) / (counts[32] - hidden)  # biases do not scale
assert weights_ratio == pixels_ratio == 49, f"pixels ×{pixels_ratio}, weights ×{weights_ratio}"
# --8<-- [end:growth]
