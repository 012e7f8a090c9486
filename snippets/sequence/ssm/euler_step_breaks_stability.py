"""Discretise Mamba's initial A with a forward Euler step instead of zero-order hold,
and a step size that zero-order hold handles easily makes the state explode.

Mamba initialises A = -(1, 2, ..., 16) in every channel (S4D-real). Zero-order hold
gives exp(Δa), inside (0, 1) for any Δ > 0. The Euler step Ā = 1 + Δa leaves the unit
circle as soon as Δ|a| > 2: at Δ = 0.2 the fastest mode, a = -16, becomes
1 - 3.2 = -2.2, and the state flips sign and more than doubles at every step.
Stability lives in the discretisation, not only in the sign of A.

Assumption: a continuous state matrix with negative eigenvalues gives a stable recurrence.
Broken by: a forward Euler discretisation with Δ|a| > 2, which maps a stable mode outside the unit circle.

Conditions: no training; Mamba's initial A with N = 16, Δ = 0.2, one channel, an
impulse then 40 silent steps; float64.
"""

import tomllib
from pathlib import Path

import torch

torch.set_default_dtype(torch.float64)
PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))

# --8<-- [start:check]
N = int(PUBLISHED["mamba_d_state"]["value"])  # 16 states per channel
A = -torch.arange(1.0, N + 1)  # S4D-real: Mamba's initial A
step = 0.2
zoh, euler = torch.exp(step * A), 1 + step * A  # the diagonal of Ā, two ways
x_zoh, x_euler = torch.ones(N), torch.ones(N)  # the state right after an impulse
for _ in range(40):
    x_zoh, x_euler = zoh * x_zoh, euler * x_euler
assert zoh.abs().max() < 1 and euler.abs().max() > 1, (zoh.abs().max(), euler.abs().max())
assert abs(euler.min().item() - (-2.2)) < 1e-12, f"the fastest mode: {euler.min():.3f}"
assert x_zoh.abs().max() < 1, f"zero-order hold: the state decays, {x_zoh.abs().max():.3f}"
assert x_euler.abs().max() > 1e12, f"Euler: the state explodes, {x_euler.abs().max():.2e}"
# --8<-- [end:check]
