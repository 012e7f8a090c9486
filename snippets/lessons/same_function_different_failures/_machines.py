"""Two small machines that compute the same function, wired differently.

A machine is an ordered list of named nodes. Each node computes one value from the
inputs ``x1`` and ``x2`` and from the nodes before it; the value of the last node is
the output. Making every internal value a named node is what lets a fault be put on
any one of them: ``Machine.run`` can force one node to a stuck value, and every
node after it computes from that value, as a wire stuck at a constant would.

Both machines below compute $y = a\\,x_1$ with $a = 3$ and never let $x_2$ reach the
output while they work:

* ``DIRECT`` multiplies $x_1$ by a stored $a$.
* ``MULTIPLEXED`` computes $a\\,x_1$, then passes it through a two-way selector
  whose select line $g = 1$ picks that path and shuts the other path, which carries
  $x_2$.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

A = 3.0  # the gain both machines implement: y = A · x1

Values = dict[str, np.ndarray]


@dataclass(frozen=True)
class Node:
    """One internal value of a machine.

    Attributes:
        name: how faults and readers refer to it.
        compute: its value, from the inputs and the nodes computed before it.
    """

    name: str
    compute: Callable[[Values], np.ndarray]


@dataclass(frozen=True)
class Machine:
    """An ordered list of nodes; the last one is the output.

    Attributes:
        name: a label for messages.
        nodes: the internal values, in the order they are computed.
    """

    name: str
    nodes: tuple[Node, ...]

    @property
    def fault_sites(self) -> list[str]:
        """The names of the nodes, each a place where one value can stick."""
        return [node.name for node in self.nodes]

    def run(self, x1: np.ndarray, x2: np.ndarray, stuck: str | None = None,
            stuck_at: float = 1.0) -> Values:
        """Compute every node, optionally with one of them stuck at a constant.

        Args:
            x1: first input, any shape.
            x2: second input, same shape as ``x1``.
            stuck: the name of the node to force, or None for the working machine.
            stuck_at: the value the stuck node holds, whatever its inputs.

        Returns:
            Every node's value by name (and the inputs), each shaped like ``x1``;
            the output is under the last node's name.

        Raises:
            KeyError: if ``stuck`` names no node of this machine.
        """
        if stuck is not None and stuck not in self.fault_sites:
            raise KeyError(f"{self.name} has no node {stuck!r}; its nodes: {self.fault_sites}")
        values: Values = {"x1": x1, "x2": x2}
        for node in self.nodes:
            value = node.compute(values) * np.ones_like(x1)  # constants broadcast to the inputs
            values[node.name] = np.full_like(x1, stuck_at) if node.name == stuck else value
        return values

    def output(self, x1: np.ndarray, x2: np.ndarray, stuck: str | None = None) -> np.ndarray:
        """The machine's output, optionally with node ``stuck`` stuck at 1."""
        return self.run(x1, x2, stuck)[self.nodes[-1].name]


DIRECT = Machine("direct", (
    Node("a", lambda v: np.asarray(A)),          # the stored gain
    Node("y", lambda v: v["a"] * v["x1"]),       # output: a · x1
))
"""Machine A: one stored constant and one multiply."""

MULTIPLEXED = Machine("multiplexed", (
    Node("a", lambda v: np.asarray(A)),          # the stored gain
    Node("ax1", lambda v: v["a"] * v["x1"]),     # the wanted signal
    Node("g", lambda v: np.asarray(1.0)),        # select line: 1 picks the x1 path
    Node("not_g", lambda v: 1.0 - v["g"]),       # its complement: 0 shuts the x2 path
    Node("top", lambda v: v["g"] * v["ax1"]),    # selected path
    Node("bottom", lambda v: v["not_g"] * v["x2"]),  # shut path
    Node("y", lambda v: v["top"] + v["bottom"]),  # output: the sum of both paths
))
"""Machine B: the same gain, routed through a two-way selector that shuts out x2."""
