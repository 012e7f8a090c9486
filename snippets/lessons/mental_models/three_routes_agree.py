"""Greatest variance, covariance eigenvectors and right singular vectors: one subspace.

PCA has three textbook definitions that look like three different computations:
the directions along which projections of the data vary most, the top eigenvectors
of the sample covariance, and the top right singular vectors of the centred data.
They are one object. Here each is computed by its own route (gradient ascent on the
variance of projections in torch, `eigh` of the covariance in numpy, SVD of the
centred data in torch), and the subspaces they return are compared by principal
angles, which ignore signs and bases. Holds when the kept eigenvalues are separated
from the rest; the data below have a wide gap after the second.

Conditions: no training for eigh and SVD; gradient ascent runs 100 steps per direction
(step size 1) in float64; 400 Gaussian samples in 6 features, variances 9, 4, 1, 0.25,
0.1, 0.05 along a random basis, offset from the origin; angles equal to within 1e-6°,
variances to a relative 1e-10; seeds 0-5.
"""

import os

import numpy as np
import torch

from snippets.lessons.mental_models._pca import (
    pca_by_eigh,
    pca_by_max_variance,
    pca_by_svd,
    principal_angles,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)

# Build: 400 samples in 6 features, variances 9, 4, 1, 0.25, 0.1, 0.05 along a random
# orthonormal basis, shifted away from the origin.
n, d, k = 400, 6, 2
spread = np.array([9.0, 4.0, 1.0, 0.25, 0.1, 0.05])
basis, _ = np.linalg.qr(rng.standard_normal((d, d)))  # (features, features)
x = rng.standard_normal((n, d)) * np.sqrt(spread) @ basis.T + rng.normal(0, 5, d)  # (samples, features)
xt = torch.from_numpy(x)  # float64, so the three routes differ only by their method

# --8<-- [start:agree]
by_variance = pca_by_max_variance(xt, k, steps=100, generator=torch.Generator().manual_seed(SEED)).numpy()
eigenvalues, by_eigh = pca_by_eigh(x, k)  # (features,), (features, k)
variances, by_svd = pca_by_svd(xt, k)  # (features,), (features, k)

ANGLE_TOL_DEG = 1e-6  # every route lands within ~1e-13°; 1e-6° leaves a wide margin
pairs = {
    "max-variance vs eigh": principal_angles(by_variance, by_eigh),
    "eigh vs svd": principal_angles(by_eigh, by_svd.numpy()),
    "svd vs max-variance": principal_angles(by_svd.numpy(), by_variance),
}
for name, angles in pairs.items():
    assert angles.max() < ANGLE_TOL_DEG, f"{name}: principal angles {angles} ≥ {ANGLE_TOL_DEG}°"

# The variance along each singular direction is the matching eigenvalue: s²/(n−1) = λ.
assert np.allclose(variances.numpy(), eigenvalues, rtol=1e-10), f"{variances} vs {eigenvalues}"
# --8<-- [end:agree]

# --8<-- [start:not_the_basis]
# The vectors themselves may differ by sign (and, for equal eigenvalues, by any
# rotation inside the subspace): compare subspaces, never raw columns.
flipped = -by_eigh
assert np.abs(flipped - by_eigh).max() > 1.0, "a sign flip should change the columns"
assert principal_angles(flipped, by_eigh).max() < ANGLE_TOL_DEG, "…but not the subspace"
# --8<-- [end:not_the_basis]
