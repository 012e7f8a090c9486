"""Skip the centring and the first "principal component" points at the mean.

PCA's variance is measured about the mean. The SVD of raw, uncentred data maximises
the mean square of projections about the origin instead, and when the data sit far
from the origin the mean dominates: the first right singular vector points from the
origin to the cloud, whatever shape the cloud has. Here the cloud is stretched along
a direction orthogonal to its mean, so the uncentred answer is not merely noisy but
wrong by close to a right angle. Holds whenever the squared distance of the mean from
the origin is large next to the largest variance.

Conditions: no training; 300 Gaussian samples in 3 features (variances 4, 0.5, 0.25)
centred at 10·e₂, float64; seeds 0-5, with margins of 3.7° and 8° to the bounds.

Assumption: variance is measured about the mean.
Broken by: skipping the centring, so the mean's distance from the origin dominates.
"""

import os

import numpy as np

from snippets.lessons.mental_models._pca import pca_by_eigh, principal_angles

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)

# --8<-- [start:uncentred]
# Build: a cloud stretched along e₁ (variance 4), centred at 10·e₂ (far from the origin).
n, d = 300, 3
mean = np.array([0.0, 10.0, 0.0])  # |mean| = 10
x = rng.standard_normal((n, d)) * np.sqrt([4.0, 0.5, 0.25]) + mean  # (samples, features)

_, centred_pc1 = pca_by_eigh(x, 1)  # (features, 1): centres internally
_, _, vh = np.linalg.svd(x, full_matrices=False)  # raw data: no centring
uncentred_pc1 = vh[:1].T  # (features, 1)

to_mean = principal_angles(uncentred_pc1, mean[:, None])[0]
to_truth = principal_angles(uncentred_pc1, centred_pc1)[0]
MAX_TO_MEAN_DEG, MIN_TO_TRUTH_DEG = 5.0, 80.0  # measured 0.3–1.3° and 88–90° over seeds 0..5
assert to_mean < MAX_TO_MEAN_DEG, f"uncentred PC1 is {to_mean:.1f}° from the mean"
assert to_truth > MIN_TO_TRUTH_DEG, f"uncentred PC1 is only {to_truth:.1f}° from the real PC1"
# --8<-- [end:uncentred]
