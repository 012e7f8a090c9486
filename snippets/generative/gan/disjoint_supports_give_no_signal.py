"""When the data and the generator do not overlap, the criterion is the same at every distance.

With disjoint supports, D* is 1 on the data and 0 on the samples, JSD = log 2 and
C(G) = -log 4 + 2 log 2 = 0, however far apart the two are. A generator one step from the
data and one a hundred steps away score the same: the criterion gives no signal that says
"move closer" (the observation behind Arjovsky, Chintala and Bottou 2017). The
Wasserstein-1 distance, computed on the same pairs for contrast, grows with the gap: for a
shifted copy it equals the shift.

Conditions: no training; data uniform on outcomes 0-9 of a line of 200 outcomes, generator the same shape shifted by 10 (just clear of the data), 50 and 150; float64, to 1e-12; seeds 0-4 (the shape of the data is drawn at random).
"""

import os

import numpy as np

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
rng = np.random.default_rng(SEED)
TOL = 1e-12  # float64 rounding


def criterion(p: np.ndarray, q: np.ndarray) -> float:
    """C(G) = V(D*, G), with 0 log 0 = 0 where an outcome has no mass."""
    d_star = np.divide(p, p + q, out=np.full_like(p, 0.5), where=(p + q) > 0)
    with np.errstate(divide="ignore"):
        return float(np.sum(p * np.where(p > 0, np.log(d_star), 0)) + np.sum(q * np.where(q > 0, np.log(1 - d_star), 0)))


# --8<-- [start:check]
p_data = np.zeros(200)
p_data[:10] = rng.dirichlet(np.ones(10))  # data on outcomes 0..9
values, wasserstein, shifts = [], [], (10, 50, 150)
for shift in shifts:
    p_g = np.roll(p_data, shift)  # the same shape, shift outcomes along: no overlap
    values.append(criterion(p_data, p_g))
    wasserstein.append(np.abs(np.cumsum(p_data - p_g)).sum())  # W1 on a line: area between the CDFs
assert np.allclose(values, 0.0, rtol=0, atol=TOL), f"C(G) should be -log 4 + 2 log 2 = 0 at every shift: {values}"
assert wasserstein[0] < wasserstein[1] < wasserstein[2], f"W1 grows with the gap: {wasserstein}"
assert np.allclose(wasserstein, shifts, rtol=0, atol=1e-9), f"W1 of a shifted copy is the shift: {wasserstein}"
# --8<-- [end:check]
print("C(G):", values, "W1:", [round(v, 3) for v in wasserstein])
