"""Momentum accumulates velocity: ten times the step on a steady slope, and overshoot in a valley.

Heavy-ball SGD keeps v ← β v + g and steps by lr · v. On a constant gradient its t-th
step is lr · g · (1 − β^t) / (1 − β), approaching 1 / (1 − β) times plain SGD's. The
same inertia carries the iterate through the bottom of a valley: on a quadratic where
plain SGD with the same rate shrinks monotonically towards the minimum, momentum
overshoots to the other side.

Conditions: no data; β = 0.9; a constant gradient of 2 for 100 steps at lr 0.01 (exact
formula, equal within 1e-12); then f(w) = ½ · 10 w² from w = 1 at lr 0.01 for 100 steps,
float64.
"""

import numpy as np

from snippets.foundations.optimizers._optim import sgd

TOL = 1e-12  # float64 rounding over 100 steps

# --8<-- [start:velocity]
beta, lr = 0.9, 0.01  # the usual heavy-ball coefficient; a small rate
slope = np.array([2.0])
path = sgd(lambda w: slope, np.zeros(1), lr, steps=100, momentum=beta)  # (101, 1)
steps_taken = -np.diff(path[:, 0])  # (100,) the size of each step
t = np.arange(1, steps_taken.size + 1)  # step numbers 1, 2, ...
assert np.allclose(steps_taken, lr * slope[0] * (1 - beta**t) / (1 - beta), rtol=0.0, atol=TOL), "steps off the formula"
ratio = steps_taken[-1] / (lr * slope[0])  # the 100th step against plain SGD's step
assert abs(ratio - 1 / (1 - beta)) < 1e-3, f"the 100th step is {ratio:.4f} times SGD's"
# --8<-- [end:velocity]

# --8<-- [start:overshoot]
beta, lr = 0.9, 0.01  # the same coefficient and rate
valley = 10.0  # curvature: lr * curvature = 0.1, well inside plain SGD's stable range
plain = sgd(lambda w: valley * w, np.ones(1), lr, steps=100)[:, 0]
heavy = sgd(lambda w: valley * w, np.ones(1), lr, steps=100, momentum=beta)[:, 0]
assert plain.min() > 0 and np.all(np.diff(plain) < 0), "plain SGD should shrink monotonically"
assert heavy.min() < -0.3, f"momentum should overshoot past the minimum, lowest {heavy.min():.3f}"
# --8<-- [end:overshoot]
