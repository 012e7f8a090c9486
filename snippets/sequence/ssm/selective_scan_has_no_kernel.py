"""Mamba's selective scan still runs as a recurrence, but no convolution kernel
reproduces it.

In the selective scan Δ_t, B_t and C_t are computed from the input u_t at every step
(here as Mamba computes them: Δ_t = softplus(w u_t + b), B_t = w_B u_t, C_t = w_C u_t,
for one channel). The recurrence x_t = exp(Δ_t A) x_{t-1} + Δ_t B_t u_t runs as
before, and unrolls to y = M u with M lower-triangular; since M itself is computed
from the input, causality is checked directly: new inputs from one step on leave every
earlier output exactly as it was. For an LTI system M[t, s] depends only on t - s, so each diagonal of M is one entry of the kernel; here it
depends on every step in between. A kernel K would make the output linear in u, a
convolution: the best K fitted by least squares to many input-output pairs leaves a
large residual, while for the time-invariant system (the same A, and Δ, B, C held
fixed) it leaves nothing.

Conditions: no training; one channel, diagonal A = -(1, ..., 4), random projection
weights; 64 white-noise inputs of 32 steps; float64; equalities to 1e-10; causality
checked by replacing the inputs from step 16 on and comparing the first 16 outputs
bit for bit. Seeds 0-9: the best kernel's residual is 0.66 to 0.90 of the output's norm (bound 0.5), the
time-invariant system's below 3e-15.
"""

import os

import torch
from torch.nn import functional as F

from snippets.sequence.ssm._ssm import selective_matrix, selective_scan

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

TOL = 1e-10  # float64 rounding over 32 steps
N, L, RUNS = 4, 32, 64
CUT = 16  # the step from which the causality check changes the input
A = -torch.arange(1.0, N + 1)  # (N,): S4D-real, as Mamba initialises it
w_delta, b_delta = torch.randn(()), torch.randn(())
w_B, w_C = torch.randn(N), torch.randn(N)


def selective_params(u):
    """Δ, B, C at every step, each computed from that step's input."""
    return F.softplus(w_delta * u + b_delta), u[:, None] * w_B, u[:, None] * w_C  # (L,), (L, N), (L, N)


def fixed_params(u):
    """The time-invariant system: the same A, with Δ, B, C that ignore the input."""
    return F.softplus(b_delta).expand(L), w_B.expand(L, N), w_C.expand(L, N)


inputs = torch.randn(RUNS, L)  # (runs, time)

# --8<-- [start:runs]
u = inputs[0]
delta, B, C = selective_params(u)
stepped = selective_scan(u, delta, A, B, C)  # the recurrence, one step at a time
M = selective_matrix(delta, A, B, C)  # (L, L): the same map as one matrix, zero above the diagonal
assert torch.allclose(stepped, M @ u, rtol=0, atol=TOL), "the scan is y = M u"

later = torch.cat([u[:CUT], torch.randn(L - CUT)])  # the same first CUT inputs, new ones after
delta_later, B_later, C_later = selective_params(later)  # Δ, B, C recomputed from the new inputs
rerun = selective_scan(later, delta_later, A, B_later, C_later)
assert torch.equal(rerun[:CUT], stepped[:CUT]), "causal: no output before the change depends on it"
assert not torch.allclose(rerun[CUT:], stepped[CUT:]), "the outputs from the change on do see it"
# --8<-- [end:runs]

# --8<-- [start:no_kernel]
def diagonal_spread(M):
    """The largest range of values along one diagonal of M (zero for a Toeplitz matrix)."""
    return max((M.diagonal(-lag).max() - M.diagonal(-lag).min()).item() for lag in range(L - 1))


def best_kernel_residual(params):
    """Fit one kernel K to every run by least squares; return the residual's relative size."""
    rows, outputs = [], []
    for u in inputs:
        rows.append(torch.stack([F.pad(u, (lag, 0))[:L] for lag in range(L)], dim=1))  # (L, L): u_(t-lag)
        delta, B, C = params(u)
        outputs.append(selective_scan(u, delta, A, B, C))
    X, y = torch.cat(rows), torch.cat(outputs)  # (runs * L, L), (runs * L,)
    K = torch.linalg.lstsq(X, y.unsqueeze(1)).solution  # the best single kernel
    return ((X @ K).squeeze(1) - y).norm().item() / y.norm().item()


delta_fixed, B_fixed, C_fixed = fixed_params(u)
M_fixed = selective_matrix(delta_fixed, A, B_fixed, C_fixed)
scale = M.abs().max().item()
assert diagonal_spread(M_fixed) < TOL, "time-invariant: every diagonal of M is constant"
assert diagonal_spread(M) > 0.1 * scale, f"selective: a diagonal spans {diagonal_spread(M):.3f}"
lti_residual, selective_residual = best_kernel_residual(fixed_params), best_kernel_residual(selective_params)
assert lti_residual < TOL, f"one kernel reproduces the time-invariant system: {lti_residual:.1e}"
assert selective_residual > 0.5, f"the best kernel misses the selective scan by {selective_residual:.1%}"
# --8<-- [end:no_kernel]
