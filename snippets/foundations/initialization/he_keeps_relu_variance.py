"""He/Kaiming initialisation keeps the variance through 50 ReLU layers: the factor 2.

A ReLU zeroes half of a symmetric pre-activation, so it passes on half of its second
moment: E[relu(z)²] = Var(z)/2. He et al. (2015) double the weight variance to 2/fan_in to
pay that back; the per-layer factor is then fan_in · (2/fan_in) · 1/2 = 1.

Conditions: random Gaussian weights at initialisation (no training), 50 ReLU layers of
width 256, a batch of 128 white-noise inputs of unit variance; float32. Seeds 0-9:
per-layer factor 0.954 to 1.000, last-to-first variance ratio 0.10 to 1.01 (the geometric
mean drifts below 1 because one layer's ratio is noisy); seeds 0-19 pass.
"""

import math
import os

import torch

from snippets.foundations.initialization._init import layer_variances, per_layer_factor

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
FACTOR_TOL = 0.08  # relative: the geometric mean of 49 noisy layer ratios, width 256 (seen: within 5%)

# --8<-- [start:check]
depth, n = 50, 256
x = torch.randn(128, n)  # (batch, width)
he = math.sqrt(2 / n)  # He et al.: Var(W) = 2 / fan_in
weights = [torch.randn(n, n) * he for _ in range(depth)]
v = layer_variances(x, weights, torch.relu)

predicted = n * he**2 * 0.5  # fan_in · Var(W) · (ReLU passes on half the second moment) = 1
factor = per_layer_factor(v)
assert abs(factor / predicted - 1) < FACTOR_TOL, f"per-layer factor {factor:.3f}, predicted {predicted}"
assert 0.01 < v[-1] / v[0] < 100, f"the variance should stay within a factor 100, moved by {v[-1] / v[0]:.3g}"
# --8<-- [end:check]
