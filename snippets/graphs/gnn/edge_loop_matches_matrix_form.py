r"""Message passing and the matrix formula are the same computation.

$\sigma(\hat A H W)$ with one dense product, and the same layer computed by sending one
message along each direction of each edge plus one to each node from itself, agree to
floating-point rounding on a random graph. The loop sends exactly $n + 2|E|$ messages,
the number of non-zeros of $\tilde A = A + I$: the work grows with the edges, not with
$n^2$, which is why libraries store graphs as edge lists.

Conditions: a random graph of 12 nodes, each pair joined with probability 0.3; random
features and weights (no training), 5 input and 4 output features, float32, equal to
1e-5; the message count is exact; seeds 0-5.
"""

import os

import torch

from snippets.graphs.gnn._gcn import adjacency, gcn_layer, gcn_layer_edges, normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32 sums in a different order: rounding only

n = 12
edges = [(i, j) for i in range(n) for j in range(i + 1, n) if torch.rand(()) < 0.3]

# --8<-- [start:check]
h = torch.randn(n, 5)  # (nodes, features)
weight, bias = torch.randn(5, 4), torch.randn(4)

dense = gcn_layer(normalized_adjacency(adjacency(edges, n)), h, weight, bias)  # (12, 4)
looped, messages = gcn_layer_edges(edges, n, h, weight, bias)  # (12, 4)

gap = (dense - looped).abs().max().item()
nonzeros = int((adjacency(edges, n) + torch.eye(n)).count_nonzero())
assert gap < TOL, f"matrix form and edge loop differ by {gap:.2e}"
assert messages == n + 2 * len(edges) == nonzeros, f"{messages} messages, {n + 2 * len(edges)} by formula"
# --8<-- [end:check]
