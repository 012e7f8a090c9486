"""At the optimal discriminator, the GAN's value is -log 4 + 2 JSD(p_data || p_g), exactly.

Goodfellow et al. (2014, Theorem 1). On discrete distributions every term is a finite
sum, so the identity can be checked to rounding: the left side is the game's value
sum p log D* + sum q log(1 - D*) with D* = p / (p + q); the right side is built from two
KL divergences to the mixture m = (p + q) / 2, written separately.

Conditions: no training; 1,000 random pairs of distributions on 10 outcomes (Dirichlet(1) draws); float64, to 1e-12; seeds 0-4.
"""

import os

import numpy as np

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-12  # float64 rounding over sums of ten logarithms


def kl(a: np.ndarray, b: np.ndarray) -> float:
    """KL(a || b) for discrete distributions with full support."""
    return float(np.sum(a * np.log(a / b)))


# --8<-- [start:check]
for _ in range(1_000):
    p, q = rng.dirichlet(np.ones(10)), rng.dirichlet(np.ones(10))  # p_data, p_g on 10 outcomes
    d_star = p / (p + q)
    value = np.sum(p * np.log(d_star)) + np.sum(q * np.log(1 - d_star))  # V(D*, G)
    m = (p + q) / 2
    jsd = 0.5 * kl(p, m) + 0.5 * kl(q, m)
    assert abs(value - (-np.log(4) + 2 * jsd)) < TOL, f"V(D*, G) {value:.15f} vs {-np.log(4) + 2 * jsd:.15f}"
# --8<-- [end:check]
