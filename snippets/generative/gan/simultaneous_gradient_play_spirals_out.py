"""Gradient play on the simplest minimax game, min_x max_y x*y, does not settle at its equilibrium.

The equilibrium is (0, 0). Simultaneous gradient descent-ascent with step eta maps (x, y)
to (x - eta*y, y + eta*x): a rotation scaled by sqrt(1 + eta^2), so the distance from the
equilibrium grows by exactly that factor every step. Alternating the updates (y moves after
seeing the new x, as GAN training usually does) gives a map with determinant one: it
circles the equilibrium on a bounded orbit, neither converging nor diverging. A GAN's
players face this locally wherever their interaction term dominates (Mescheder et al. 2017).

Conditions: no training of a network: the two-variable bilinear game, 100 steps of size 0.1 from (1, 1); growth matched to a relative 1e-12; float64; deterministic.
"""

import numpy as np

REL_TOL = 1e-12  # float64 rounding over 100 steps

# --8<-- [start:check]
eta, steps = 0.1, 100
x, y = 1.0, 1.0
for _ in range(steps):
    x, y = x - eta * y, y + eta * x  # both players move at once
growth = np.hypot(x, y) / np.hypot(1.0, 1.0)
assert np.isclose(growth, np.sqrt(1 + eta**2) ** steps, rtol=REL_TOL), f"grew {growth:.6f}"
assert growth > 1.6, f"simultaneous play should move away from (0, 0): x{growth:.3f}"

x, y, largest, smallest = 1.0, 1.0, 0.0, np.inf
for _ in range(steps):
    x = x - eta * y
    y = y + eta * x  # the second player sees the first one's new move
    radius = np.hypot(x, y) / np.hypot(1.0, 1.0)
    largest, smallest = max(largest, radius), min(smallest, radius)
assert largest < 1.1, f"alternating play should stay on a bounded orbit: x{largest:.3f}"
assert smallest > 0.9, f"...without converging to the equilibrium either: x{smallest:.3f}"
# --8<-- [end:check]
print(f"simultaneous: x{growth:.4f} (formula {np.sqrt(1 + eta**2) ** steps:.4f}); alternating: x{smallest:.4f} to x{largest:.4f}")
