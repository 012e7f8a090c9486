"""A linear autoencoder trained by gradient descent ends in the principal subspace.

Baldi and Hornik (1989) showed that the squared reconstruction error of a linear
network x → W V x, with a k-unit bottleneck and no biases, has a single minimum up
to an invertible k×k change of basis: W V becomes the orthogonal projection onto the
top-k principal subspace, and every other critical point is a saddle. So plain
gradient descent from a random start is expected to reach PCA's subspace without ever
being told about covariance or eigenvectors; that it does within 200 steps is checked
here, on this data, not proven. What it does not learn is PCA's basis: any
invertible C gives the same map (W C)(C⁻¹ V), and nothing in the loss prefers
orthonormal columns. Holds for centred data with a clear gap after the k-th
eigenvalue; the data below are tiny (200 samples, 8 features) and training is 200
full-batch steps.

Conditions: trained 200 full-batch SGD steps (learning rate 0.1) from PyTorch's default
initialisation, float32, on 200 centred Gaussian samples in 8 features with variances
4, 2, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02 along a random basis; seeds 0-5. Measured over
those seeds: decoder angles up to 0.064°, error gap up to 0.04%, WᵀW off the identity
by 0.29 to 1.03, encoder-to-decoder angle ratio 75 to 151.
"""

import os

import numpy as np
import torch
from torch import nn

from snippets.lessons.mental_models._pca import centre, pca_by_eigh, principal_angles

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
rng = np.random.default_rng(SEED)
torch.set_num_threads(1)  # tensors this small run fastest on one thread

# Build: centred data, variances 4 and 2 along two random directions, small elsewhere.
n, d, k = 200, 8, 2
spread = np.array([4.0, 2.0, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02])
basis, _ = np.linalg.qr(rng.standard_normal((d, d)))  # (features, features)
x = centre(rng.standard_normal((n, d)) * np.sqrt(spread) @ basis.T)  # (samples, features)
xt = torch.tensor(x, dtype=torch.float32)

# --8<-- [start:train]
encoder = nn.Linear(d, k, bias=False)  # V: (k, features)
decoder = nn.Linear(k, d, bias=False)  # W: (features, k)
opt = torch.optim.SGD([*encoder.parameters(), *decoder.parameters()], lr=0.1)
for _ in range(200):
    loss = (decoder(encoder(xt)) - xt).pow(2).sum(dim=1).mean()  # squared error per sample
    opt.zero_grad()
    loss.backward()
    opt.step()

eigenvalues, top_k = pca_by_eigh(x, k)  # (features,), (features, k)
w = decoder.weight.detach().double().numpy()  # (features, k)
angles = principal_angles(w, top_k)

ANGLE_TOL_DEG = 1.0  # measured ≤ 0.07° over seeds 0..5; training stops after 200 steps
assert angles.max() < ANGLE_TOL_DEG, f"decoder vs top-{k} eigenvectors: angles {angles}°"

# The error it reaches is PCA's: the sum of the discarded eigenvalues (per n−1).
REL_TOL = 0.01  # measured gap ≤ 0.04%; float32 and a finite run
error = loss.item() * n / (n - 1)
discarded = eigenvalues[k:].sum()
relative_gap = abs(error - discarded) / discarded
assert relative_gap < REL_TOL, f"error {error:.4f} vs PCA {discarded:.4f}"
# --8<-- [end:train]

# --8<-- [start:not_orthogonal]
gram = w.T @ w  # (k, k): the identity if the columns were orthonormal, as PCA's are
MIN_DEVIATION = 0.1  # measured 0.29 to 1.03 over seeds 0..5, from the random start
deviation = np.abs(gram - np.eye(k)).max()
assert deviation > MIN_DEVIATION, f"WᵀW =\n{gram}\nis within {deviation:.3f} of the identity"

# Why nothing pulls it there: any invertible C leaves the map, and so the loss, unchanged.
c = torch.tensor([[2.0, 1.0], [0.0, 0.5]])  # (k, k), invertible, far from orthogonal
with torch.no_grad():
    original = decoder(encoder(xt))  # (samples, features)
    rebased = (xt @ (torch.linalg.inv(c) @ encoder.weight).T) @ (decoder.weight @ c).T
assert torch.allclose(original, rebased, atol=1e-5), "W C · C⁻¹ V should equal W V"
# --8<-- [end:not_orthogonal]

# --8<-- [start:encoder_lags]
# The encoder's rows reach the subspace more slowly: their parts along a direction
# of variance λ shrink at a rate proportional to λ, and the smallest λ here is 0.02.
v = encoder.weight.detach().double().numpy().T  # (features, k): the encoder's rows as columns
encoder_angle = principal_angles(v, top_k).max()
decoder_angle = angles.max()
ratio = encoder_angle / decoder_angle
MIN_RATIO = 10.0  # measured 75 to 151 over seeds 0..5
assert ratio > MIN_RATIO, f"encoder {encoder_angle:.3f}°, decoder {decoder_angle:.3f}°: ratio {ratio:.1f}"
# --8<-- [end:encoder_lags]
