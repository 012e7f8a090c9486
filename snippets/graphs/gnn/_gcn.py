r"""A graph convolution from scratch, twice: as one matrix product and as a loop over edges.

A graph with $n$ nodes is an adjacency matrix $A$ (``(n, n)``, symmetric, 0/1) and a
feature matrix $H$ (``(n, d)``, one row per node). The graph convolutional layer of
Kipf & Welling (2017) is

$$
H' = \sigma\big(\hat A H W\big), \qquad \hat A = \tilde D^{-1/2} \tilde A \tilde D^{-1/2},
\quad \tilde A = A + I, \quad \tilde D_{ii} = \textstyle\sum_j \tilde A_{ij} .
$$

`gcn_layer` computes it with dense tensor operations; `gcn_layer_edges`
computes the same thing the way a message-passing library does, one message per edge.
The graph builders make the small graphs the page's checks need.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

Edges = list[tuple[int, int]]


def adjacency(edges: Edges, n: int) -> torch.Tensor:
    """The symmetric 0/1 adjacency matrix of an undirected graph.

    Args:
        edges: pairs ``(i, j)`` of node indices, each undirected edge listed once.
        n: number of nodes (isolated nodes are allowed).

    Returns:
        ``(n, n)`` float tensor with ``A[i, j] = A[j, i] = 1`` for every edge.
    """
    adj = torch.zeros(n, n)
    for i, j in edges:
        adj[i, j] = adj[j, i] = 1.0
    return adj


def cycle(n: int) -> Edges:
    r"""The edges of the cycle $0 - 1 - \dots - (n-1) - 0$."""
    return [(i, (i + 1) % n) for i in range(n)]


def path(n: int) -> Edges:
    r"""The edges of the path $0 - 1 - \dots - (n-1)$."""
    return [(i, i + 1) for i in range(n - 1)]


def disjoint_union(first: Edges, n_first: int, second: Edges) -> Edges:
    """Two graphs side by side: the second's nodes are renumbered after the first's.

    Args:
        first: edges of the first graph.
        n_first: its number of nodes.
        second: edges of the second graph.

    Returns:
        The edges of the union; no edge joins the two parts.
    """
    return first + [(i + n_first, j + n_first) for i, j in second]


def normalized_adjacency(adj: torch.Tensor, self_loops: bool = True) -> torch.Tensor:
    r"""The propagation matrix $\tilde D^{-1/2} \tilde A \tilde D^{-1/2}$ of a GCN.

    Args:
        adj: ``(n, n)`` symmetric adjacency matrix.
        self_loops: add $I$ before normalising (Kipf & Welling's "renormalization
            trick"); without it, a node does not hear itself, and an isolated node
            would divide by zero.

    Returns:
        ``(n, n)`` symmetric matrix; its eigenvalues lie in $(-1, 1]$ with self-loops.
    """
    a = adj + torch.eye(len(adj)) if self_loops else adj
    d_inv_sqrt = a.sum(dim=1).rsqrt()  # (n,)
    return d_inv_sqrt[:, None] * a * d_inv_sqrt[None, :]


def gcn_layer(
    a_hat: torch.Tensor,
    h: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    activation: Callable[[torch.Tensor], torch.Tensor] = torch.relu,
) -> torch.Tensor:
    r"""One graph convolution, $\sigma(\hat A H W + b)$, with dense tensor operations.

    Args:
        a_hat: ``(n, n)`` propagation matrix, from `normalized_adjacency`.
        h: ``(n, d_in)`` node features.
        weight: ``(d_in, d_out)``, shared by every node.
        bias: ``(d_out,)`` or ``None``.
        activation: applied elementwise; pass ``lambda t: t`` for none.

    Returns:
        ``(n, d_out)`` new node features.
    """
    out = a_hat @ h @ weight  # (n, d_out): mix neighbours, then transform
    if bias is not None:
        out = out + bias
    return activation(out)


def gcn_layer_edges(
    edges: Edges,
    n: int,
    h: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    activation: Callable[[torch.Tensor], torch.Tensor] = torch.relu,
) -> tuple[torch.Tensor, int]:
    r"""The same layer as `gcn_layer`, computed by sending one message per edge.

    Node $i$ receives $h_j / \sqrt{\tilde d_i \tilde d_j}$ from each neighbour $j$ and
    from itself (the self-loop), sums what it received, then applies $W$, the bias and
    the activation. No $n \times n$ matrix is formed: the work is proportional to the
    number of edges.

    Args:
        edges: each undirected edge once, as ``(i, j)``.
        n: number of nodes.
        h: ``(n, d_in)`` node features.
        weight: ``(d_in, d_out)``.
        bias: ``(d_out,)`` or ``None``.
        activation: applied elementwise.

    Returns:
        ``(out, messages)``: the new node features, ``(n, d_out)``, and how many
        messages were sent.
    """
    degree = [1] * n  # the self-loop
    for i, j in edges:
        degree[i] += 1
        degree[j] += 1
    received = torch.zeros_like(h)  # (n, d_in)
    messages = 0
    for i in range(n):  # each node's message to itself
        received[i] += h[i] / degree[i]
        messages += 1
    for i, j in edges:  # an undirected edge carries a message each way
        scale = 1.0 / math.sqrt(degree[i] * degree[j])
        received[i] += scale * h[j]
        received[j] += scale * h[i]
        messages += 2
    out = received @ weight
    if bias is not None:
        out = out + bias
    return activation(out), messages


def mean_aggregation(adj: torch.Tensor) -> torch.Tensor:
    r"""The row-normalised propagation matrix $\tilde D^{-1} \tilde A$: each node takes
    the average of its own features and its neighbours'.

    Args:
        adj: ``(n, n)`` symmetric adjacency matrix.

    Returns:
        ``(n, n)`` matrix whose rows sum to 1 (a random walk with self-loops).
    """
    a = adj + torch.eye(len(adj))
    return a / a.sum(dim=1, keepdim=True)
