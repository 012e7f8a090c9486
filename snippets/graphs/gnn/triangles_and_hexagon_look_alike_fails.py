r"""Message passing cannot tell two triangles from a hexagon: the 1-WL limit, asserted.

Two disjoint triangles and one 6-cycle are not isomorphic: one graph is connected and
the other is not, and $\operatorname{tr}(A^3)/6$ counts 2 triangles in the first and 0
in the second. But every node of both has degree 2. With the same feature on every
node, each node of either graph receives the same messages at layer 1, hence holds the
same feature, hence receives the same messages at layer 2, and so on: by induction, no
number of layers separates them. Xu et al. (2019, Lemma 2) prove the general bound: a
message-passing network never tells apart two graphs that the 1-dimensional
Weisfeiler-Lehman test cannot, and this pair is the classic example.

Checked for two architectures with random weights, 3 layers each: the GCN of Kipf &
Welling, and GIN, the most expressive message-passing layer of Xu et al.
($h' = \text{MLP}((1 + \epsilon) h + \sum_{\text{neighbours}} h)$, here with a ReLU after each
MLP and $\epsilon = 0.1$). Both give the two graphs
identical node features at every layer and identical sum readouts. The usual remedy is
to give the network what it cannot count: with each node's triangle count
$(A^3)_{ii}/2$ as an extra input feature, the same GCN separates them.

Assumption: a node's neighbourhood, gathered layer by layer, tells the graph's structure.
Broken by: graphs in which every node sees the same neighbourhood tree (the 1-WL limit).

Conditions: random weights (no training; the induction argument holds for any weights),
identical all-ones input features, 3 layers of width 8, float32, identical to 1e-5; the
remedy separates the readouts by more than 0.01. The trained check: GIN with a linear
head on the sum readout, 50 full-batch Adam steps (learning rate 0.01) on 8 random
relabellings of each graph; accuracy exactly 0.5. Seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.graphs.gnn._gcn import (
    adjacency,
    cycle,
    disjoint_union,
    gcn_layer,
    normalized_adjacency,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-5  # float32: both graphs run the same arithmetic, so any gap is rounding
STEPS = 50  # training steps for the trained check


def triangles_at(adj: torch.Tensor) -> torch.Tensor:
    """Triangles through each node: closed walks of length 3 from it, counted both ways round."""
    return torch.diagonal(adj @ adj @ adj) / 2

# --8<-- [start:check]
triangles = adjacency(disjoint_union(cycle(3), 3, cycle(3)), 6)  # (6, 6)
hexagon = adjacency(cycle(6), 6)  # (6, 6)
count = triangles_at(triangles).sum().item() / 3, triangles_at(hexagon).sum().item() / 3  # 3 nodes each
assert count == (2, 0), f"two triangles against none, so not isomorphic: {count}"

h0 = torch.ones(6, 4)  # (nodes, features): no node knows anything the others do not
gcn_weights = [torch.randn(4, 8), torch.randn(8, 8), torch.randn(8, 8)]
gin_mlps = [nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8))] + [
    nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8)) for _ in range(2)
]


def run(adj, h, kind):
    """Node features after each of 3 layers, GCN or GIN (eps = 0.1)."""
    outs, a_hat = [], normalized_adjacency(adj)
    for k in range(3):
        if kind == "gcn":
            h = gcn_layer(a_hat, h, gcn_weights[k])
        else:
            h = torch.relu(gin_mlps[k]((1 + 0.1) * h + adj @ h))
        outs.append(h)
    return outs


with torch.no_grad():
    for kind in ("gcn", "gin"):
        for layer, (a, b) in enumerate(zip(run(triangles, h0, kind), run(hexagon, h0, kind)), 1):
            gap = (a - b).abs().max().item()
            assert gap < TOL, f"{kind} layer {layer}: the graphs should look identical, gap {gap:.2e}"
        readout_gap = (run(triangles, h0, kind)[-1].sum(0) - run(hexagon, h0, kind)[-1].sum(0)).abs().max()
        assert readout_gap < TOL, f"{kind}: the graph-level readouts should agree, gap {readout_gap:.2e}"

    # the remedy: tell each node how many triangles it sits in
    h_triangles = torch.cat([h0[:, :3], triangles_at(triangles)[:, None]], dim=1)  # (6, 4)
    h_hexagon = torch.cat([h0[:, :3], triangles_at(hexagon)[:, None]], dim=1)  # (6, 4)
    separated = (run(triangles, h_triangles, "gcn")[-1].sum(0)
                  - run(hexagon, h_hexagon, "gcn")[-1].sum(0)).abs().max().item()
assert separated > 1e-2, f"with triangle counts the readouts should differ: gap {separated:.2e}"
# --8<-- [end:check]

# --8<-- [start:trained]
# Training cannot help: GIN plus a linear head, trained to label each graph (under random
# relabellings of its nodes) as "two triangles" or "hexagon".
head = nn.Linear(8, 2)
params = [p for mlp in gin_mlps for p in mlp.parameters()] + list(head.parameters())
opt = torch.optim.Adam(params, lr=0.01)
adjs, labels = [], []
for _ in range(8):
    P = torch.eye(6)[torch.randperm(6)]  # a relabelling: same graph, other node order
    adjs += [P @ triangles @ P.T, P @ hexagon @ P.T]
    labels += [0, 1]
adjs, labels = torch.stack(adjs), torch.tensor(labels)  # (16, 6, 6), (16,)


def logits():
    h = h0.expand(len(adjs), 6, 4)  # (graphs, nodes, features)
    for mlp in gin_mlps:
        h = torch.relu(mlp((1 + 0.1) * h + adjs @ h))  # the GIN layer of `run`, batched
    return head(h.sum(dim=1))  # (graphs, 2): sum readout, then a linear head


for _ in range(STEPS):
    opt.zero_grad()
    nn.functional.cross_entropy(logits(), labels).backward()
    opt.step()
with torch.no_grad():
    trained = logits()
pair_gap = (trained[0::2] - trained[1::2]).abs().max().item()  # each triangles graph against its hexagon
trained_accuracy = (trained.argmax(dim=1) == labels).float().mean().item()
assert pair_gap < TOL, f"after training the two graphs should still look identical: gap {pair_gap:.2e}"
assert trained_accuracy == 0.5, f"expected exactly chance, 0.5, after training; got {trained_accuracy}"
# --8<-- [end:trained]
