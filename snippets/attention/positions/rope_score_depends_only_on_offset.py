"""RoPE: the score of a rotated query and a rotated key depends on their positions only
through the offset between them.

Su et al. turn each coordinate pair (2i, 2i+1) of a query at position m by the angle
m·θ_i and of a key at position n by n·θ_i. A rotation by a and one by b leave a dot
product as if the first were turned by a − b and the second not at all, so the score is
a function of m − n. The check draws many random pairs of positions up to 4,096, moves
both by a random shift, and compares the scores; then it computes the score a second,
independent way, in complex numbers: q·R_{m−n}k = Re Σ_i q_i conj(k_i) e^{i(m−n)θ_i}.

Conditions: exact identity, no training, no data: random Gaussian query and key vectors
of width 64 in float64, 2,000 random position pairs, equal to 1e-9; any seed.
"""

import os

import torch

from snippets.attention.positions._positions import BASE, rotate

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-9  # float64 round-off of a 64-term sum of rotated products
D, PAIRS, LONGEST = 64, 2_000, 4_096

# --8<-- [start:offset]
q = torch.randn(PAIRS, D, dtype=torch.float64)  # (pairs, width): one query per pair
k = torch.randn(PAIRS, D, dtype=torch.float64)
m = torch.randint(0, LONGEST, (PAIRS,))  # query positions
n = torch.randint(0, LONGEST, (PAIRS,))  # key positions
shift = torch.randint(-LONGEST, LONGEST, (PAIRS,))  # the same shift for both


def score(query_at: torch.Tensor, key_at: torch.Tensor) -> torch.Tensor:
    """The dot product of the query turned to its position and the key turned to its."""
    return (rotate(q, query_at) * rotate(k, key_at)).sum(dim=1)  # (pairs,)


at_m_n = score(m, n)
moved = score(m + shift, n + shift)  # same offset m - n, other absolute positions
assert torch.allclose(at_m_n, moved, rtol=0, atol=TOL), (
    f"same offset, different scores: worst gap {(at_m_n - moved).abs().max():.2e}")

# The same score from the offset alone, in complex numbers (pairs as re + i·im).
theta = BASE ** (-torch.arange(0, D, 2, dtype=torch.float64) / D)  # (D / 2,)
qc = torch.complex(q[:, 0::2], q[:, 1::2])  # (pairs, D / 2)
kc = torch.complex(k[:, 0::2], k[:, 1::2])
from_offset = (qc * kc.conj() * torch.exp(1j * (m - n).unsqueeze(1) * theta)).real.sum(dim=1)
assert torch.allclose(at_m_n, from_offset, rtol=0, atol=TOL), (
    f"rotations and the offset formula disagree by {(at_m_n - from_offset).abs().max():.2e}")
# --8<-- [end:offset]
