r"""Relabelling the nodes relabels the output the same way: $f(PAP^\top, PH) = P f(A, H)$.

A graph has no first node; the order of the rows of $A$ and $H$ is an accident of how
the graph was stored. A two-layer GCN with ReLU, given the same graph under a random
relabelling (rows and columns of $A$ permuted together, rows of $H$ permuted the same
way), returns the same node outputs, permuted. The reason is that $\hat A$ is built
from $A$ by operations that commute with the permutation (degrees, $+I$, elementwise
scaling), $P^\top P = I$ cancels between layers, and $W$ acts on features, not on nodes.
Conditions: a random graph of 10 nodes (each pair joined with probability 0.3), random
features and weights (no training; the argument holds for any weights), float32, equal
to 1e-5; seeds 0-5.
"""

import os

import torch

from snippets.graphs.gnn._gcn import gcn_layer, normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32 sums in a different order


def gcn(adj: torch.Tensor, h: torch.Tensor, weights: list[torch.Tensor]) -> torch.Tensor:
    """A stack of GCN layers with ReLU between them and none after the last."""
    a_hat = normalized_adjacency(adj)
    for k, w in enumerate(weights):
        last = k == len(weights) - 1
        h = gcn_layer(a_hat, h, w, activation=(lambda t: t) if last else torch.relu)
    return h


# --8<-- [start:check]
n = 10
upper = torch.triu((torch.rand(n, n) < 0.3).float(), diagonal=1)
adj = upper + upper.T  # (nodes, nodes)
h = torch.randn(n, 4)  # (nodes, features)
weights = [torch.randn(4, 8), torch.randn(8, 3)]

perm = torch.randperm(n)
P = torch.eye(n)[perm]  # permutation matrix: (P @ x)[i] = x[perm[i]]

relabelled = gcn(P @ adj @ P.T, P @ h, weights)  # (10, 3)
original = gcn(adj, h, weights)  # (10, 3)
gap = (relabelled - P @ original).abs().max().item()
assert gap < TOL, f"f(PAPᵀ, PH) should equal P f(A, H): differ by {gap:.2e}"
# Not a vacuous pass: the relabelling moves nodes, so the outputs come back in another order
# (under the identity permutation they would stay put and the check would prove nothing).
moved = (relabelled - original).abs().max().item()
assert moved > TOL, (
    f"the relabelled outputs should come back reordered: differ by {moved:.2e}, perm {perm.tolist()}"
)
# --8<-- [end:check]
