"""Predict: LeakyReLU(0.2) under He's ReLU gain grows the variance by (1 + a²) per layer.

A leaky ReLU of slope a passes on E[φ(z)²] = (1 + a²)/2 · Var(z) of a symmetric
pre-activation, so He's 2/fan_in, sized for a = 0, gives a per-layer factor of
fan_in · (2/fan_in) · (1 + a²)/2 = 1 + a² = 1.04. torch's gain for the leaky ReLU,
√(2/(1 + a²)), pays it back. Because a leaky ReLU is positively homogeneous
(φ(cz) = c φ(z) for c > 0), the same weights at the two gains give traces whose ratio is
exactly (1 + a²)^l at layer l (the first layer's weights are scaled too): the sampling noise of any one network cancels, and after
50 layers the ReLU gain has 1.04^50 ≈ 7.11 times the variance of the leaky one.

Conditions: random Gaussian weights at initialisation (no training), 50 layers of width
256, a batch of 128 white-noise inputs of unit variance, the same weights scaled by the two
gains; float64, the ratio equal to 1e-9 (relative); the leaky gain's own per-layer factor
within 8% of 1 (sampling noise). Seeds 0-9: that factor 0.969 to 1.021.
"""

import math
import os

import torch
from torch.nn import functional as F

from snippets.foundations.initialization._init import layer_variances, per_layer_factor

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
RATIO_TOL = 1e-9  # relative, float64 rounding over 50 layers
FACTOR_TOL = 0.08  # relative: the geometric mean of 49 noisy layer ratios, width 256 (seen: within 5%)

depth, n = 50, 256
x = torch.randn(128, n, dtype=torch.float64)  # (batch, width)
shapes = [torch.randn(n, n, dtype=torch.float64) for _ in range(depth)]  # unit-variance draws

# --8<-- [start:check]
a = 0.2
leaky = lambda z: F.leaky_relu(z, a)  # noqa: E731
relu_gain = math.sqrt(2 / n)  # kaiming_normal_(nonlinearity="relu"): sized for a = 0
leaky_gain = math.sqrt(2 / (1 + a**2) / n)  # kaiming_normal_(a=0.2, nonlinearity="leaky_relu")
assert math.isclose(leaky_gain, torch.nn.init.calculate_gain("leaky_relu", a) / math.sqrt(n)), "torch's leaky gain"

grown = layer_variances(x, [w * relu_gain for w in shapes], leaky)  # the same weights, two scales
kept = layer_variances(x, [w * leaky_gain for w in shapes], leaky)
excess = grown[-1] / kept[-1]  # how much more variance the ReLU gain leaves at layer 50
assert abs(excess / (1 + a**2) ** depth - 1) < RATIO_TOL, f"{excess:.6f} is not 1.04^50"
assert round(excess, 2) == 7.11, f"1.04^50 ≈ 7.11, measured {excess:.4f}"
assert excess > 1.0, "the ReLU gain leaves more variance than the leaky one"
factor = per_layer_factor(kept)
assert abs(factor - 1) < FACTOR_TOL, f"with the leaky gain the per-layer factor is {factor:.3f}, predicted 1"
# --8<-- [end:check]
