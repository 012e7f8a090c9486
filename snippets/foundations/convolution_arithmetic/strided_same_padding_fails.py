"""Failure mode: 'same' padding is refused for strided convolutions.

With stride s > 1 no padding gives an output of the input's size, so "same" has no
meaning; torch raises instead of guessing. A model ported from a framework that reads
"same" as ⌈H / s⌉ outputs (TensorFlow does) must compute its padding by hand.

Assumption: 'same' padding keeps the input's size.
Broken by: a stride greater than 1, for which no padding keeps the size.
"""

from torch import nn

# --8<-- [start:check]
try:
    nn.Conv2d(3, 8, kernel_size=3, stride=2, padding="same")
except ValueError as error:
    message = str(error)
else:
    raise AssertionError("a strided conv with padding='same' was accepted")
assert "padding='same'" in message and "strided" in message, message
# --8<-- [end:check]
