r"""A sum or mean over nodes turns the equivariant node outputs into an invariant graph output.

A graph-level prediction must not depend on how the nodes were numbered. Sum and mean
do not care about order, so pooled over nodes, the GCN's output is the same for every
relabelling of the graph. Flattening the node outputs into one long vector (what a
dense layer on top would need) does care: relabel the nodes and that vector changes.
Conditions: the two-layer GCN of the equivariance check with random weights (no
training), a random graph of 10 nodes, 5 random relabellings, float32; the readouts
agree to 1e-5 and the flattened outputs move by more than 0.01; seeds 0-5.
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


n = 10
upper = torch.triu((torch.rand(n, n) < 0.3).float(), diagonal=1)
adj = upper + upper.T  # (nodes, nodes)
h = torch.randn(n, 4)  # (nodes, features)
weights = [torch.randn(4, 8), torch.randn(8, 3)]

# --8<-- [start:check]
out = gcn(adj, h, weights)  # (10, 3)
worst_sum = worst_mean = 0.0
flatten_moved = []
for _ in range(5):
    perm = torch.randperm(n)
    P = torch.eye(n)[perm]
    out_p = gcn(P @ adj @ P.T, P @ h, weights)  # (10, 3)
    worst_sum = max(worst_sum, (out_p.sum(dim=0) - out.sum(dim=0)).abs().max().item())
    worst_mean = max(worst_mean, (out_p.mean(dim=0) - out.mean(dim=0)).abs().max().item())
    if not torch.equal(perm, torch.arange(n)):
        flatten_moved.append((out_p.flatten() - out.flatten()).abs().max().item())

assert worst_sum < TOL and worst_mean < TOL, f"sum and mean readouts moved: {worst_sum:.2e}, {worst_mean:.2e}"
assert min(flatten_moved) > 1e-2, f"a flattened readout should change with the labels: {min(flatten_moved):.2e}"
# --8<-- [end:check]
