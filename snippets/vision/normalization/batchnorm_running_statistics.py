"""Batch norm's running statistics: a momentum average of batch means and unbiased variances.

In training mode `nn.BatchNorm2d` normalises with the batch's mean and *biased*
variance (divide by n), and updates
``running ← (1 − momentum) · running + momentum · batch_statistic``
with the batch mean and the *unbiased* variance (divide by n − 1), momentum 0.1 by
default (PyTorch docs for `BatchNorm2d`; the paper's Algorithm 2 uses the same
n/(n − 1) correction for inference). A from-scratch layer that does this matches
PyTorch step for step, in training and in evaluation.
Because each step keeps 0.9 of the old value, the running mean covers a fraction
1 − 0.9^t of the way to a new data mean after t steps, and a share 0.9^t of the old
estimate is left: 35% after 10 steps, 2.7e-5 after 100.

Conditions: no training of weights (γ = 1, β = 0), PyTorch's defaults (momentum 0.1,
eps 1e-5); the by-hand step on the two values 1 and 3; the from-scratch comparison on
5 batches of Gaussian noise of shape 4×3×5×5 with growing mean and scale, float32,
within 1e-5; the lag on 100 batches of shape 256×1×4×4 shifted to mean exactly 5, in
float64 so that 0.9^100 is measured to 1e-9; seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.normalization._norms import ScratchBatchNorm2d

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32: the two sides sum in different orders

# --8<-- [start:by_hand]
bn = nn.BatchNorm2d(1)  # momentum 0.1, running_mean starts at 0, running_var at 1
x = torch.tensor([1.0, 3.0]).view(2, 1, 1, 1)  # two values in one channel
y = bn(x).detach().flatten()

mean, biased_var, unbiased_var = 2.0, 1.0, 2.0  # (1 + 3) / 2; ((−1)² + 1²) / 2; ((−1)² + 1²) / 1
assert x.var(unbiased=False).item() == biased_var and x.var().item() == unbiased_var, "by hand"
expected_y = torch.tensor([-1.0, 1.0]) / (biased_var + bn.eps) ** 0.5  # normalised by the biased var
assert torch.allclose(y, expected_y), f"expected {expected_y.tolist()}, got {y.tolist()}"
rm, rv = bn.running_mean.item(), bn.running_var.item()
assert abs(rm - 0.9 * 0.0 - 0.1 * mean) < TOL and round(rm, 6) == 0.2, f"running_mean {rm}"
assert abs(rv - (0.9 * 1.0 + 0.1 * unbiased_var)) < TOL and round(rv, 6) == 1.1, f"running_var {rv}"
assert abs(rv - (0.9 * 1.0 + 0.1 * biased_var)) > 0.05, f"running_var {rv} used the biased variance"
# --8<-- [end:by_hand]

# --8<-- [start:scratch]
torch_bn, scratch_bn = nn.BatchNorm2d(3), ScratchBatchNorm2d(3)
with torch.no_grad():
    for step in range(5):
        x = torch.randn(4, 3, 5, 5) * (step + 1) + step  # (batch, channels, height, width)
        diff = (torch_bn(x) - scratch_bn(x)).abs().max().item()
        assert diff < TOL, f"step {step}: training outputs differ by {diff:.2e}"
    for name in ("running_mean", "running_var"):
        diff = (getattr(torch_bn, name) - getattr(scratch_bn, name)).abs().max().item()
        assert diff < TOL, f"{name} differs by {diff:.2e}"
    torch_bn.eval()
    scratch_bn.training = False
    x = torch.randn(2, 3, 5, 5)
    diff = (torch_bn(x) - scratch_bn(x)).abs().max().item()
assert diff < TOL, f"evaluation outputs differ by {diff:.2e}"
assert torch_bn.num_batches_tracked.item() == 5, f"counted {torch_bn.num_batches_tracked.item()} batches"
# --8<-- [end:scratch]

# --8<-- [start:lag]
LAG_TOL = 1e-9  # float64: only rounding separates the running mean from the formula
bn = nn.BatchNorm2d(1).double()  # running_mean starts at 0
covered = {}
with torch.no_grad():
    for step in range(1, 101):
        x = torch.randn(256, 1, 4, 4, dtype=torch.float64)  # (batch, channels, height, width)
        bn(x - x.mean() + 5.0)  # data whose batch mean is exactly 5
        covered[step] = bn.running_mean.item() / 5.0  # share of the way from 0 to 5
left_100 = 1 - covered[100]  # share of the old estimate still in the running mean
assert abs(covered[10] - (1 - 0.9 ** 10)) < LAG_TOL, f"after 10 steps: {covered[10]:.6f}"
assert round(covered[10], 2) == 0.65, f"covered {covered[10]:.3f} of the way"
assert abs(left_100 - 0.9 ** 100) < LAG_TOL, f"after 100 steps {left_100:.3e} is left"
assert left_100 < 1e-4, f"after 100 steps {left_100:.2e} of the old estimate is left"
# --8<-- [end:lag]
