"""Merging W + (alpha/r) B A into one matrix gives the same outputs as the two-path forward.

Matrix products distribute over the sum: x (W + s B A)ᵀ = x Wᵀ + s (x Aᵀ) Bᵀ. So once
trained, the update can be folded into the weight: the merged layer is a plain
`nn.Linear` of the original size, with no extra parameter and no extra work per token,
and subtracting the update gives the pretrained weight back.

Conditions: no training; A and B set to random values (B is not left at zero, which would
make the check trivial), a `64 × 48` layer with bias, rank 4, alpha 8, random input of
shape 32 × 48; float64, equal to 1e-12; seeds 0-9.
"""

import os

import torch
from torch import nn

from snippets.adaptation.lora._lora import LoRALinear

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-12  # float64 rounding of two orders of summation

# --8<-- [start:merge]
base = nn.Linear(48, 64, dtype=torch.float64)
layer = LoRALinear(base, r=4, alpha=8.0)
with torch.no_grad():
    layer.B.normal_()  # as if trained: a non-zero update
x = torch.randn(32, 48, dtype=torch.float64)  # (batch, in_features)

two_paths = layer(x)  # W x + (alpha / r) B (A x), never forming B A
merged = layer.merged()  # one nn.Linear with W + (alpha / r) B A
one_path = merged(x)  # (batch, out_features)
gap = (two_paths - one_path).abs().max().item()
assert gap < TOL, f"merged and unmerged outputs differ by {gap:.2e}"
assert (layer.delta_weight() != 0).any(), "the update must be non-zero for the check to mean anything"

merged_count = sum(p.numel() for p in merged.parameters())
assert merged_count == sum(p.numel() for p in base.parameters()) == 64 * 48 + 64, merged_count
# --8<-- [end:merge]

# --8<-- [start:unmerge]
restored = merged.weight - layer.delta_weight()  # unmerge: switch the task off again
back = (restored - base.weight).abs().max().item()
assert back < TOL, f"unmerging should give the pretrained weight back, off by {back:.2e}"
# --8<-- [end:unmerge]
