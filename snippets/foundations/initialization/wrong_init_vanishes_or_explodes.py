"""The wrong pairing of init and activation makes the variance vanish or explode geometrically.

Xavier's 1/n under a ReLU: each layer passes on n · (1/n) · 1/2 = 1/2 of the variance, so
after L layers 2^-(L-1) of it is left. He's 2/n without the ReLU (a linear net): each layer
doubles it, 2^(L-1). Both are measured layer by layer and compared with the formula.

Assumption: the weight variance is matched to the activation, so that fan_in · Var(W) · g = 1.
Broken by: Xavier's 1/n under ReLU (g = 1/2), or He's 2/n without one (g = 1).

Conditions: random Gaussian weights at initialisation (no training), 50 layers of width
256, a batch of 128 white-noise inputs of unit variance; float32. Seeds 0-9: per-layer
factor 0.477 to 0.500 (Xavier, ReLU) and 1.982 to 2.009 (He, linear); ratios 1.8e-16 to
1.8e-15 and 3.6e14 to 7.0e14, against 2^∓49 = 1.8e-15 and 5.6e14; seeds 0-19 pass.
"""

import math
import os

import torch

from snippets.foundations.initialization._init import layer_variances, per_layer_factor

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
FACTOR_TOL = 0.08  # relative: the geometric mean of 49 noisy layer ratios, width 256 (seen: within 5%)

depth, n = 50, 256
x = torch.randn(128, n)  # (batch, width)

# --8<-- [start:vanish]
xavier = math.sqrt(2 / (n + n))  # sized for tanh, used under ReLU
v = layer_variances(x, [torch.randn(n, n) * xavier for _ in range(depth)], torch.relu)
predicted = n * xavier**2 * 0.5  # = 1/2 per layer
factor = per_layer_factor(v)
assert abs(factor / predicted - 1) < FACTOR_TOL, f"per-layer factor {factor:.3f}, predicted {predicted}"
assert v[-1] / v[0] < 1e-13, f"after {depth} layers the variance should have vanished, ratio {v[-1] / v[0]:.2e}"
# --8<-- [end:vanish]

# --8<-- [start:explode]
he = math.sqrt(2 / n)  # sized for ReLU, used without one
v = layer_variances(x, [torch.randn(n, n) * he for _ in range(depth)], lambda z: z)
predicted = n * he**2 * 1.0  # = 2 per layer
factor = per_layer_factor(v)
assert abs(factor / predicted - 1) < FACTOR_TOL, f"per-layer factor {factor:.3f}, predicted {predicted}"
assert v[-1] / v[0] > 1e13, f"after {depth} layers the variance should have exploded, ratio {v[-1] / v[0]:.2e}"
# --8<-- [end:explode]
