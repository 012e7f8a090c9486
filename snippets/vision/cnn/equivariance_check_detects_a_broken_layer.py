"""The equivariance measure used on this page can fail: it reports a large error for a
layer that is not shift-equivariant.

A check that always says "equivariant" would make every equivariance claim on the page
worthless. Adding a fixed position-dependent pattern (a learned positional bias, as in
some detectors) breaks equivariance, and the measure must see it; the same layer
without the pattern must pass.

Conditions: random weights at initialisation, white-noise input of shape 2×2×16×16,
float32, circular padding, a shift of 3 columns; clean error below 1e-6, broken error
above 0.5; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.cnn._shift import equivariance_error

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-6  # float32 rounding

# --8<-- [start:check]
conv = nn.Conv2d(2, 2, 3, padding=1, padding_mode="circular")
ramp = torch.linspace(0, 1, 16).view(1, 1, 1, 16)  # brighter to the right: knows where it is


def with_position(x: torch.Tensor) -> torch.Tensor:
    return conv(x) + ramp


x = torch.randn(2, 2, 16, 16)  # (batch, channels, height, width)
clean = equivariance_error(conv, x, 0, 3).max().item()
broken = equivariance_error(with_position, x, 0, 3).max().item()
assert clean < TOL, f"the plain conv should pass: {clean:.2e}"
assert broken > 0.5, f"the positional bias should be caught: {broken:.2e}"
# --8<-- [end:check]
