r"""Decalin and bicyclopentyl look alike to message passing, although their degrees are not uniform.

Decalin is two six-membered rings sharing one bond; bicyclopentyl is two five-membered
rings joined by one bond. As carbon skeletons (hydrogens left out) both have 10 nodes and
11 edges, two adjacent nodes of degree 3 and eight of degree 2. They are not isomorphic:
decalin has no odd cycle, bicyclopentyl has two five-cycles. In a graph without
triangles, $\operatorname{tr}(A^5)/10$ counts the five-cycles (each closed walk of length 5
runs once round a five-cycle, from any of its 5 nodes, in either direction): 0 against 2.

Unlike the triangles and the hexagon, the nodes here do not all look alike: degree 3
and degree 2 nodes, and among the degree-2 nodes those next to a junction and those
not. But colour refinement (the 1-dimensional Weisfeiler-Lehman test), run here from
scratch on plain Python sets, gives both graphs the same histogram of colours at every
round, and so, by Xu et al. (2019, Lemma 2), no message-passing network can separate
them: a GCN and GIN with random weights give the two graphs the same multiset of node
features at every layer (compared after sorting the rows) and the same sum readout.

Assumption: a node's neighbourhood, gathered layer by layer, tells the graph's structure.
Broken by: two molecules whose atoms see the same neighbourhood trees (the 1-WL limit),
even with degrees that vary across the graph.

Conditions: random weights at initialisation (no training; the argument holds for any
weights), the same all-ones input feature on every node, 3 layers of width 8 (GCN, and
GIN with $\epsilon = 0.1$), float64, equal to 1e-9; colour refinement run for 4 rounds;
seeds 0-9 (the largest gap, over layers, models and seeds, 1.4e-14).
"""

import os

import torch
from torch import nn

from snippets.graphs.gnn._gcn import adjacency, gcn_layer, normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
F64 = torch.float64  # features grow through random layers; float64 keeps rounding far below TOL
TOL = 1e-9  # the same sums in another node order, so any gap is float64 rounding

# Decalin: junctions 0 and 1 share a bond; rings 0-2-3-4-5-1 and 0-6-7-8-9-1 (six atoms each).
DECALIN = [(0, 1), (0, 2), (2, 3), (3, 4), (4, 5), (5, 1), (0, 6), (6, 7), (7, 8), (8, 9), (9, 1)]
# Bicyclopentyl: rings 0-1-2-3-4 and 5-6-7-8-9 (five atoms each), joined by the bond 0-5.
BICYCLOPENTYL = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (5, 6), (6, 7), (7, 8), (8, 9), (9, 5), (0, 5)]


def colour_histograms(edges: list[tuple[int, int]], n: int, rounds: int) -> list[list[tuple]]:
    """Colour refinement: each round, a node's colour becomes (its colour, the sorted
    multiset of its neighbours' colours). Returns the sorted colours after each round."""
    neighbours = {v: [] for v in range(n)}
    for i, j in edges:
        neighbours[i].append(j)
        neighbours[j].append(i)
    colour = {v: () for v in range(n)}  # every node starts the same
    history = []
    for _ in range(rounds):
        colour = {v: (colour[v], tuple(sorted(colour[u] for u in neighbours[v]))) for v in range(n)}
        history.append(sorted(colour.values()))
    return history


# --8<-- [start:check]
dec, bcp = adjacency(DECALIN, 10).to(F64), adjacency(BICYCLOPENTYL, 10).to(F64)  # (10, 10) each
degrees = sorted(dec.sum(1).tolist()), sorted(bcp.sum(1).tolist())
assert degrees[0] == degrees[1] == [2.0] * 8 + [3.0] * 2, f"degree sequences: {degrees}"
five_cycles = (torch.trace(torch.linalg.matrix_power(dec, 5)).item() / 10,
               torch.trace(torch.linalg.matrix_power(bcp, 5)).item() / 10)
assert five_cycles == (0, 2), f"five-cycles: decalin none, bicyclopentyl two; got {five_cycles}"

wl_dec, wl_bcp = colour_histograms(DECALIN, 10, 4), colour_histograms(BICYCLOPENTYL, 10, 4)
assert wl_dec == wl_bcp, "colour refinement should give both graphs the same colours"
assert len(set(wl_dec[-1])) == 3, f"three kinds of node, not one: {len(set(wl_dec[-1]))}"

h0 = torch.ones(10, 4, dtype=F64)  # (nodes, features): the same input on every atom
gcn_weights = [torch.randn(4, 8, dtype=F64), torch.randn(8, 8, dtype=F64), torch.randn(8, 8, dtype=F64)]
gin_mlps = [nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8))] + [
    nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8)) for _ in range(2)
]
gin_mlps = [mlp.to(F64) for mlp in gin_mlps]


def run(adj, kind):
    """Node features after each of 3 layers, GCN or GIN (eps = 0.1)."""
    h, outs, a_hat = h0, [], normalized_adjacency(adj)
    for k in range(3):
        if kind == "gcn":
            h = gcn_layer(a_hat, h, gcn_weights[k])
        else:
            h = torch.relu(gin_mlps[k]((1 + 0.1) * h + adj @ h))
        outs.append(h)
    return outs


def as_multiset(h):
    """The rows of h in a canonical order: what is left once node labels are forgotten."""
    return torch.stack(sorted(h, key=lambda row: [round(x, 4) for x in row.tolist()]))


with torch.no_grad():
    for kind in ("gcn", "gin"):
        for layer, (a, b) in enumerate(zip(run(dec, kind), run(bcp, kind)), 1):
            gap = (as_multiset(a) - as_multiset(b)).abs().max().item()
            assert gap < TOL, f"{kind} layer {layer}: same multiset of node features expected, gap {gap:.2e}"
            readout_gap = (a.sum(0) - b.sum(0)).abs().max().item()
            assert readout_gap < TOL, f"{kind} layer {layer}: same sum readout expected, gap {readout_gap:.2e}"
# --8<-- [end:check]
