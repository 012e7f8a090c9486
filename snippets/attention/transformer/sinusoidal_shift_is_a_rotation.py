"""With sinusoidal encodings, moving k positions is one fixed linear map: a rotation.

Each coordinate pair (2i, 2i+1) of PE(pos) is (sin ω_i·pos, cos ω_i·pos), a point on
the unit circle. By the angle-sum identities, PE(pos + k) = M_k PE(pos), where M_k
rotates pair i by ω_i·k and does not depend on pos. So a relative offset is a linear
function of the encoding, which a layer can learn once for every position
(Vaswani et al. 2017, section 3.5). Consequences checked here: every encoding has
the same length, √(d/2), and the dot product of two encodings depends only on their
distance.

Conditions: exact formulas, no learned weights, no data; a table of 1,000 positions
of width 64 in float64, equal to 1e-9; independent of the seed.
"""

import math

import torch

from snippets.attention.transformer._positional import shift_matrix, sinusoidal_encoding

TOL = 1e-9  # float64 round-off over a thousand positions

# --8<-- [start:shift]
n_positions, d = 1_000, 64
pe = sinusoidal_encoding(n_positions, d)  # (positions, d_model), float64: the table the figure draws
assert pe.shape == (1_000, 64), f"table of shape {tuple(pe.shape)}"  # positions 0..999, d = 64
for k in (1, 7, 100):
    m_k = shift_matrix(k, d)  # (d_model, d_model): built from k alone
    shifted = pe[:-k] @ m_k.T  # (positions - k, d_model): M_k PE(pos) for every pos
    gap = (shifted - pe[k:]).abs().max().item()
    assert gap < TOL, f"k={k}: M_k PE(pos) and PE(pos + k) differ by {gap:.2e}"
    orthogonal_gap = (m_k @ m_k.T - torch.eye(d, dtype=m_k.dtype)).abs().max().item()
    assert orthogonal_gap < TOL, f"k={k}: M_k is not orthogonal ({orthogonal_gap:.2e})"
# --8<-- [end:shift]

# --8<-- [start:formula]
# The vectorised table against the paper's formula, evaluated one entry at a time.
worst = 0.0
for pos in (0, 1, 17, 999):
    for i in range(d // 2):
        angle = pos / 10000 ** (2 * i / d)
        worst = max(worst, abs(pe[pos, 2 * i] - math.sin(angle)), abs(pe[pos, 2 * i + 1] - math.cos(angle)))
assert worst < TOL, f"table and formula differ by {worst:.2e}"
# --8<-- [end:formula]

# --8<-- [start:length]
assert pe.shape[1] == 64, f"width {pe.shape[1]}, expected d = 64"
lengths = pe.norm(dim=-1)  # (positions,)
expected = math.sqrt(d / 2)  # d/2 pairs, each sin² + cos² = 1
assert (lengths - expected).abs().max().item() < TOL, f"lengths vary: {lengths.min():.6f}..{lengths.max():.6f}"
assert abs(expected - 5.657) < 1e-3, f"√(64/2) = {expected}"

# PE(p)·PE(p + k) = Σ_i cos(ω_i k): the same for every p.
for k in (1, 7, 100):
    dots = (pe[:-k] * pe[k:]).sum(dim=-1)  # (positions - k,)
    two_i = torch.arange(0, d, 2, dtype=torch.float64)
    expected_dot = torch.cos(k / 10000 ** (two_i / d)).sum().item()
    spread = (dots - expected_dot).abs().max().item()
    assert spread < TOL, f"k={k}: the dot product varies with position by {spread:.2e}"
# --8<-- [end:length]
