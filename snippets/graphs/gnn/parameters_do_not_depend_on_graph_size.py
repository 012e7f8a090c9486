r"""A graph convolution's parameters do not depend on the number of nodes.

A layer from 16 to 32 features has $16 \cdot 32 + 32 = 544$ parameters: one weight
matrix and one bias, shared by every node, the way a CNN shares one kernel over every
pixel. The same layer, with the same parameters, runs on a graph of 5 nodes and on one
of 500 nodes; the graph enters only through $\hat A$, which is data, not parameters.
Conditions: exact integer count; random graphs of 5 and 500 nodes, each pair joined with
probability 0.3 and 0.02, random features, weights at initialisation (no training).
"""

import os

import torch
from torch import nn

from snippets.graphs.gnn._gcn import gcn_layer, normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)


def random_graph(n: int, p: float) -> torch.Tensor:
    """A symmetric 0/1 adjacency matrix with each pair joined with probability p."""
    upper = torch.triu((torch.rand(n, n) < p).float(), diagonal=1)
    return upper + upper.T


# --8<-- [start:check]
linear = nn.Linear(16, 32)  # holds W (as its transpose) and b: all the layer's parameters
count = sum(p.numel() for p in linear.parameters())
assert tuple(linear.weight.shape) == (32, 16), tuple(linear.weight.shape)  # 16 features in, 32 out
assert count == 16 * 32 + 32 == 544, f"expected 544, got {count}"

for n, p in ((5, 0.3), (500, 0.02)):
    h = torch.randn(n, 16)  # (nodes, features)
    out = gcn_layer(normalized_adjacency(random_graph(n, p)), h, linear.weight.T, linear.bias)
    assert out.shape == (n, 32), f"{n} nodes: expected ({n}, 32), got {tuple(out.shape)}"
# --8<-- [end:check]
