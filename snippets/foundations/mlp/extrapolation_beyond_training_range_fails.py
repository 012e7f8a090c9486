"""A ReLU MLP fitted to x² on [-1, 1] goes on along a straight line outside that range.

Each ReLU unit is linear on both sides of its kink, so the whole network is a piecewise
linear function with finitely many kinks. Training bends it where the data are; past
its last kink it is a straight line, whatever the data did. Fitted to y = x² on [-1, 1],
it predicts about 4 at x = 3, where x² is 9: it carries on roughly along the slope it had
near the edge of its data. A least-squares parabola through the same points predicts 9,
so the points held the answer; the ReLU network's piecewise linear form threw it away.

Assumption: a network that fits a function on its training range has learned the
function, and keeps following it outside that range.
Broken by: ReLU units, which make the network piecewise linear with finitely many kinks,
so that far enough outside its data it is a straight line.

Conditions: a 1 → 32 → 1 ReLU MLP trained 200 full-batch Adam steps (learning rate 0.02)
on 101 evenly spaced points of y = x² over [-1, 1], float32; seeds 0-19 (largest error on
the range 0.025 to 0.072, bound 0.15; prediction at x = 3 from 3.3 to 4.5, bound 6;
second difference over x = 2, 3, 4 from -0.043 to 0.021, bound 0.1, against 2 for x²).
"""

import os

import numpy as np
import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
STEPS = 200
LR = 0.02
FIT_TOL = 0.15  # the curve is learned on the range (seen: largest error 0.025 to 0.072)
EXACT_TOL = 1e-3  # a least-squares parabola through float32 points of x² (seen: 5e-8)
LINEAR_CEILING = 6.0  # the prediction at x = 3 (seen: 3.3 to 4.5) stays well below 9
CURVE_TOL = 0.1  # |second difference| far below x²'s 2 (seen: at most 0.043)


def target(x):
    return x**2


def train(model, x, y):
    """Full-batch Adam, written out (torch.optim's first use costs a second of import)."""
    params = list(model.parameters())
    first = [torch.zeros_like(p) for p in params]
    second = [torch.zeros_like(p) for p in params]
    for step in range(1, STEPS + 1):
        loss = nn.functional.mse_loss(model(x), y)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g, m, v in zip(params, grads, first, second):
                m.lerp_(g, 0.1)
                v.lerp_(g * g, 0.001)
                p -= LR * (m / (1 - 0.9**step)) / ((v / (1 - 0.999**step)).sqrt() + 1e-8)


# --8<-- [start:extrapolate]
x_train = torch.linspace(-1, 1, 101).unsqueeze(1)  # (101, 1): the training range only
y_train = target(x_train)  # (101, 1)
mlp = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Linear(32, 1))
train(mlp, x_train, y_train)  # 200 full-batch Adam steps on the 101 points

with torch.no_grad():
    fit_error = (mlp(x_train) - y_train).abs().max().item()
    f2, f3, f4 = mlp(torch.tensor([[2.0], [3.0], [4.0]])).squeeze(1).tolist()
second_difference = f2 - 2 * f3 + f4  # zero for a straight line, 2 for x²
# The same 101 points, fitted by a least-squares parabola: it recovers x² and says 9.
parabola = np.polyfit(x_train.squeeze(1).numpy(), y_train.squeeze(1).numpy(), 2)  # degree 2
parabola_at_3 = np.polyval(parabola, 3.0)

assert fit_error < FIT_TOL, f"the MLP did not learn x² on [-1, 1]: largest error {fit_error:.3f}"
assert f3 < LINEAR_CEILING < target(3.0), f"at x = 3 the MLP predicts {f3:.2f}, x² is {target(3.0)}"
assert abs(parabola_at_3 - target(3.0)) < EXACT_TOL, f"the parabola predicts {parabola_at_3:.3f}"
assert abs(second_difference) < CURVE_TOL < target(2.0) - 2 * target(3.0) + target(4.0), (
    f"second difference over x = 2, 3, 4: MLP {second_difference:.3f}, x² 2"
)
# --8<-- [end:extrapolate]
