"""Early in training the minimax generator loss log(1 - D(G(z))) saturates; -log D(G(z)) does not.

Goodfellow et al. (2014, section 3): when the discriminator confidently rejects the
generator's samples, log(1 - D) is flat, so the generator gets almost no gradient; they
train G to maximise log D instead, which has the same fixed point. With D = sigmoid(a) for
the discriminator's logit a, the two gradients with respect to a are -D and -(1 - D). The
check takes them by central finite differences at a confident rejection and compares them
with those formulas.

Conditions: no training, no network: the two losses as functions of one logit, at D(G(z)) = 0.001; finite-difference step 1e-6; to a relative 1e-6; float64; deterministic (no seed involved).
"""

import numpy as np

REL_TOL = 1e-6  # central differences of smooth functions at step 1e-6


def sigmoid(a: float) -> float:
    return 1 / (1 + np.exp(-a))


def slope(f, a: float, h: float = 1e-6) -> float:
    """df/da by central finite differences."""
    return (f(a + h) - f(a - h)) / (2 * h)


# --8<-- [start:check]
d = 0.001  # the discriminator rejects the generated sample with confidence 0.999
a = np.log(d / (1 - d))  # its logit
saturating = slope(lambda t: np.log(1 - sigmoid(t)), a)  # the generator minimises this
non_saturating = slope(lambda t: -np.log(sigmoid(t)), a)  # ...or this instead
assert np.isclose(saturating, -d, rtol=REL_TOL), f"d/da log(1 - D) = {saturating:.6g}, expected -D = {-d}"
assert np.isclose(non_saturating, -(1 - d), rtol=REL_TOL), f"d/da -log D = {non_saturating:.6g}"
ratio = non_saturating / saturating
assert abs(non_saturating) > abs(saturating), "the non-saturating gradient should be the larger"
assert np.isclose(ratio, (1 - d) / d, rtol=REL_TOL) and np.isclose(ratio, 999, rtol=REL_TOL), f"ratio {ratio:.3f}"
# --8<-- [end:check]
print(f"saturating {saturating:.6g}, non-saturating {non_saturating:.6g}, ratio {ratio:.2f}")
