r"""On a ring, a GCN layer is a circular 1-D convolution whose three taps are all $W/3$.

On an $n$-cycle every node has degree 2, so $\tilde d = 3$ everywhere and
$\hat A = (A + I)/3$: each node averages itself and its two neighbours, then applies
$W$. That is a circular convolution with kernel size 3 in which the left, centre and
right taps are forced to be the same matrix $W/3$. A CNN on the same ring learns three
independent taps and can tell left from right; a GCN cannot, because a graph has no
"left": the neighbours of a node are a set, not a sequence. This is the price of
permutation equivariance. Checked against ``torch.nn.functional.conv1d`` with circular
padding on a ring of 10 nodes, the ReLU applied to both.

Conditions: a ring of 10 nodes, random features (4 per node) and weights (no training),
6 output features, float32, equal to 1e-5; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

from snippets.graphs.gnn._gcn import adjacency, cycle, gcn_layer, normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32 sums in a different order

# --8<-- [start:check]
n, d_in, d_out = 10, 4, 6
h = torch.randn(n, d_in)  # (nodes, features)
weight = torch.randn(d_in, d_out)

graph = gcn_layer(normalized_adjacency(adjacency(cycle(n), n)), h, weight)  # σ(Â H W), σ = ReLU

kernel = (weight.T / 3)[:, :, None].expand(d_out, d_in, 3)  # (out, in, taps): three equal taps
signal = F.pad(h.T[None], (1, 1), mode="circular")  # (1, d_in, n + 2): the ring wraps around
conv = torch.relu(F.conv1d(signal, kernel)[0].T)  # (n, d_out), the same ReLU

gap = (graph - conv).abs().max().item()
assert gap < TOL, f"the GCN layer on a ring should equal the tied convolution: gap {gap:.2e}"
# --8<-- [end:check]
