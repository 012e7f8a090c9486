"""With one state, A = -1 and B = 1, Mamba's selective SSM is exactly a gated
recurrence, and its step size Δ is the gate (Gu & Dao 2023, Section 3.5.1, Theorem 1).

Zero-order hold gives Ā = exp(-Δ) and B̄ = 1 - exp(-Δ). With Δ = softplus(z),
exp(-Δ) = 1 / (1 + e^z) = 1 - σ(z), so x_t = (1 - g_t) x_{t-1} + g_t u_t with the gate
g_t = σ(z_t): the interpolation a GRU's update gate makes, with the input itself in
place of the GRU's candidate state. A small Δ keeps the state and ignores the input; a
large Δ throws the state away and takes the input.

Conditions: no training; one channel with N = 1, random inputs and gate
pre-activations over 50 steps; float64, equal to 1e-12; seeds 0-9. The extremes: one
step from a stored 1.0 with an input of -3.0, at Δ = 1e-4 and Δ = 20.0 (the error of
a tiny step grows with the gap between state and input: about Δ times that gap).
"""

import os

import torch
from torch.nn import functional as F

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

TOL = 1e-12  # float64 rounding over 50 steps
L = 50
u, z = torch.randn(L), 3 * torch.randn(L)  # inputs; the projections that set Δ

# --8<-- [start:gate]
delta = F.softplus(z)  # Mamba's step size, one per step
x_ssm, x_gru = torch.zeros(()), torch.zeros(())
for t in range(L):
    A_bar = torch.exp(-delta[t])  # zero-order hold of A = -1
    B_bar = 1 - torch.exp(-delta[t])  # zero-order hold of B = 1: A⁻¹(exp(ΔA) - 1) B
    x_ssm = A_bar * x_ssm + B_bar * u[t]
    g = torch.sigmoid(z[t])  # the gate of a gated RNN
    x_gru = (1 - g) * x_gru + g * u[t]
    assert abs(x_ssm - x_gru) < TOL, f"step {t}: {x_ssm:.6f} against {x_gru:.6f}"
# --8<-- [end:gate]

# --8<-- [start:extremes]
def one_step(x, u_t, delta_t):
    return torch.exp(-delta_t) * x + (1 - torch.exp(-delta_t)) * u_t


x, u_t = torch.tensor(1.0), torch.tensor(-3.0)  # a stored value, and a new input
kept = one_step(x, u_t, torch.tensor(1e-4))  # tiny Δ: keep the state, ignore the input
reset = one_step(x, u_t, torch.tensor(20.0))  # large Δ: forget the state, take the input
assert abs(kept - x) < 1e-3, f"a tiny step keeps the state: {kept:.5f}"
assert abs(reset - u_t) < 1e-3, f"a large step replaces it with the input: {reset:.5f}"
# --8<-- [end:extremes]
