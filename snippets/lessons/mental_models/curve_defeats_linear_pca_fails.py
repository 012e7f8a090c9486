"""PCA cannot unroll a curve: one-dimensional data on a circle need two components.

Points on a circle are described exactly by one number, their angle. But PCA only
keeps linear subspaces, and no line through a circle's centre holds more than half
of its variance: for evenly spaced angles the covariance is (r²/2)·I, so the two
eigenvalues are equal and one component leaves 50% of the variance behind. A
nonlinear code, the angle itself, reconstructs every point exactly. The same holds
in spirit for any curved manifold (a spiral, a Swiss roll): PCA measures how many
straight directions the data fill, not how many numbers describe them.

Conditions: no training, no randomness; 360 points evenly spaced on a circle of radius
3 and 400 points of the spiral r = s for s from 0.5 to 4π, float64; the circle's 50% is
exact to 1e-9, the spiral's share has a 0.3 floor against 0.44 measured.

Assumption: the data lie near a flat (linear) subspace.
Broken by: data on a curve, such as a circle or a spiral, described by fewer numbers than the straight directions they fill.
"""

import numpy as np

from snippets.lessons.mental_models._pca import centre, pca_by_eigh

# Build: 360 points evenly spaced on a circle of radius 3, centred at (1, -2).
n, radius = 360, 3.0
t = 2 * np.pi * np.arange(n) / n  # (samples,)
x = np.stack([1 + radius * np.cos(t), -2 + radius * np.sin(t)], axis=1)  # (samples, 2)

# --8<-- [start:circle]
eigenvalues, u = pca_by_eigh(x, 1)  # (2,), (2, 1)
xc = centre(x)
left_over = ((xc - xc @ u @ u.T) ** 2).sum() / ((xc**2).sum())  # fraction of variance lost
expected = (radius**2 / 2) / (radius**2 / 2 + radius**2 / 2)  # one of two equal eigenvalues
assert abs(left_over - expected) < 1e-9, f"one component loses {left_over:.4f}, expected {expected}"
assert abs(left_over - 0.5) < 1e-9

# One number per point is enough if the code may be nonlinear: the angle.
code = np.arctan2(xc[:, 1], xc[:, 0])  # (samples,): one number each
decoded = np.stack([radius * np.cos(code), radius * np.sin(code)], axis=1)  # (samples, 2)
assert np.abs(decoded - xc).max() < 1e-9, "the angle should reconstruct every point"
# --8<-- [end:circle]

# --8<-- [start:spiral]
# A spiral r = s for s in [0.5, 4π]: one number, the distance from the origin, fixes a point.
s = np.linspace(0.5, 4 * np.pi, 400)  # (samples,)
spiral = np.stack([s * np.cos(s), s * np.sin(s)], axis=1)  # (samples, 2)
_, u = pca_by_eigh(spiral, 1)
sc = centre(spiral)
spiral_left_over = ((sc - sc @ u @ u.T) ** 2).sum() / (sc**2).sum()
MIN_LEFT_OVER = 0.3  # measured 0.44: a spiral is nearly as round as a circle
assert spiral_left_over > MIN_LEFT_OVER, f"one component loses only {spiral_left_over:.3f}"

r = np.linalg.norm(spiral, axis=1)  # (samples,): the one-number code
RECON_TOL = 1e-9  # the decoding is exact; float64 rounding only
worst = np.abs(np.stack([r * np.cos(r), r * np.sin(r)], axis=1) - spiral).max()
assert worst < RECON_TOL, f"the distance should reconstruct every point: worst error {worst:.2e}"
# --8<-- [end:spiral]
