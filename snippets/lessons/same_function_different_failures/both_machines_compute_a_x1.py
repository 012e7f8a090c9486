"""While they work, both machines compute y = 3·x1 and ignore x2.

The direct machine multiplies x1 by a stored gain; the multiplexed one computes the
same product and routes it through a selector whose select line shuts out x2. On a
grid of inputs covering both signs, zero and both extremes, their outputs equal the
formula 3·x1 exactly, equal each other, and do not move when only x2 moves. No test
of the working machines can tell them apart. Holds for every real input; the grid is
81 points in [−2, 2]².

Conditions: no training, no randomness; exact float64 arithmetic on the 81-point grid of [−2, 2]² (nine values per axis); outputs compared bit for bit.
"""

import numpy as np

from snippets.lessons.same_function_different_failures._machines import DIRECT, MULTIPLEXED

# --8<-- [start:nominal]
x1, x2 = np.meshgrid(np.linspace(-2, 2, 9), np.linspace(-2, 2, 9), indexing="ij")  # (9, 9) each
expected = 3.0 * x1  # the specification, written out
for machine in (DIRECT, MULTIPLEXED):
    y = machine.output(x1, x2)  # (9, 9): rows vary x1, columns vary x2
    assert np.array_equal(y, expected), f"{machine.name}: max error {np.abs(y - expected).max()}"
    spread_over_x2 = np.ptp(y, axis=1).max()  # how far y moves when only x2 changes
    assert spread_over_x2 == 0.0, f"{machine.name}: y moves by {spread_over_x2} with x2"
assert np.array_equal(DIRECT.output(x1, x2), MULTIPLEXED.output(x1, x2))
assert x1.size == 81
# --8<-- [end:nominal]
