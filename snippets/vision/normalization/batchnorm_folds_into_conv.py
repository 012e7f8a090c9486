"""At inference, batch norm folds into the convolution before it, at no cost.

In evaluation mode batch norm computes γ · (z − μ) / √(σ² + eps) + β per channel
with fixed numbers: an affine map. Applied after a convolution z = W ∗ x + b, it is
the same as one convolution with weights W · γ/√(σ² + eps) (per output channel) and
bias (b − μ) · γ/√(σ² + eps) + β. The folded layer gives the same outputs and has
exactly the convolution's parameter count. Deployed networks do this, and it is why
batch norm's inference cost is zero, and also why it cannot adapt at test time.
Conditions: evaluation mode, random weights, running statistics and affine parameters
(no training), white-noise input of shape 2×3×12×12, float32, within 1e-5; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 rounding

# --8<-- [start:check]
conv, bn = nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16)
with torch.no_grad():  # pretend training happened: non-trivial statistics and affine
    bn.running_mean.normal_()
    bn.running_var.uniform_(0.5, 2.0)
    bn.weight.normal_()
    bn.bias.normal_()
bn.eval()

scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)  # (16,)
folded = nn.Conv2d(3, 16, 3, padding=1)
with torch.no_grad():
    folded.weight.copy_(conv.weight * scale.view(16, 1, 1, 1))
    folded.bias.copy_((conv.bias - bn.running_mean) * scale + bn.bias)
    x = torch.randn(2, 3, 12, 12)  # (batch, channels, height, width)
    err = (folded(x) - bn(conv(x))).abs().max().item()
assert err < TOL, f"folded conv differs from conv + batch norm by {err:.2e}"
n_conv = sum(p.numel() for p in conv.parameters())
n_folded = sum(p.numel() for p in folded.parameters())
assert n_folded == n_conv == 16 * 3 * 3 * 3 + 16 == 448, f"{n_folded} vs {n_conv}"
# --8<-- [end:check]
