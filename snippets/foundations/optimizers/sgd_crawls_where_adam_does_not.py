"""On an ill-conditioned quadratic, SGD at a stable learning rate crawls along the flat direction; Adam does not.

SGD's learning rate is capped by the steepest direction: above 2 / λ_max it diverges
there. Along a direction 10^4 times flatter, the same rate shrinks the distance by a
factor 1 - lr · λ_min per step, almost nothing. Adam scales each coordinate by its own
gradient size, so starting from the same distance it moves the steep and the flat
coordinate identically (it is invariant to a diagonal rescaling of the gradient, up to
eps).

Conditions: no data; 100 steps from w = (1, 1) on f(w) = ½ (100 w₁² + 0.01 w₂²), float64;
SGD at lr 0.019 (just under 2 / λ_max = 0.02); Adam at lr 0.01 with the published betas
and eps; the two Adam coordinates equal within 1e-6.
"""

import tomllib
from pathlib import Path

import numpy as np

from snippets.foundations.optimizers._optim import adam, sgd

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text())
BETAS = (float(PUBLISHED["adam_beta1"]["value"]), float(PUBLISHED["adam_beta2"]["value"]))
EPS = float(PUBLISHED["adam_eps"]["value"])
TOL = 1e-6  # eps against gradients of at least 2e-3: the two coordinates agree to 6.5e-7 at seed 0

curvature = np.array([100.0, 0.01])  # steep, flat: condition number 10^4
w0 = np.ones(2)


def grad(w):
    return curvature * w


# --8<-- [start:check]
steps = 100
w_sgd = sgd(grad, w0, lr=0.019, steps=steps)[-1]  # lr just under 2 / λ_max = 0.02
w_adam = adam(grad, w0, lr=0.01, steps=steps, betas=BETAS, eps=EPS)[-1]
flat_progress_sgd = 1 - w_sgd[1]  # share of the way to the minimum along the flat axis
flat_progress_adam = 1 - w_adam[1]
assert flat_progress_sgd < 0.02, f"SGD moved the flat coordinate {flat_progress_sgd:.1%} of the way"
assert flat_progress_adam > 0.5, f"Adam moved the flat coordinate only {flat_progress_adam:.1%}"
assert abs(w_adam[0] - w_adam[1]) < TOL, f"Adam's coordinates differ: {w_adam}"
# --8<-- [end:check]
