"""PCA is a rotation that makes the features uncorrelated.

Rotating centred data onto all d principal components changes no distances and no
total variance, but the new coordinates (the scores) are uncorrelated, and the
variance of the i-th score is the i-th eigenvalue. The covariance of the scores is
therefore diag(λ₁, …, λ_d). Holds for any data set, measured on the data the
components came from.

Conditions: no training; 300 samples of 5 correlated Gaussian features (a random linear
mix), float64; equalities to 1e-9 relative; seeds 0-5.
"""

import os

import numpy as np

from snippets.lessons.mental_models._pca import centre, pca_by_eigh

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)

n, d = 300, 5
x = rng.standard_normal((n, d)) @ rng.standard_normal((d, d))  # (samples, features), correlated

# --8<-- [start:rotate]
eigenvalues, u = pca_by_eigh(x, d)  # (features,), (features, features)
scores = centre(x) @ u  # (samples, components)
score_cov = np.cov(scores, rowvar=False)  # numpy's own covariance: (components, components)

TOL = 1e-9  # exact algebra, float64 rounding only
feature_cov = np.cov(x, rowvar=False)
assert np.abs(feature_cov - np.diag(np.diag(feature_cov))).max() > 0.1, "the raw features should correlate"
assert np.abs(score_cov - np.diag(eigenvalues)).max() < TOL * eigenvalues.max(), (
    f"score covariance\n{score_cov.round(6)}\nvs diag{eigenvalues.round(6)}"
)
# A rotation: lengths and total variance are unchanged.
assert np.allclose(np.linalg.norm(scores, axis=1), np.linalg.norm(centre(x), axis=1))
assert abs(np.trace(score_cov) - np.trace(feature_cov)) < TOL * np.trace(feature_cov)
# --8<-- [end:rotate]
