"""Testing an ignored input at its default value misses the faults that un-ignore it.

An input the specification says to ignore is naturally held at a default (0) when
the machine is tested. Every working output is still checked, so the test looks
complete. It catches both faults of the direct machine. In the multiplexed machine
it misses two: the stuck select line, which no input can reveal, and the stuck
complement, whose output 3·x1 + x2 equals the working 3·x1 exactly when x2 = 0. The
second one is the dangerous kind: invisible in testing, wrong in use. A test set
that also varies x2 catches it. (The networks' shortcut is the same story: data from
the training distribution hold the shortcut at its training behaviour.)

Conditions: no training, no randomness; exact float64 arithmetic on nine values of x1
in [−2, 2] with x2 = 0, then on the 81-point grid of [−2, 2]² (nine values per axis);
single faults stuck at 1; a fault is missed when its output equals the working output
bit for bit.

Assumption: a test that checks every working output checks the machine.
Broken by: holding the ignored input at its default value, where the dangerous fault is invisible.
"""

import numpy as np

from snippets.lessons.same_function_different_failures._machines import DIRECT, MULTIPLEXED


# --8<-- [start:miss]
def missed(machine, x1, x2):
    """The faults whose output equals the working output on every test input."""
    working = machine.output(x1, x2)
    return [n for n in machine.fault_sites if np.array_equal(machine.output(x1, x2, stuck=n), working)]


x1 = np.linspace(-2, 2, 9)  # (9,)
x2_default = np.full_like(x1, 0.0)  # (9,): the ignored input, held at 0
x1_grid, x2_grid = np.meshgrid(x1, np.linspace(-2, 2, 9), indexing="ij")  # (9, 9) each

assert missed(DIRECT, x1, x2_default) == [], "x2 = 0 tests should catch every direct fault"
assert missed(MULTIPLEXED, x1, x2_default) == ["g", "not_g"]
assert len(missed(MULTIPLEXED, x1, x2_default)) == 2 and len(MULTIPLEXED.fault_sites) == 7
assert missed(MULTIPLEXED, x1_grid, x2_grid) == ["g"], "varying x2 should expose not_g"
# --8<-- [end:miss]
