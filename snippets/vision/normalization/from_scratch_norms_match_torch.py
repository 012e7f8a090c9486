"""Group norm and layer norm written out match PyTorch, and group norm spans the family.

`_norms.group_norm` splits each sample's channels into G groups and standardises
each group over its channels and positions; `_norms.layer_norm` standardises each
sample over everything. With random scales and shifts both agree with
`nn.GroupNorm` and `nn.LayerNorm`. Group norm with G = 1 is layer norm over
(C, H, W) (with a per-channel instead of a per-element affine), and with G = C it is
instance norm (Wu & He 2018, section 3.1).

Conditions: no training; random scales and shifts; Gaussian input of shape 4×12×5×5
(mean 1, standard deviation 3), float32, within 1e-5; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.normalization._norms import group_norm, layer_norm

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32: the two sides sum in different orders

# --8<-- [start:check]
n, c, h, w = 4, 12, 5, 5
x = torch.randn(n, c, h, w) * 3 + 1  # (batch, channels, height, width)

gn = nn.GroupNorm(3, c)
ln = nn.LayerNorm([c, h, w])
with torch.no_grad():
    for layer in (gn, ln):  # random affine parameters, so they are tested too
        layer.weight.normal_()
        layer.bias.normal_()
    err_gn = (group_norm(x, 3, gn.weight, gn.bias) - gn(x)).abs().max().item()
    err_ln = (layer_norm(x, ln.weight, ln.bias) - ln(x)).abs().max().item()
assert err_gn < TOL, f"group norm from scratch differs by {err_gn:.2e}"
assert err_ln < TOL, f"layer norm from scratch differs by {err_ln:.2e}"
# --8<-- [end:check]

# --8<-- [start:family]
ones, zeros = torch.ones(c), torch.zeros(c)
with torch.no_grad():
    as_layer = group_norm(x, 1, ones, zeros)  # one group: the whole sample
    as_instance = group_norm(x, c, ones, zeros)  # one channel per group
    err_layer = (as_layer - nn.LayerNorm([c, h, w], elementwise_affine=False)(x)).abs().max().item()
    err_instance = (as_instance - nn.InstanceNorm2d(c)(x)).abs().max().item()
assert err_layer < TOL, f"GroupNorm(1, C) vs LayerNorm([C, H, W]): {err_layer:.2e}"
assert err_instance < TOL, f"GroupNorm(C, C) vs InstanceNorm2d(C): {err_instance:.2e}"
with torch.no_grad():  # PyTorch's own GroupNorm too, not only the from-scratch one
    err_torch_layer = (nn.GroupNorm(1, c)(x) - nn.LayerNorm([c, h, w])(x)).abs().max().item()
    err_torch_instance = (nn.GroupNorm(c, c)(x) - nn.InstanceNorm2d(c)(x)).abs().max().item()
assert err_torch_layer < TOL, f"nn.GroupNorm(1, C) vs nn.LayerNorm: {err_torch_layer:.2e}"
assert err_torch_instance < TOL, f"nn.GroupNorm(C, C) vs nn.InstanceNorm2d: {err_torch_instance:.2e}"
# --8<-- [end:family]
