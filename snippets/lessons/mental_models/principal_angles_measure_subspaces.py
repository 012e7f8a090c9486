"""Principal angles compare subspaces, not the vectors that happen to span them.

Every claim on this page compares answers that come in arbitrary bases (signs flip,
columns mix), so the ruler must see only the subspace. `principal_angles` is checked
here against cases whose answer is known by construction: a plane against a mixed
basis of itself (0°), a plane against its tilt by a chosen angle (0° and that angle),
two orthogonal planes (90°, 90°), and one line against another, where the angle is
arccos |u·v|. It also refuses subspaces of different sizes.

Conditions: no training; random orthonormal bases in 5 dimensions, float64; exact
answers to within 1e-6°; seeds 0-5.
"""

import os

import numpy as np

from snippets.lessons.mental_models._pca import principal_angles

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL_DEG = 1e-6  # known answers; float64 rounding only

# A random plane in 5 dimensions, as an orthonormal basis (features, 2).
q, _ = np.linalg.qr(rng.standard_normal((5, 5)))
plane = q[:, :2]

# --8<-- [start:known]
mixed = plane @ np.array([[3.0, -1.0], [2.0, 0.5]])  # same plane, other (non-orthogonal) basis
assert principal_angles(plane, mixed).max() < TOL_DEG, "a change of basis should not move the plane"

theta = 30.0  # tilt the second axis of the plane towards a third, orthogonal direction
rad = np.radians(theta)
tilted = np.stack([q[:, 0], np.cos(rad) * q[:, 1] + np.sin(rad) * q[:, 2]], axis=1)
got = principal_angles(plane, tilted)
assert np.allclose(got, [0.0, theta], atol=TOL_DEG), f"expected [0, {theta}]°, got {got}"

orthogonal = q[:, 2:4]
got = principal_angles(plane, orthogonal)
assert np.allclose(got, [90.0, 90.0], atol=TOL_DEG), f"expected [90, 90]°, got {got}"

u, v = rng.standard_normal((2, 5))  # two lines: the angle is arccos |u·v| / (|u||v|)
by_formula = np.degrees(np.arccos(abs(u @ v) / (np.linalg.norm(u) * np.linalg.norm(v))))
got = principal_angles(u[:, None], v[:, None])[0]
assert abs(got - by_formula) < TOL_DEG, f"expected {by_formula}°, got {got}°"
# --8<-- [end:known]

# --8<-- [start:refuses]
try:
    principal_angles(plane, q[:, :3])
except ValueError as error:
    assert "one size" in str(error), f"the error should say why: {error!r}"
else:
    raise AssertionError("comparing a plane with a 3-dimensional space should fail")
# --8<-- [end:refuses]
