"""Keeping k components costs exactly the variance of the components dropped.

Project centred data onto the top-k principal subspace and map back: the squared
error left behind, summed over features and divided by n − 1, equals the sum of the
eigenvalues that were not kept. This is why a scree plot of eigenvalues is a plot of
reconstruction error, and why "keep 95% of the variance" is a statement about
error. No other k-dimensional subspace does better (Eckart and Young, 1936): random
subspaces are tried below and all of them lose. Holds for any data set; the error
is measured on the same data the components were fitted to.

Conditions: no training; 300 samples of 6 correlated Gaussian features (a random linear
mix, columns scaled 3 to 0.2), float64, error measured on the data the components came
from; equality to 1e-10 of the total variance; 1,000 random planes; seeds 0-5.
"""

import os

import numpy as np

from snippets.lessons.mental_models._pca import centre, pca_by_eigh

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)

# Build: 300 samples, 6 correlated features (a random linear mix of unequal scales).
n, d = 300, 6
x = rng.standard_normal((n, d)) @ rng.standard_normal((d, d)) * np.array([3, 2, 1, 1, 0.5, 0.2])
xc = centre(x)  # (samples, features)
eigenvalues, _ = pca_by_eigh(x, d)  # (features,), largest first

# --8<-- [start:error]
REL_TOL = 1e-10  # both sides are exact formulas; only float64 rounding separates them
for k in range(0, d + 1):  # keep nothing, …, keep everything
    _, u = pca_by_eigh(x, k)  # (features, k)
    reconstruction = xc @ u @ u.T  # (samples, features): project, then map back
    error = ((xc - reconstruction) ** 2).sum() / (n - 1)
    discarded = eigenvalues[k:].sum()
    assert abs(error - discarded) <= REL_TOL * eigenvalues.sum(), (
        f"k={k}: error {error:.12f} vs discarded eigenvalues {discarded:.12f}"
    )
# --8<-- [end:error]

# --8<-- [start:best]
k, trials = 2, 1_000
_, u = pca_by_eigh(x, k)
pca_error = ((xc - xc @ u @ u.T) ** 2).sum() / (n - 1)
random_errors = []
for _ in range(trials):
    q, _ = np.linalg.qr(rng.standard_normal((d, k)))  # (features, k), a random plane
    random_errors.append(((xc - xc @ q @ q.T) ** 2).sum() / (n - 1))
best_random = min(random_errors)
assert pca_error < best_random, f"PCA error {pca_error:.4f} vs best random plane {best_random:.4f}"
# --8<-- [end:best]
