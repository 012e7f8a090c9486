"""RoPE is a rotation: it keeps every vector's length, its matrix is orthogonal, and
turning by m then by n is turning by m + n.

Each position's map R_m is block-diagonal, one 2×2 rotation per coordinate pair, so
R_mᵀR_m = I. That is why RoPE changes no norm (a query never grows with its
position), and why R_mᵀR_n = R_{n−m}: the identity behind the score depending on the
offset alone. At offset zero the rotated score equals the plain dot product.

Conditions: exact identity, no training, no data: the matrix of each position obtained
by rotating the identity, width 64, positions 0 to 4,095 sampled, float64, equal to
1e-9; any seed.
"""

import os

import torch

from snippets.attention.positions._positions import rotate

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-9  # float64 round-off of products of 64×64 rotations
D = 64
eye = torch.eye(D, dtype=torch.float64)


def matrix(position: int) -> torch.Tensor:
    """R_position as a (D, D) matrix: its columns are the turned basis vectors."""
    return rotate(eye, torch.full((D,), position)).T


# --8<-- [start:rotation]
x = torch.randn(1_000, D, dtype=torch.float64)  # (vectors, width)
positions = torch.randint(0, 4_096, (1_000,))
turned = rotate(x, positions)  # (vectors, width): vector i turned to position i's angle
norm_gap = (turned.norm(dim=1) - x.norm(dim=1)).abs().max().item()
assert norm_gap < TOL, f"a rotation changed a length by {norm_gap:.2e}"

for m, n in [(0, 5), (3, 3), (17, 2_048), (4_000, 95)]:
    r_m, r_n = matrix(m), matrix(n)
    assert torch.allclose(r_m.T @ r_m, eye, rtol=0, atol=TOL), f"R_{m} is not orthogonal"
    assert torch.allclose(r_m @ r_n, matrix(m + n), rtol=0, atol=TOL), f"R_{m} R_{n} is not R_{m + n}"
    assert torch.allclose(r_m.T @ r_n, matrix(n - m), rtol=0, atol=TOL), f"R_{m}ᵀ R_{n} is not R_{n - m}"

q, k = torch.randn(2, D, dtype=torch.float64)
same_place = (matrix(777) @ q) @ (matrix(777) @ k)
assert abs(same_place - q @ k) < TOL, f"offset 0: {same_place:.6f} against q·k = {q @ k:.6f}"
# --8<-- [end:rotation]
