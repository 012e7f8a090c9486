"""Inverted dropout keeps every unit's expectation exactly, and raises its variance.

Dropout multiplies each unit by an independent mask m ~ Bernoulli(1 - p) (p is the drop
probability, as in torch). Inverted dropout divides the survivors by 1 - p, so
E[m x / (1 - p)] = x. The check enumerates all 2^n masks of a small vector with their
probabilities, in exact rational arithmetic, so nothing is sampled and nothing is
rounded. The same enumeration gives the variance the mask adds, x^2 p / (1 - p): the
mean survives, the second moment does not, which is what a following batch norm sees.

Conditions: exact rational arithmetic (fractions.Fraction) over all 64 masks of a
6-vector, drop probability 1/4 and 1/2; no training, no data, no randomness.
"""

import itertools
from fractions import Fraction

x = [Fraction(v) for v in (3, -1, Fraction(1, 2), 0, 7, Fraction(-5, 4))]  # any vector
n = len(x)


def moments(p: Fraction) -> tuple[list[Fraction], list[Fraction]]:
    """Mean and variance of inverted dropout's output, unit by unit, over all masks."""
    mean = [Fraction(0)] * n
    second = [Fraction(0)] * n
    for mask in itertools.product((0, 1), repeat=n):  # 2**n masks
        prob = Fraction(1)
        for m in mask:
            prob *= (1 - p) if m else p
        for i, m in enumerate(mask):
            y = m * x[i] / (1 - p)  # inverted dropout: survivors divided by 1 - p
            mean[i] += prob * y
            second[i] += prob * y * y
    var = [s - mu * mu for s, mu in zip(second, mean)]
    return mean, var


# --8<-- [start:mean]
for p in (Fraction(1, 4), Fraction(1, 2)):
    mean, var = moments(p)
    assert mean == x, f"p={p}: the mean over all {2**n} masks is {mean}, not the input {x}"
# --8<-- [end:mean]

# --8<-- [start:variance]
for p in (Fraction(1, 4), Fraction(1, 2)):
    mean, var = moments(p)
    expected = [xi * xi * p / (1 - p) for xi in x]  # Bernoulli variance, scaled by 1/(1-p)^2
    assert var == expected, f"p={p}: variance {var}, expected x^2 p/(1-p) = {expected}"
p = Fraction(1, 2)
mean, var = moments(p)
mean_square = [v + mu * mu for v, mu in zip(var, mean)]  # E[y^2] = Var(y) + E[y]^2, unit by unit
doubled = [2 * xi * xi for xi in x]  # the input's square, doubled
assert mean_square == doubled, f"at p = 1/2 the mean square should double: {mean_square} against {doubled}"
# --8<-- [end:variance]
