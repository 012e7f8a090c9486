"""Scaling the loss by 1000 leaves Adam's steps unchanged and makes SGD diverge.

Adam's update is m̂ / (sqrt(v̂) + ε): multiplying every gradient by c multiplies m̂ by c
and sqrt(v̂) by c, so the ratio, and the whole trajectory, stay the same until the
gradients are as small as ε (Kingma & Ba call Adam invariant to diagonal rescaling of
the gradients). SGD's step is lr · g: scaling the loss scales the curvature, and a
learning rate that was just under 2 / λ_max is now far above it.

Conditions: no data; f(w) = ½ (100 w₁² + 0.01 w₂²) and 1000 · f, from w = (1, 1), float64;
Adam: 100 steps at lr 0.01 with the published betas and eps, iterates equal within 1e-6;
SGD: 10 steps at lr 0.019.
"""

import tomllib
from pathlib import Path

import numpy as np

from snippets.foundations.optimizers._optim import adam, sgd

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text())
BETAS = (float(PUBLISHED["adam_beta1"]["value"]), float(PUBLISHED["adam_beta2"]["value"]))
EPS = float(PUBLISHED["adam_eps"]["value"])
TOL = 1e-6  # eps against gradients of at least 2e-3

curvature = np.array([100.0, 0.01])
w0 = np.ones(2)

# --8<-- [start:check]
scale = 1000.0
adam_path = adam(lambda w: curvature * w, w0, 0.01, 100, BETAS, EPS)
adam_scaled = adam(lambda w: scale * curvature * w, w0, 0.01, 100, BETAS, EPS)
assert np.allclose(adam_path, adam_scaled, rtol=0.0, atol=TOL), "Adam's path moved with the loss scale"

sgd_path = sgd(lambda w: curvature * w, w0, lr=0.019, steps=10)
sgd_scaled = sgd(lambda w: scale * curvature * w, w0, lr=0.019, steps=10)
assert np.abs(sgd_path[-1]).max() <= 1.0, "SGD should be stable on the original loss"
assert np.abs(sgd_scaled[-1]).max() > 1e6, f"SGD on the scaled loss: {sgd_scaled[-1]}"
# --8<-- [end:check]
