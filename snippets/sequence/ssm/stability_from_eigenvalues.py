"""An SSM is stable when the discretised state matrix's eigenvalues lie inside the
unit circle, and both S4's and Mamba's discretisations put them there whenever the
continuous eigenvalues have negative real parts.

The recurrence x_k = Ā x_{k-1} + B̄ u_k multiplies the state by Ā at every step, so an
impulse dies away if every eigenvalue of Ā has |λ| < 1 and grows if one has |λ| > 1.
Zero-order hold maps a continuous eigenvalue a to exp(Δa), the bilinear transform to
(1 + Δa/2) / (1 - Δa/2); both have modulus below one exactly when Re(a) < 0, for every
step Δ > 0. Mamba stores A as -exp(A_log), so it is negative whatever values training
gives A_log and Δ.

Conditions: no training, no data; a random dense 8 x 8 state matrix shifted so that its
eigenvalues' real parts are at most -0.1 (and the same matrix shifted by 0.2, so that
its largest real part is +0.1);
steps Δ of 1e-3, 0.1, 10 and 1e3; an impulse run for 2,000 steps at Δ = 0.1; float64;
seeds 0-9. Mamba's parametrisation: 16,000 values of A_log drawn uniformly from -20 to 20,
with 1,000 steps Δ spaced logarithmically from 1e-6 to 1e4.
"""

import os

import torch

from snippets.sequence.ssm._ssm import discretise_bilinear, discretise_zoh

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

N = 8
M = torch.randn(N, N) / N**0.5
stable = M - (torch.linalg.eigvals(M).real.max() + 0.1) * torch.eye(N)  # real parts <= -0.1
unstable = stable + 0.2 * torch.eye(N)  # the same modes, the slowest now growing: Re = +0.1
B = torch.randn(N, 1)


def spectral_radius(matrix):
    return torch.linalg.eigvals(matrix).abs().max().item()


def impulse_size(A_bar, B_bar, steps=2_000):
    """The state's size after an impulse at step 0 and ``steps`` of silence."""
    return (torch.linalg.matrix_power(A_bar, steps) @ B_bar).norm().item()


# --8<-- [start:check]
for discretise in (discretise_zoh, discretise_bilinear):
    for step in (1e-3, 0.1, 10.0, 1e3):
        radius = spectral_radius(discretise(stable, B, step)[0])
        assert radius < 1, f"{discretise.__name__}, Δ={step}: spectral radius {radius:.6f}"
    assert impulse_size(*discretise(stable, B, 0.1)) < 1e-6, "a stable system forgets an impulse"
    assert spectral_radius(discretise(unstable, B, 0.1)[0]) > 1, "an eigenvalue with Re > 0"
    assert impulse_size(*discretise(unstable, B, 0.1)) > 1e6, "an unstable one blows it up"
# --8<-- [end:check]

# --8<-- [start:mamba]
A_log = torch.empty(1_000, 16).uniform_(-20, 20)  # anything training might reach
delta = torch.logspace(-6, 4, 1_000).unsqueeze(1)  # (1000, 1): step sizes, always positive
A = -torch.exp(A_log)  # Mamba's parametrisation: strictly negative
A_bar = torch.exp(delta * A)  # zero-order hold, diagonal
assert A.max() < 0, f"A = -exp(A_log) is negative for every A_log: largest {A.max():.2e}"
assert A_bar.max() <= 1 and A_bar.min() >= 0, f"exp(ΔA) lies in [0, 1]: {A_bar.min():.2e}..{A_bar.max():.2e}"
# --8<-- [end:mamba]
