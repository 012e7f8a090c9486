"""`output_padding` can only choose among the sides a strided convolution would have
mapped to the input side: it must be smaller than the stride (or the dilation).

Asking for more is not a bigger output, it is an error: torch refuses
`output_padding=2` with `stride=2` and says why. The same holds for
`nn.ConvTranspose2d(..., output_size=...)`, which accepts only sizes in that range.

Conditions: no training; the error messages of torch 2.13 on CPU (their wording is version-specific).

Assumption: `output_padding` can make the output any size.
Broken by: an `output_padding` at least as large as the stride.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:refused]
x = torch.randn(1, 1, 4, 4)  # (batch, channels, height, width)
w = torch.randn(1, 1, 3, 3)  # (in_channels, out_channels, k, k)
try:
    F.conv_transpose2d(x, w, stride=2, output_padding=2)
    refused = ""
except RuntimeError as error:
    refused = str(error)
assert "output padding must be smaller than either stride or dilation" in refused, (
    f"expected torch to refuse output_padding=2 with stride=2, got: {refused!r}"
)

# Valid sides for 4 → k=3, s=2, p=0: (4−1)·2 + (3−1) + 1 = 9, plus output_padding 0 or 1.
up = nn.ConvTranspose2d(1, 1, kernel_size=3, stride=2)
try:
    up(x, output_size=(12, 12))
    message = ""
except ValueError as error:
    message = str(error)
assert "valid sizes range from [9, 9] to [10, 10]" in message, f"unexpected message: {message!r}"
# --8<-- [end:refused]
