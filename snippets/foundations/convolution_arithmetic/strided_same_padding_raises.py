"""Porting note: torch refuses 'same' padding for a strided convolution.

torch's `padding="same"` means "the output has the input's size". At stride s > 1 that
would take padding of about (s − 1)·H/2 pixels on each side, mostly zeros, and nobody
means that; frameworks that accept "same" at a stride (TensorFlow does) mean ⌈H / s⌉
outputs instead, padding more at the end than at the start. torch raises rather than
pick one, so a model ported from such a framework must compute its padding by hand.
This is a property of torch's API, not of convolutions.

Assumption: (torch's API) 'same' padding can be asked for at any stride.
Broken by: a stride greater than 1, where torch raises instead of choosing a padding.

Conditions: `nn.Conv2d(3, 8, kernel_size=3, stride=2, padding="same")`, built only (no
data, no training); torch 2.13 on CPU, whose error message is checked for the words "padding='same'" and "strided".
"""

from torch import nn

# --8<-- [start:check]
try:
    nn.Conv2d(3, 8, kernel_size=3, stride=2, padding="same")
except ValueError as error:
    message = str(error)
    assert "padding='same'" in message and "strided" in message, message
else:
    raise AssertionError("a strided conv with padding='same' was accepted")
# --8<-- [end:check]
