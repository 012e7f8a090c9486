"""Change one feature's units and the principal components move.

Variance has units: a length in millimetres has a million times the variance of the
same length in metres. PCA ranks directions by variance, so rescaling one feature
rescales its weight in the answer, and a large enough factor drags the first
component onto that feature's axis, whatever the correlations say. Dividing every
feature by its standard deviation first (PCA of the correlation matrix) removes the
units and with them the effect. Holds whenever the rescaled feature's variance comes
to dominate the others; the factor 1000 below is metres to millimetres.

Conditions: no training; 300 samples of 3 features sharing one Gaussian factor plus
noise, float64; seeds 0-5, with margins of about 20° and 0.85° to the bounds.

Assumption: the features' scales are comparable.
Broken by: a change of units in one feature (metres to millimetres), which multiplies its variance.
"""

import os

import numpy as np

from snippets.lessons.mental_models._pca import pca_by_eigh, principal_angles

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)

# Build: 3 correlated features; feature 0 is a length in metres (standard deviation ~0.2).
n = 300
latent = rng.standard_normal((n, 1))  # (samples, 1): one shared factor
x_m = np.hstack([0.2 * latent, latent, -latent]) + 0.3 * rng.standard_normal((n, 3))  # (samples, features)
axis_0 = np.array([[1.0], [0.0], [0.0]])  # (features, 1)

# --8<-- [start:units]
x_mm = x_m * np.array([1000.0, 1.0, 1.0])  # feature 0 now in millimetres
_, pc1_m = pca_by_eigh(x_m, 1)  # (features, 1)
_, pc1_mm = pca_by_eigh(x_mm, 1)
before = principal_angles(pc1_m, axis_0)[0]
after = principal_angles(pc1_mm, axis_0)[0]
MIN_BEFORE_DEG, MAX_AFTER_DEG = 60.0, 1.0  # measured 80–84° and 0.1–0.15° over seeds 0..5
assert before > MIN_BEFORE_DEG, f"in metres PC1 is already {before:.1f}° from feature 0's axis"
assert after < MAX_AFTER_DEG, f"in millimetres PC1 is {after:.2f}° from feature 0's axis"

# Standardised features carry no units, so the same change does nothing.
def standardise(a):
    return (a - a.mean(axis=0)) / a.std(axis=0)

_, spc1_m = pca_by_eigh(standardise(x_m), 1)
_, spc1_mm = pca_by_eigh(standardise(x_mm), 1)
moved = principal_angles(spc1_m, spc1_mm)[0]
ANGLE_TOL_DEG = 1e-6  # standardising cancels the factor exactly; float64 rounding only
assert moved < ANGLE_TOL_DEG, f"standardised PC1 moved by {moved:.2e}°"
# --8<-- [end:units]
