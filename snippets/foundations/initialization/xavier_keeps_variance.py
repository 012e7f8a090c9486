"""Xavier/Glorot initialisation keeps the signal's variance through 50 linear or tanh layers.

With weights of variance 2/(fan_in + fan_out), which is 1/n for a square n × n layer, each
pre-activation is a sum of n terms of variance Var(h)/n: its variance is Var(h), whatever
the depth, as long as the activation passes variance through unchanged. The identity does
exactly; tanh does near the origin, where tanh(z) ≈ z, which is Glorot and Bengio's
(2010) assumption. The measured per-layer factor is compared with the predicted 1.

Conditions: random Gaussian weights at initialisation (no training), 50 layers of width
256, input a batch of 128 white-noise vectors (unit variance for the linear net, 0.01
standard deviation for tanh); float32. Seeds 0-9: per-layer factor 0.994 to 1.004 (linear),
0.991 to 1.004 (tanh); last-to-first variance ratio 0.64 to 1.23.
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
x = torch.randn(128, n)  # (batch, width): white noise of variance 1
xavier = math.sqrt(2 / (n + n))  # Glorot & Bengio: Var(W) = 2 / (fan_in + fan_out)

for name, activation, scale in (("linear", lambda z: z, 1.0), ("tanh", torch.tanh, 0.01)):
    weights = [torch.randn(n, n) * xavier for _ in range(depth)]
    v = layer_variances(scale * x, weights, activation)  # one variance per layer
    predicted = n * xavier**2 * 1.0  # fan_in · Var(W) · (what the activation passes on: 1)
    factor = per_layer_factor(v)
    assert abs(factor / predicted - 1) < FACTOR_TOL, f"{name}: per-layer factor {factor:.3f}, predicted {predicted}"
    assert 0.5 < v[-1] / v[0] < 2, f"{name}: the variance moved by {v[-1] / v[0]:.3g} over {depth} layers"
# --8<-- [end:check]
