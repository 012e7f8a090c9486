"""A fault can wire in an input the machine was built to ignore.

The multiplexed machine carries x2 to its output stage on a path that the select
line shuts. If the complement of the select line sticks at 1, the shut path opens:
y = 3·x1 + x2, so the output now moves with an input no test of the working machine
ever varied usefully. The direct machine never reads x2, so none of its faults can do
this. Across the grid, x2 spans [−2, 2], so the leaked output moves by 4 when only x2
changes.

Conditions: no training, no randomness; exact float64 arithmetic on the 81-point grid of [−2, 2]² (nine values per axis); single faults stuck at 1.

Assumption: an input the machine ignores can never affect its output.
Broken by: a fault that opens the path the select line was meant to shut.
"""

import numpy as np

from snippets.lessons.same_function_different_failures._machines import DIRECT, MULTIPLEXED

x1, x2 = np.meshgrid(np.linspace(-2, 2, 9), np.linspace(-2, 2, 9), indexing="ij")  # (9, 9) each

# --8<-- [start:leak]
def moves_with_x2(machine, stuck):
    y = machine.output(x1, x2, stuck=stuck)  # (9, 9): rows vary x1, columns vary x2
    return np.ptp(y, axis=1).max()  # largest change of y when only x2 changes


leaky = {m.name: [node for node in m.fault_sites if moves_with_x2(m, node) > 0]
         for m in (DIRECT, MULTIPLEXED)}
assert leaky == {"direct": [], "multiplexed": ["not_g"]}, leaky
expected_swing = 2.0 - (-2.0)  # y = 3·x1 + x2 and x2 spans [−2, 2]
got = moves_with_x2(MULTIPLEXED, "not_g")
assert got == expected_swing == 4, f"expected a swing of {expected_swing}, got {got}"
# --8<-- [end:leak]
