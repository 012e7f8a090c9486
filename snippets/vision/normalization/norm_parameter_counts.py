"""What each normalisation layer stores: parameters (learned) and buffers (tracked).

`BatchNorm2d(C)` learns a scale and a shift per channel (2C parameters) and tracks
a running mean and variance per channel (2C buffer values) plus one counter of
batches seen. `GroupNorm(G, C)` learns the same 2C and tracks nothing.
`LayerNorm([C, H, W])` learns a scale and shift for every element it normalises
(2·C·H·W), which ties the layer to one image size; `LayerNorm(C)` on the last
dimension, as transformers use it, learns 2C.
Expected values are the formulas written out.

Conditions: exact integer counts of freshly built layers (no training, no data),
C = 64 channels on 8×8 maps.
"""

import torch
from torch import nn


def n_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())


def n_buffer_values(m: nn.Module) -> int:
    return sum(b.numel() for b in m.buffers())


# --8<-- [start:check]
c, h, w = 64, 8, 8
bn, gn = nn.BatchNorm2d(c), nn.GroupNorm(8, c)
ln_chw, ln_c = nn.LayerNorm([c, h, w]), nn.LayerNorm(c)

assert n_params(bn) == 2 * c == 128, f"BatchNorm2d: {n_params(bn)}"
assert n_buffer_values(bn) == 2 * c + 1 == 129, f"BatchNorm2d buffers: {n_buffer_values(bn)}"
assert bn.num_batches_tracked.dtype == torch.long, "the counter is an integer"
assert n_params(gn) == 2 * c == 128 and n_buffer_values(gn) == 0, f"GroupNorm: {n_params(gn)}"
assert n_params(ln_chw) == 2 * c * h * w == 8_192, f"LayerNorm([C, H, W]): {n_params(ln_chw)}"
assert n_params(ln_c) == 2 * c == 128 and n_buffer_values(ln_c) == 0, f"LayerNorm(C): {n_params(ln_c)}"
# --8<-- [end:check]
