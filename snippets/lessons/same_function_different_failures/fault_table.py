"""Every single stuck-at-1 fault of both machines, derived by hand and simulated.

A stuck-at-1 fault forces one internal value to 1 whatever its inputs; every node
downstream computes from that 1. Working the algebra through each machine by hand
gives the output under every fault (the tables below); simulating the fault on the
81-point grid must give the same outputs. The direct machine has 2 places that can
stick, the multiplexed one 7: more parts means more places to break, and each place
breaks the function in its own way.

Conditions: no training, no randomness; exact float64 arithmetic on the 81-point grid of [−2, 2]² (nine values per axis); single faults stuck at 1; simulated and hand-derived outputs
compared with numpy's allclose.
"""

import numpy as np

from snippets.lessons.same_function_different_failures._machines import DIRECT, MULTIPLEXED

x1, x2 = np.meshgrid(np.linspace(-2, 2, 9), np.linspace(-2, 2, 9), indexing="ij")  # (9, 9) each

# --8<-- [start:table]
# Hand-derived: set the named node to 1, recompute everything after it.
BY_HAND = {
    "direct": {
        "a": lambda x1, x2: 1 * x1,  # y = a·x1 with a = 1
        "y": lambda x1, x2: 1 + 0 * x1,  # the output itself is stuck
    },
    "multiplexed": {
        "a": lambda x1, x2: 1 * x1,  # y = g·(1·x1) + (1 − g)·x2, g = 1
        "ax1": lambda x1, x2: 1 + 0 * x1,  # top = 1·1, bottom = 0
        "g": lambda x1, x2: 3 * x1,  # g is 1 already: nothing changes
        "not_g": lambda x1, x2: 3 * x1 + x2,  # the shut path opens: x2 leaks in
        "top": lambda x1, x2: 1 + 0 * x1,  # y = 1 + 0·x2
        "bottom": lambda x1, x2: 3 * x1 + 1,  # y = 3·x1 + 1: an offset
        "y": lambda x1, x2: 1 + 0 * x1,
    },
}
for machine in (DIRECT, MULTIPLEXED):
    table = BY_HAND[machine.name]
    assert list(table) == machine.fault_sites, f"{machine.name}: sites {machine.fault_sites}"
    for node, by_hand in table.items():
        held = machine.run(x1, x2, stuck=node)[node]  # (9, 9): the stuck node's value
        assert np.unique(held).tolist() == [1.0], f"{machine.name}, {node} should hold 1"
        simulated = machine.output(x1, x2, stuck=node)  # (9, 9)
        assert np.allclose(simulated, by_hand(x1, x2)), f"{machine.name}, {node} stuck at 1"

sites = {m.name: len(m.fault_sites) for m in (DIRECT, MULTIPLEXED)}
assert sites["direct"] == len(BY_HAND["direct"]) == 2, sites
assert sites["multiplexed"] == len(BY_HAND["multiplexed"]) == 7, sites
# --8<-- [end:table]
