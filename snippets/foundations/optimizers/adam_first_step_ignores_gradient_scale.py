"""Adam's first step moves every coordinate by the learning rate; SGD's by the gradient.

On an ill-conditioned quadratic f(w) = ½ Σ λ_i w_i², the gradient of coordinate i is
λ_i w_i. Adam divides its first moment by the square root of its second, so after bias
correction the first update is lr · g / (|g| + ε): the learning rate, with the sign of
the gradient, whatever the gradient's size. SGD's update is lr · g, proportional to it.

Conditions: no training, no data; one update from w = 1 on a quadratic whose curvatures
span 10^-3 to 10^3 (seven coordinates), float64; Adam with the published betas and eps,
step equal to lr within a relative 1e-4 (eps / smallest gradient is 1e-5); SGD's step
ratio equal to the curvature ratio within 1e-9.
"""

import tomllib
from pathlib import Path

import numpy as np

from snippets.foundations.optimizers._optim import adam, sgd

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text())
BETAS = (float(PUBLISHED["adam_beta1"]["value"]), float(PUBLISHED["adam_beta2"]["value"]))
EPS = float(PUBLISHED["adam_eps"]["value"])
REL_TOL = 1e-4  # eps against the smallest gradient, 1e-3, is a relative 1e-5

curvature = np.logspace(-3, 3, 7)  # λ_i from 0.001 to 1000: condition number 10^6
w0 = np.ones(7)


def grad(w):
    return curvature * w  # gradient of ½ Σ λ_i w_i²


# --8<-- [start:adam]
lr = 0.01
step = np.abs(adam(grad, w0, lr, steps=1, betas=BETAS, eps=EPS)[1] - w0)  # (7,) first move
assert np.allclose(step, lr, rtol=REL_TOL, atol=0.0), f"Adam's first steps {step}, expected {lr} each"
# --8<-- [end:adam]

# --8<-- [start:sgd]
sgd_step = np.abs(sgd(grad, w0, lr=0.001, steps=1)[1] - w0)  # (7,)
spread = sgd_step.max() / sgd_step.min()
assert np.isclose(spread, curvature.max() / curvature.min(), rtol=1e-9, atol=0.0), f"ratio {spread:.3g}"
assert np.isclose(spread, 1e6, rtol=1e-9, atol=0.0), f"SGD's steps span ×{spread:.3g}"
# --8<-- [end:sgd]
