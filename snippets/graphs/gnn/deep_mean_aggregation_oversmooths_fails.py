r"""Repeated mean aggregation over-smooths: one value per connected component, at a predicted rate.

Take away the weights and the non-linearity and a deep GCN is the propagation matrix
applied again and again (Li, Han & Wu 2018 call it Laplacian smoothing). With
$P = \tilde D^{-1} \tilde A$ (each node averages itself and its neighbours), $P$ is a
random walk: $\mathbf 1$ is an eigenvector with eigenvalue 1 on each connected
component, and every other eigenvalue has modulus below 1 once self-loops make the
walk aperiodic. So $P^k H$ forgets everything but one number per component and feature:
the degree-weighted mean $\sum_i \tilde d_i h_i / \sum_i \tilde d_i$, which $P$ keeps
exactly at every layer (the degrees are its stationary distribution). The spread of
features inside a component shrinks by the second-largest eigenvalue modulus
$|\lambda_2|$ per layer, asymptotically; components, which never exchange messages,
keep their own values.

The graph: a 6-cycle and a 4-node path, not connected. On the cycle
$P = (A + I)/3$, whose eigenvalues are $(1 + 2\cos(2\pi k/6))/3$, so
$|\lambda_2| = 2/3$ by the formula; on the path (degrees with self-loops 2, 3, 3, 2)
the mirror-antisymmetric vectors give $|\lambda_2| = (3 + \sqrt{33})/12 \approx 0.7287$,
worked out by hand and confirmed by an eigensolver. Features: 3 per node, around $+1$ on the cycle and $-1$ on the path.

Assumption: more layers let each node use a wider neighbourhood.
Broken by: depth itself: each layer averages again, until a component holds one value.

Conditions: pure propagation, no weights, no non-linearity, no training: the question
is what the aggregation does, whatever a trained layer adds. Random features (std 0.5)
around +1 on the ring and −1 on the path, float64; the measured rates match the
predicted ones to 0.01 at layer 30; seeds 0-5.
"""

import math
import os

import torch

from snippets.graphs.gnn._gcn import adjacency, cycle, disjoint_union, mean_aggregation, path

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
RATE_TOL = 0.01  # the asymptotic rate is reached up to (|λ3| / |λ2|)^k, negligible at k = 30


def spread(h: torch.Tensor) -> float:
    """Largest range of any feature over the nodes of ``h`` (nodes, features)."""
    return (h.max(dim=0).values - h.min(dim=0).values).max().item()


# --8<-- [start:check]
ring, line = list(range(6)), list(range(6, 10))
adj = adjacency(disjoint_union(cycle(6), 6, path(4)), 10).double()  # (10, 10)
P = mean_aggregation(adj)  # (10, 10), rows sum to 1
h0 = torch.randn(10, 3, dtype=torch.float64) * 0.5  # (nodes, features)
h0[ring] += 1.0
h0[line] -= 1.0

hs = [h0]
for _ in range(31):
    hs.append(P @ hs[-1])  # one more layer of pure mean aggregation

degree = adj.sum(dim=1) + 1  # with the self-loop
for nodes, name in ((ring, "cycle"), (line, "path")):
    weighted_mean = (degree[nodes, None] * h0[nodes]).sum(dim=0) / degree[nodes].sum()  # predicted limit
    drift = (hs[30][nodes] - weighted_mean).abs().max().item()
    shrunk = spread(hs[30][nodes]) / spread(h0[nodes])
    assert drift < 1e-3 and shrunk < 1e-3, f"{name}: drift {drift:.2e}, spread ratio {shrunk:.2e}"

# the rate: |λ2| of each component, by formula (cycle) and by an eigensolver (path)
a_line = adj[6:, 6:] + torch.eye(4, dtype=torch.float64)  # the path's Ã
scale = a_line.sum(dim=1).rsqrt()
similar = scale[:, None] * a_line * scale[None, :]  # D̃^½ P D̃^-½: same eigenvalues, symmetric
predicted = {
    "cycle": (1 + 2 * math.cos(2 * math.pi / 6)) / 3,
    "path": torch.linalg.eigvalsh(similar).abs().sort().values[-2].item(),
}
measured = {
    "cycle": spread(hs[31][ring]) / spread(hs[30][ring]),
    "path": spread(hs[31][line]) / spread(hs[30][line]),
}
assert abs(measured["cycle"] - predicted["cycle"]) < RATE_TOL, f"cycle: {predicted['cycle']:.4f} vs {measured['cycle']:.4f}"
assert abs(measured["path"] - predicted["path"]) < RATE_TOL, f"path: {predicted['path']:.4f} vs {measured['path']:.4f}"
# by hand on the path: its mirror-antisymmetric vectors (a, b, -b, -a) give the 2×2 block
# [[1/2, 1/√6], [1/√6, 0]] of D̃^-½ Ã D̃^-½, whose larger eigenvalue is (3 + √33)/12
by_hand = (3 + math.sqrt(33)) / 12
assert abs(predicted["cycle"] - 2 / 3) < 1e-12 and abs(predicted["path"] - by_hand) < 1e-12, f"{predicted}"
assert abs(by_hand - 0.7287) < 1e-4, f"(3 + √33)/12 = {by_hand:.6f}"

apart = (hs[30][ring].mean(dim=0) - hs[30][line].mean(dim=0)).abs().min().item()
assert apart > 1.0, f"the two components should stay apart: closest feature gap {apart:.3f}"
# --8<-- [end:check]
