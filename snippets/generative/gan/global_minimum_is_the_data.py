"""The generator's criterion at D* is smallest, -log 4, exactly when p_g = p_data, where D* = 1/2.

Since JSD >= 0 with equality only for equal distributions, C(G) = max_D V(D, G) is above
-log 4 for every other generator (Goodfellow et al. 2014, Theorem 1). The check draws random
generators (each must score above -log 4) and then sets p_g to p_data (it must score
-log 4, and the best discriminator must answer 1/2 everywhere: it cannot tell them apart).

Conditions: no training; 1,000 random distributions on 10 outcomes (Dirichlet(1) draws) against one fixed p_data; float64, equality to 1e-12; seeds 0-4.
"""

import os

import numpy as np

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-12  # float64 rounding over sums of ten logarithms


def criterion(p: np.ndarray, q: np.ndarray) -> float:
    """C(G) = V(D*, G) for data p and generator q, with D* = p / (p + q)."""
    d_star = p / (p + q)
    return float(np.sum(p * np.log(d_star)) + np.sum(q * np.log(1 - d_star)))


# --8<-- [start:check]
p_data = rng.dirichlet(np.ones(10))
lowest_other = min(criterion(p_data, rng.dirichlet(np.ones(10))) for _ in range(1_000))
assert lowest_other > -np.log(4), f"a generator other than the data scored {lowest_other:.6f}"

assert abs(criterion(p_data, p_data) - (-np.log(4))) < TOL, f"C(p_data) = {criterion(p_data, p_data):.15f}"
d_star = p_data / (p_data + p_data)
assert np.allclose(d_star, 0.5, rtol=0, atol=TOL), f"D* should be 1/2 everywhere: {d_star}"
# --8<-- [end:check]
print(f"lowest criterion of a random generator {lowest_other:.4f} vs -log 4 = {-np.log(4):.4f}")
