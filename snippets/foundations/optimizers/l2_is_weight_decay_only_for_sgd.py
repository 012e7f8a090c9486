"""For SGD, L2 regularisation and weight decay are the same update; for Adam they are not.

SGD with L2 adds k·w to the gradient: w ← w − lr (g + k w) = (1 − lr k) w − lr g, which
is exactly decaying the weights by lr·k and then taking the plain step. Adam divides the
gradient, L2 term included, by its running size, so a weight with large loss gradients
has its L2 term divided by a large number and is barely decayed; AdamW (Loshchilov &
Hutter 2019) applies the decay to the weights directly, outside the division. On
f(w) = ½ Σ λ_i (w_i − 1)², Adam with L2 converges to the minimiser of the regularised
loss, λ_i / (λ_i + k), which keeps steep coordinates and erases flat ones; AdamW's decay
pulls every coordinate to the same place, whatever its curvature.

Conditions: no data; f(w) = ½ Σ λ_i (w_i − 1)² with curvatures 100, 1 and 0.01 from
w = 1, float64; SGD: 200 steps at lr 0.005, k = 0.1, equal within 1e-12; Adam and AdamW:
5000 steps at lr 0.001, k = 2, published betas and eps; the coordinates under AdamW end
within 1e-3 of each other, under Adam with L2 within 1e-6 of λ / (λ + k).
"""

import tomllib
from pathlib import Path

import numpy as np

from snippets.foundations.optimizers._optim import adam, sgd

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text())
BETAS = (float(PUBLISHED["adam_beta1"]["value"]), float(PUBLISHED["adam_beta2"]["value"]))
EPS = float(PUBLISHED["adam_eps"]["value"])
TOL = 1e-12  # float64 rounding over 200 steps
SPREAD_TOL = 1e-3  # measured: the three end within 4e-6 of each other; eps and the oscillation set the rest
FIXED_TOL = 1e-6  # Adam with L2 has converged to its fixed point

curvature = np.array([100.0, 1.0, 0.01])  # steep, middle, flat
w0 = np.ones(3)


def grad(w):
    return curvature * (w - 1.0)  # gradient of ½ Σ λ_i (w_i − 1)²


# --8<-- [start:sgd]
lr, k = 0.005, 0.1
with_l2 = sgd(grad, w0 * 2, lr, steps=200, weight_decay=k)  # k·w added to the gradient
decoupled = [w0 * 2]
for _ in range(200):
    w = decoupled[-1]
    decoupled.append((1 - lr * k) * w - lr * grad(w))  # decay the weights, then the plain step
decoupled = np.array(decoupled)
assert np.allclose(with_l2, decoupled, rtol=0.0, atol=TOL), "SGD: L2 and weight decay differ"
# --8<-- [end:sgd]

# --8<-- [start:adam]
lr, k = 0.001, 2.0
adamw = adam(grad, w0, lr, 5000, BETAS, EPS, weight_decay=k, decoupled=True)[-1]
adam_l2 = adam(grad, w0, lr, 5000, BETAS, EPS, weight_decay=k)[-1]
assert abs(adamw.max() - adamw.min()) < SPREAD_TOL, f"AdamW's coordinates differ: {adamw}"
for i in range(3):  # Adam with L2: the regularised minimiser λ / (λ + k)
    assert abs(adam_l2[i] - curvature[i] / (curvature[i] + k)) < FIXED_TOL, f"coordinate {i}: {adam_l2[i]}"
steep_kept, flat_kept = adam_l2[0], adam_l2[2]
assert steep_kept > 0.95 and flat_kept < 0.01, f"Adam with L2 kept {steep_kept:.3f} and {flat_kept:.4f}"
assert abs(adamw[0] - steep_kept) > 0.25, "AdamW and Adam with L2 should end far apart on the steep weight"
# --8<-- [end:adam]
