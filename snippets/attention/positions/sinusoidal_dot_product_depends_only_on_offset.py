"""Sinusoidal positions: the dot product of two encodings depends only on their offset,
but the attention score built from them through a layer's projections does not.

Each coordinate pair of PE(p) is (sin ω_i p, cos ω_i p), so PE(m)·PE(n) =
Σ_i cos(ω_i (m − n)): a function of the offset alone (the Transformer page checks the
same fact through the shift matrices). Attention, though, compares W_q(x + PE(m)) with
W_k(x + PE(n)); the positional part of that score, PE(m)ᵀ W_qᵀ W_k PE(n), is a function of
the offset only when W_qᵀW_k happens to commute with every rotation, which random or
trained weights do not. RoPE applies its rotation after the projections, where the
offset property survives whatever the weights.

Conditions: exact identity for the plain dot product, no training, no data: width 64,
2,000 random position pairs up to 4,096, float64, equal to 1e-9. The projected scores:
random Gaussian weights (scaled by 1/√64) at initialisation, positions 0 to 999 at
offset 3; seeds 0-9: the sinusoids' scores spread over 21.0 to 25.2.
"""

import os

import torch

from snippets.attention.positions._positions import BASE, rotate, sinusoids

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-9  # float64 round-off of 64-term sums
D, PAIRS, LONGEST = 64, 2_000, 4_096
table = sinusoids(2 * LONGEST, D)  # (positions, width), float64

# --8<-- [start:offset]
m = torch.randint(0, LONGEST, (PAIRS,))
n = torch.randint(0, LONGEST, (PAIRS,))
shift = torch.randint(0, LONGEST, (PAIRS,))  # move both positions by the same amount
dots = (table[m] * table[n]).sum(dim=1)  # (pairs,)
moved = (table[m + shift] * table[n + shift]).sum(dim=1)
omega = BASE ** (-torch.arange(0, D, 2, dtype=torch.float64) / D)  # (D / 2,)
from_offset = torch.cos((m - n).unsqueeze(1) * omega).sum(dim=1)  # Σ cos(ω_i (m − n))
assert torch.allclose(dots, moved, rtol=0, atol=TOL), f"gap {(dots - moved).abs().max():.2e}"
assert torch.allclose(dots, from_offset, rtol=0, atol=TOL), f"gap {(dots - from_offset).abs().max():.2e}"
# --8<-- [end:offset]

# --8<-- [start:projected]
w_q = torch.randn(D, D, dtype=torch.float64) / D**0.5  # a layer's query and key maps
w_k = torch.randn(D, D, dtype=torch.float64) / D**0.5
queries = torch.arange(3, 1_000)  # every pair (p, p - 3): the same offset, 3
keys = queries - 3

added = ((table[queries] @ w_q.T) * (table[keys] @ w_k.T)).sum(dim=1)  # sinusoids, then W
q, k = torch.randn(2, D, dtype=torch.float64)  # one query and one key, RoPE after W
turned = (rotate(q @ w_q.T, queries) * rotate(k @ w_k.T, keys)).sum(dim=1)

spread_added = (added.max() - added.min()).item()
spread_turned = (turned.max() - turned.min()).item()
assert spread_added > 5, f"sinusoids through W: scores at offset 3 should spread, spread {spread_added:.3f}"
assert spread_turned < TOL, f"RoPE after W: scores at offset 3 should agree, spread {spread_turned:.2e}"
# --8<-- [end:projected]
