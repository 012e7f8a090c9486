r"""Why the GCN adds self-loops before normalising: without them, depth can blow a signal up.

Kipf & Welling (2017, section 2.2) first derive the propagation matrix
$I + D^{-1/2} A D^{-1/2}$, note that its eigenvalues lie in $[0, 2]$ and that repeating
it "can therefore lead to numerical instabilities and exploding/vanishing gradients",
and replace it by $\tilde D^{-1/2} \tilde A \tilde D^{-1/2}$ with $\tilde A = A + I$ (the
"renormalization trick"). On a 6-cycle both ends of that range are reached. The top is
reached on every graph without isolated nodes: $D^{1/2}\mathbf 1$ (on a 6-cycle, where
every degree is 2, simply the constant signal) is an eigenvector with eigenvalue
exactly 2, so 20 layers of the first matrix multiply it by $2^{20}$. The bottom is
reached on every bipartite graph: the signal that alternates $+1, -1$ around the ring
has eigenvalue 0 and is wiped out by the first layer. The renormalised matrix has every
eigenvalue in $(-1, 1]$: the same 20 layers return the constant signal unchanged.

Conditions: exact arithmetic on a ring of 6 nodes, no randomness, no weights, no
training; eigenvalues in float64, compared to 1e-9.
"""

import os

import torch

from snippets.graphs.gnn._gcn import adjacency, cycle, normalized_adjacency

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)  # nothing is random here; kept for the suite's convention
TOL = 1e-9  # float64 eigenvalues: rounding only

# --8<-- [start:check]
adj = adjacency(cycle(6), 6).double()  # (6, 6)
first_order = torch.eye(6, dtype=torch.float64) + normalized_adjacency(adj, self_loops=False)
renormalised = normalized_adjacency(adj).double()

eig_first = torch.linalg.eigvalsh(first_order)  # ascending
eig_renorm = torch.linalg.eigvalsh(renormalised)
low, high = eig_first.min().item(), eig_first.max().item()
assert abs(low - 0) < TOL and abs(high - 2) < TOL, f"both ends of [0, 2] reached: {low:.3g}, {high:.3g}"
assert eig_renorm.min() > -1 and abs(eig_renorm.max() - 1) < TOL, f"in (-1, 1]: {eig_renorm.tolist()}"

constant = torch.ones(6, dtype=torch.float64)  # (nodes,)
alternating = torch.tensor([1.0, -1, 1, -1, 1, -1], dtype=torch.float64)
growth = ((torch.linalg.matrix_power(first_order, 20) @ constant).norm() / constant.norm()).item()
erased = (first_order @ alternating).norm().item()
kept = ((torch.linalg.matrix_power(renormalised, 20) @ constant).norm() / constant.norm()).item()
assert abs(growth - 2**20) < 1e-9 * 2**20, f"expected growth 2^20 = {2**20:,}, got {growth:,.1f}"
assert round(growth) == 1_048_576, f"expected 1,048,576, got {growth:,.3f}"
assert erased < TOL, f"the alternating signal should vanish after one layer: norm {erased:.2e}"
assert abs(kept - 1) < TOL, f"the renormalised stack should keep the constant signal: factor {kept}"
# --8<-- [end:check]
