"""A linear time-invariant SSM's recurrence equals a causal convolution with its kernel.

Discretised with the bilinear transform (as S4 does), x_k = Ā x_{k-1} + B̄ u_k and
y_k = C x_k unrolls, from a zero state, to y_k = sum_j C Ā^j B̄ u_{k-j}: a convolution
of the input with K = (CB̄, CĀB̄, CĀ²B̄, ...). The check runs the recurrence step by step
and, separately, builds K by matrix powers and convolves by FFT, as S4 trains. The same
holds with zero-order hold, the discretisation Mamba uses for A.

Conditions: no training; a random dense state matrix with N = 8, its eigenvalues moved
into the left half-plane, step Δ = 0.1, one white-noise input of 256 steps; float64,
equal to 1e-10; seeds 0-9.
"""

import os

import torch

from snippets.sequence.ssm._ssm import (
    causal_conv_fft,
    discretise_bilinear,
    discretise_zoh,
    kernel,
    recurrence,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

TOL = 1e-10  # float64 rounding over 256 steps of products of 8 x 8 matrices

N, L, STEP = 8, 256, 0.1
M = torch.randn(N, N) / N**0.5
A = M - (torch.linalg.eigvals(M).real.max() + 0.5) * torch.eye(N)  # every eigenvalue's real part <= -0.5
B, C = torch.randn(N, 1), torch.randn(1, N)
u = torch.randn(L)  # (time,)

# --8<-- [start:check]
for discretise in (discretise_bilinear, discretise_zoh):
    A_bar, B_bar = discretise(A, B, STEP)
    stepped = recurrence(A_bar, B_bar, C, u)  # x_k = Ā x_(k-1) + B̄ u_k, one step at a time
    K = kernel(A_bar, B_bar, C, L)  # (CB̄, CĀB̄, CĀ²B̄, ...)
    convolved = causal_conv_fft(K, u)  # all L outputs at once
    gap = (stepped - convolved).abs().max().item()
    assert gap < TOL, f"{discretise.__name__}: recurrence and convolution differ by {gap:.1e}"
    assert torch.allclose(stepped, convolved, rtol=0, atol=TOL), discretise.__name__
# --8<-- [end:check]
