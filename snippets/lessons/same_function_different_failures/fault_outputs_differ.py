"""Same working function, different sets of broken functions.

Inject every single stuck-at-1 fault into each machine and collect the outputs on
the 81-point grid. The two machines share some broken behaviours (y = x1 when the
stored gain sticks, a constant when the output sticks) but not all: the
multiplexed machine has behaviours the direct one cannot have, and some of them are
harmless. One of its faults changes nothing at all (the select line is 1 already),
and one adds a constant offset that an affine recalibration (y ≈ c·output + d,
fitted on the grid) removes. Which faults a machine can survive is a property of its
wiring, invisible in its working outputs.

Conditions: no training, no randomness; exact float64 arithmetic on the 81-point grid of [−2, 2]² (nine values per axis); single faults stuck at 1; a repair counts when the refitted output
is within 1e-9 of 3·x1 everywhere on the grid.
"""

import numpy as np

from snippets.lessons.same_function_different_failures._machines import DIRECT, MULTIPLEXED

x1, x2 = np.meshgrid(np.linspace(-2, 2, 9), np.linspace(-2, 2, 9), indexing="ij")  # (9, 9) each
working = 3.0 * x1  # what both compute when nothing is broken


def name_of(output):
    matches = [name for name, f in FORMULAS.items() if np.allclose(output, f)]
    assert len(matches) == 1, f"unrecognised faulty output: {output}"
    return matches[0]


faulty = {m.name: {node: m.output(x1, x2, stuck=node) for node in m.fault_sites}
          for m in (DIRECT, MULTIPLEXED)}  # machine -> node -> (9, 9) output

# --8<-- [start:sets]
# Names for the functions a fault can leave, written out by hand.
FORMULAS = {
    "x1": x1,
    "1": np.ones_like(x1),
    "3·x1 (unchanged)": 3 * x1,
    "3·x1 + x2": 3 * x1 + x2,
    "3·x1 + 1": 3 * x1 + 1,
}
behaviours = {m: {name_of(out) for out in outs.values()} for m, outs in faulty.items()}
wrong = {m: {b for b in bs if b != "3·x1 (unchanged)"} for m, bs in behaviours.items()}
assert wrong["direct"] == {"x1", "1"}, wrong["direct"]
assert wrong["multiplexed"] == {"x1", "1", "3·x1 + x2", "3·x1 + 1"}, wrong["multiplexed"]
shared = wrong["direct"] & wrong["multiplexed"]
only_b = wrong["multiplexed"] - wrong["direct"]
assert len(wrong["direct"]) == 2 and len(wrong["multiplexed"]) == 4, wrong
assert len(shared) == 2 and len(only_b) == 2, (shared, only_b)
# --8<-- [end:sets]

# --8<-- [start:usable]
def recalibrated_error(output):
    """Fit y ≈ c·output + d by least squares over the grid; return the worst residual."""
    design = np.stack([output.ravel(), np.ones(output.size)], axis=1)  # (81, 2)
    coef, *_ = np.linalg.lstsq(design, working.ravel(), rcond=None)
    return np.abs(design @ coef - working.ravel()).max()


TOL = 1e-9  # a repair is exact or it is not: float64 rounding only
usable = {m: sorted(node for node, out in outs.items() if recalibrated_error(out) < TOL)
          for m, outs in faulty.items()}
untouched = {m: sorted(node for node, out in outs.items() if np.array_equal(out, working))
             for m, outs in faulty.items()}
assert usable["direct"] == ["a"], usable  # gain stuck: y = x1, rescaled by 3 to be right
assert usable["multiplexed"] == ["a", "bottom", "g"], usable
assert untouched["direct"] == [] and untouched["multiplexed"] == ["g"], untouched
assert len(usable["direct"]) == 1 and len(usable["multiplexed"]) == 3
assert len(faulty["direct"]) == 2 and len(faulty["multiplexed"]) == 7
# --8<-- [end:usable]
