r"""Trained on over-smoothed features, a classifier falls to chance: depth erases the communities.

Two communities of 100 nodes, densely connected inside and sparsely between, and node
features that carry the class weakly (two of eight features shifted by ±0.5, the rest
noise). A logistic regression is trained on half of the nodes, on the features after
$K$ rounds of GCN propagation $\hat A^K X$, and tested on the other half. This is the
simplified GCN of Wu et al. (2019): the propagation of a $K$-layer GCN with the weights
and non-linearities taken out, so that what changes with $K$ is the aggregation alone.

Two rounds average each node with its (mostly same-class) neighbours and clean the
signal: the held-out accuracy rises above what the raw features give. After 128 rounds,
$\hat A^{K} X$ has converged to its limit $u\,u^\top X / u^\top u$ with
$u = \tilde D^{1/2}\mathbf 1$: every node's features are $\sqrt{\tilde d_i}$ times one
shared vector, up to $|\lambda_2|^{K}$, below float32 precision here. Nothing is left
but each node's degree, which does not depend on the class, and the classifier is at
chance.

Assumption: more layers let each node use a wider neighbourhood.
Broken by: depth itself: each round of propagation averages again, until a connected
graph holds one vector, scaled by degree.

Conditions: a random two-community graph (200 nodes, edge probability 0.1 inside a
community and 0.01 between, connected), 8 white-noise features per node with a ±0.5
class shift in two of them, float32; a logistic regression trained 200 full-batch Adam
steps (learning rate 0.05) on the even-numbered nodes, tested on the odd ones; seeds
0-9 (held-out accuracy 0.99-1.0 after 2 rounds, 0.41-0.60 after 128).
"""

import os

import torch
from torch import nn

from snippets.graphs.gnn._gcn import normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
STEPS = 200
LEARNED = 0.95  # after 2 rounds (seen: 0.99-1.0 over seeds 0-9)
CHANCE = 0.7  # two balanced classes, 100 test nodes: chance is 0.5 ± 0.05 (seen: 0.41-0.60)
COLLAPSED = 1e-4  # relative distance to the one-vector limit (seen: about 1e-6, float32 rounding)

n = 200
y = torch.arange(n) // (n // 2)  # (nodes,): community = class
same = (y[:, None] == y[None, :]).float()
upper = torch.triu((torch.rand(n, n) < 0.1 * same + 0.01 * (1 - same)).float(), diagonal=1)
adj = upper + upper.T  # (nodes, nodes)
x = torch.randn(n, 8)  # (nodes, features)
x[:, :2] += 0.5 * (2 * y[:, None] - 1)  # the class, weakly, in two features
train = torch.arange(n) % 2 == 0


def held_out_accuracy(h: torch.Tensor) -> float:
    """Train a logistic regression on the even nodes' features, score it on the odd ones."""
    torch.manual_seed(SEED + 1)  # the same initial classifier for every depth
    clf = nn.Linear(h.shape[1], 2)
    opt = torch.optim.Adam(clf.parameters(), lr=0.05)
    for _ in range(STEPS):
        loss = nn.functional.cross_entropy(clf(h[train]), y[train])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return (clf(h[~train]).argmax(dim=1) == y[~train]).float().mean().item()


# --8<-- [start:trained]
a_hat = normalized_adjacency(adj)  # (200, 200)
eigenvalues = torch.linalg.eigvalsh(a_hat.double())  # ascending
assert eigenvalues[-2] < 1 - 1e-6, "the graph is not connected: one limit per component"

h2 = a_hat @ (a_hat @ x)  # two rounds, (200, 8)
h128 = x
for _ in range(128):
    h128 = a_hat @ h128  # 128 rounds

u = (adj.sum(dim=1) + 1).sqrt()  # (200,): the square roots of the degrees with self-loops
limit = u[:, None] * (u @ h128) / (u @ u)  # every node: √d̃ᵢ times one shared vector
collapse = ((h128 - limit).norm() / h128.norm()).item()

raw, shallow, deep = held_out_accuracy(x), held_out_accuracy(h2), held_out_accuracy(h128)
assert shallow >= LEARNED and shallow > raw, f"2 rounds: {shallow:.2f} (raw features {raw:.2f})"
assert collapse < COLLAPSED, f"after 128 rounds the features are {collapse:.1e} from the limit"
assert deep <= CHANCE, f"after 128 rounds the classifier still gets {deep:.2f}"
# --8<-- [end:trained]
