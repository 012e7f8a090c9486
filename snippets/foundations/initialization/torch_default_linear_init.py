"""torch's default nn.Linear init has weight variance 1/(3·fan_in): a sixth of the signal per ReLU layer.

`nn.Linear.reset_parameters` calls `kaiming_uniform_(weight, a=√5)`. Kaiming's gain for a
leaky ReLU of slope a is √(2/(1 + a²)) = √(1/3); the uniform bound is gain · √(3/fan_in) =
1/√fan_in, and a uniform on [-b, b] has variance b²/3 = 1/(3·fan_in). Through a ReLU that
gives a per-layer factor of fan_in · 1/(3·fan_in) · 1/2 = 1/6 (and 1/3 through tanh near
the origin). The biases, uniform on [-1/√fan_in, 1/√fan_in], add a constant at every layer
that does not shrink, so the part of the output that depends on the input fades under it.

Conditions: layers at initialisation (no training), torch's own `nn.Linear` defaults; the
weight variance measured on one 1024 × 1024 layer (within 1%, about ten standard errors);
the depth traces on 50 layers of width 256 and 128 white-noise inputs, in float64 (the
factors from the weights alone, biases left out; the input-dependent share with biases).
Seeds 0-9: weight variance within 0.3% of 1/(3·fan_in); per-layer factor 0.161 to 0.168
(ReLU) and 0.332 to 0.337 (tanh); input-dependent share 0.0024 to 0.0030 after ten layers
and 3e-16 (float64 rounding) after fifty.
"""

import math
import os

import torch
from torch import nn

from snippets.foundations.initialization._init import layer_variances, per_layer_factor

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
VAR_TOL = 0.01  # relative: the sample variance of 1M uniform weights is good to ~0.1%
FACTOR_TOL = 0.08  # relative: the geometric mean of 49 noisy layer ratios, width 256 (seen: within 5%)

# --8<-- [start:weight]
fan_in = 1024
layer = nn.Linear(fan_in, 1024)
gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))  # what kaiming_uniform_(a=√5) uses
bound = gain * math.sqrt(3 / fan_in)
assert math.isclose(gain**2, 1 / 3) and math.isclose(bound, 1 / math.sqrt(fan_in)), (gain, bound)
assert layer.weight.abs().max().item() <= bound * (1 + 1e-6), "every weight lies inside the bound (float32 rounding aside)"
measured = layer.weight.var().item()
expected = bound**2 / 3  # the variance of U(-b, b): 1 / (3 fan_in)
assert abs(measured / expected - 1) < VAR_TOL, f"weight variance {measured:.3e}, expected 1/(3·fan_in) = {expected:.3e}"
# --8<-- [end:weight]

# --8<-- [start:depth]
depth, n = 50, 256
x = torch.randn(128, n, dtype=torch.float64)  # (batch, width); float64: 6^-49 is below float32's range
layers = [nn.Linear(n, n, dtype=torch.float64) for _ in range(depth)]
weights = [lin.weight.detach() for lin in layers]
relu_factor = per_layer_factor(layer_variances(x, weights, torch.relu))  # biases left out
tanh_factor = per_layer_factor(layer_variances(0.01 * x, weights, torch.tanh))
assert abs(relu_factor / (1 / 6) - 1) < FACTOR_TOL, f"ReLU: per-layer factor {relu_factor:.4f}, predicted 1/6"
assert abs(tanh_factor / (1 / 3) - 1) < FACTOR_TOL, f"tanh: per-layer factor {tanh_factor:.4f}, predicted 1/3"
# --8<-- [end:depth]

# --8<-- [start:bias]
with torch.no_grad():
    h, input_share = x, []
    for lin in layers:  # the full default layers, biases included
        z = lin(h)  # (batch, width)
        input_share.append(((z - z.mean(dim=0)).pow(2).mean() / z.pow(2).mean()).sqrt().item())
        h = torch.relu(z)
assert input_share[0] > 0.9, f"after one layer the output is mostly the input's, {input_share[0]:.3f}"
assert input_share[9] < 0.01, f"after ten layers under 1% of it depends on the input, {input_share[9]:.2e}"
assert input_share[-1] < 1e-6, f"after {depth} layers every input gives the same output, {input_share[-1]:.2e}"
# --8<-- [end:bias]
