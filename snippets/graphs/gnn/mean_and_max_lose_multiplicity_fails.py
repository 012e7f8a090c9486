r"""Mean and max aggregation cannot count: neighbours {1, 2} and {1, 1, 2, 2} look the same.

Xu et al. (2019, section 5.2 and Figure 3) show that the aggregator decides what a
message-passing layer can distinguish. A sum over a multiset of neighbour features keeps
how many of each there are; a mean keeps only their proportions, and a max only which
values occur. Two stars make it concrete: the centre of one has two leaves with
features 1 and 2, the centre of the other has four, with features 1, 1, 2 and 2. The
mean (1.5) and the max (2) of the neighbours are the same for both centres; the sum
is 3 for one and 6 for the other. No weight matrix applied after a mean or a max can
recover the difference, because it is already gone.

Assumption: aggregating the neighbours keeps what distinguishes one neighbourhood from another.
Broken by: a mean or max aggregator, which forgets how many neighbours of each kind there are.

Conditions: exact arithmetic on two hand-built stars with hand-set features; no weights,
no randomness, no training.
"""

import math
import os

import torch

from snippets.graphs.gnn._gcn import adjacency, normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)  # nothing is random here; kept for the suite's convention
TOL = 1e-6  # float32 rounding of a square root


def aggregate(adj: torch.Tensor, h: torch.Tensor, how: str) -> torch.Tensor:
    """Combine each node's neighbours' features (no self-loop): sum, mean or max."""
    if how == "sum":
        return adj @ h
    if how == "mean":
        return adj @ h / adj.sum(dim=1, keepdim=True)
    masked = torch.where(adj[:, :, None] > 0, h[None, :, :], torch.tensor(float("-inf")))
    return masked.max(dim=1).values  # (nodes, features)


# --8<-- [start:check]
small = adjacency([(0, 1), (0, 2)], 3)  # centre 0, leaves 1 and 2
big = adjacency([(0, 1), (0, 2), (0, 3), (0, 4)], 5)  # centre 0, four leaves
h_small = torch.tensor([[0.0], [1.0], [2.0]])  # (nodes, features): leaves {1, 2}
h_big = torch.tensor([[0.0], [1.0], [1.0], [2.0], [2.0]])  # leaves {1, 1, 2, 2}

centre = {how: (aggregate(small, h_small, how)[0, 0].item(), aggregate(big, h_big, how)[0, 0].item())
          for how in ("sum", "mean", "max")}
assert centre["mean"] == (1.5, 1.5), f"mean: {centre['mean']}"  # (1 + 2)/2 = (1 + 1 + 2 + 2)/4
assert centre["max"] == (2.0, 2.0), f"max: {centre['max']}"
assert centre["sum"] == (3.0, 6.0), f"sum tells them apart: {centre['sum']}"
assert centre["sum"][0] != centre["sum"][1]
# The GCN's degree-normalised sum (self-loop included) also separates them: the degrees differ.
gcn = [(normalized_adjacency(a) @ h)[0, 0].item() for a, h in ((small, h_small), (big, h_big))]
expected_gcn = [(1 + 2) / math.sqrt(3 * 2), (1 + 1 + 2 + 2) / math.sqrt(5 * 2)]  # centre's own feature is 0
assert all(abs(g - e) < TOL for g, e in zip(gcn, expected_gcn, strict=True)), (gcn, expected_gcn)
assert abs(gcn[0] - gcn[1]) > 0.5, f"the GCN's sum should separate the stars: {gcn}"
# --8<-- [end:check]
