"""Bias correction makes Adam's first step exactly lr; without it the step is 3.16 times larger.

Both moment estimates start at zero. After one step m = (1 - β1) g and v = (1 - β2) g²,
so the uncorrected ratio m / sqrt(v) is (1 - β1) / sqrt(1 - β2) · sign(g): with the
published β1 and β2, 0.1 / 0.0316. Dividing m by 1 - β1 and v by 1 - β2 (Kingma & Ba's
bias correction) removes the factor; the two versions agree again once β^t is small.

Conditions: no training, no data; the first updates on a quadratic with curvatures 0.1,
1 and 10 from w = 1, float64; published betas and eps; factors equal within a relative
1e-5 (eps shifts them by at most 3e-6).
"""

import tomllib
from pathlib import Path

import numpy as np

from snippets.foundations.optimizers._optim import adam

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text())
BETA1, BETA2 = float(PUBLISHED["adam_beta1"]["value"]), float(PUBLISHED["adam_beta2"]["value"])
EPS = float(PUBLISHED["adam_eps"]["value"])
REL_TOL = 1e-5  # eps against the smallest sqrt(v), 0.1 * sqrt(1 - β2): a relative 3e-6

curvature = np.array([0.1, 1.0, 10.0])
w0 = np.ones(3)
lr = 0.001


def grad(w):
    return curvature * w


# --8<-- [start:check]
corrected = np.abs(adam(grad, w0, lr, 1, (BETA1, BETA2), EPS)[1] - w0) / lr  # first step / lr
raw = np.abs(adam(grad, w0, lr, 1, (BETA1, BETA2), EPS, bias_correction=False)[1] - w0) / lr
factor = (1 - BETA1) / np.sqrt(1 - BETA2)  # (1 - β1) / sqrt(1 - β2)
assert np.allclose(corrected, 1.0, rtol=REL_TOL, atol=0.0), f"corrected first step / lr = {corrected}"
assert np.allclose(raw, factor, rtol=REL_TOL, atol=0.0), f"uncorrected {raw}, expected {factor:.4f}"
# --8<-- [end:check]
