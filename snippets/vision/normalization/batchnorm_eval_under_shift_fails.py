"""In evaluation mode batch norm is a fixed affine map, so it passes a data shift through.

After training, `BatchNorm2d` in evaluation mode subtracts the *stored* running mean
and divides by the *stored* running standard deviation. If test inputs come from a
shifted distribution (another camera, another lighting: here mean 3 and std 2
instead of 0 and 1), the layer still applies the training statistics, and its output
has mean ≈ 3 and std ≈ 2 where training saw 0 and 1: every later layer receives
inputs it was never trained on. Training mode, or group norm, would re-normalise from
the test batch itself (at the cost of the batch coupling shown on this page).
Conditions: 100 training-mode batches of shape 32×4×8×8 from a standard normal (so
the running statistics have converged: 0.9¹⁰⁰ ≈ 2.7e-5 of the initial values is left),
no weights trained (γ = 1, β = 0), test batch scaled by 2 and shifted by 3, float32;
means and standard deviations to one decimal (group norm within 0.01); seeds 0-5.

Assumption: test inputs follow the distribution the running statistics were collected on.
Broken by: a shift of the input distribution at test time (another camera, lighting or domain).
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SHIFT, SCALE = 3.0, 2.0

# --8<-- [start:check]
bn, gn = nn.BatchNorm2d(4), nn.GroupNorm(1, 4)
with torch.no_grad():
    for _ in range(100):  # training: inputs from N(0, 1)
        y_train = bn(torch.randn(32, 4, 8, 8))  # (batch, channels, height, width)
    bn.eval()
    test = torch.randn(32, 4, 8, 8) * SCALE + SHIFT  # the test data moved
    y_eval, y_gn = bn(test), gn(test)

# Expected: (SCALE·z + SHIFT − μ_run) / σ_run with μ_run ≈ 0, σ_run ≈ 1.
assert round(y_train.mean().item(), 1) == 0.0 and round(y_train.std().item(), 1) == 1.0, "training"
assert round(y_eval.mean().item(), 1) == 3.0, f"eval-mode mean {y_eval.mean().item():.3f}"
assert round(y_eval.std().item(), 1) == 2.0, f"eval-mode std {y_eval.std().item():.3f}"
assert abs(y_gn.mean().item()) < 0.01 and abs(y_gn.std().item() - 1) < 0.01, "group norm re-normalises"
# --8<-- [end:check]
