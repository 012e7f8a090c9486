"""The variance of q·k grows like d_k; dividing by √d_k brings it back to about 1.

If the d_k entries of q and k are independent with mean 0 and variance 1, each
product q_i k_i has mean 0 and variance 1, and their sum q·k has variance d_k
(Vaswani et al. 2017, footnote 4). Dividing by √d_k divides the variance by d_k.
Measured here over 20,000 independent pairs of Gaussian vectors for each d_k.

Conditions: no learned weights, no training; 20,000 pairs of independent
standard-normal vectors for each d_k; variance ratios within 0.05 of 1 (about four
standard errors); seeds 0-5.
"""

import os

import torch

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SAMPLES = 20_000
# The sample variance of q·k has a relative standard error of √((2 + 6/d_k) / SAMPLES)
# (q·k has excess kurtosis 6/d_k): 1.3% at d_k = 4, 1.0% for large d_k. 5% is ~4 of them.
TOL = 0.05

# --8<-- [start:variance]
for d_k in (4, 16, 64, 256):
    q = torch.randn(SAMPLES, d_k)  # (samples, d_k): entries with mean 0, variance 1
    k = torch.randn(SAMPLES, d_k)  # (samples, d_k)
    dots = (q * k).sum(dim=-1)  # (samples,) one dot product per pair
    expected = d_k  # Var(sum of d_k independent unit-variance products)
    ratio = dots.var().item() / expected
    assert abs(ratio - 1.0) < TOL, f"d_k={d_k}: Var(q·k) = {dots.var().item():.1f}, expected {expected}"
    scaled_var = (dots / d_k**0.5).var().item()
    assert abs(scaled_var - 1.0) < TOL, f"d_k={d_k}: Var(q·k/√d_k) = {scaled_var:.3f}, expected 1"
# --8<-- [end:variance]
