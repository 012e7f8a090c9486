"""Each token reaches exactly k distinct experts, and the layer's output equals the
gate-weighted sum of those experts' outputs computed one token at a time.

The layer under test dispatches: each expert runs once on the batch of tokens routed
to it, and the results are added back with ``index_add_``. The reference below does it
the slow, obvious way: it runs every expert on every token, then for each token scores
all experts, ranks them by hand and weights each by its probability renormalised over the chosen ones
(zero for the others). A bug in the dispatch (a token added to the wrong row, a weight
given to the wrong expert) would show here.

Conditions: random weights at initialisation (no training), white-noise tokens of
shape 64×16, 8 experts of hidden width 32, k = 1, 2 and 3; float64, agreement within
1e-12; seed 0 (any seed).
"""

import os

import torch

from snippets.attention.moe._moe import MoELayer

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: a second thread only adds hand-off cost
torch.set_default_dtype(torch.float64)  # the comparison is exact up to rounding

TOKENS, D, F_HIDDEN, EXPERTS = 64, 16, 32, 8
TOL = 1e-12  # float64 rounding of a sum of a few products

# --8<-- [start:check]
for k in (1, 2, 3):
    layer = MoELayer(D, F_HIDDEN, EXPERTS, k)
    x = torch.randn(TOKENS, D)  # (tokens, d)
    weights, index, _ = layer.routing(x)  # (tokens, k) each
    fast = layer(x)  # (tokens, d)

    distinct = {len(set(row)) for row in index.tolist()}
    assert distinct == {k}, f"top-{k}: tokens reached {distinct} distinct experts"
    assert torch.allclose(weights.sum(-1), torch.ones(TOKENS), atol=TOL), "gate weights sum to one"

    every = torch.stack([expert(x) for expert in layer.experts])  # (experts, tokens, d): dense, all run
    slow = torch.zeros(TOKENS, D)
    for t in range(TOKENS):  # one token at a time
        probs = torch.softmax(layer.gate.weight @ x[t], 0)  # (experts,)
        ranked = sorted(range(EXPERTS), key=lambda e: -probs[e].item())
        chosen = ranked[:k]
        norm = sum(probs[e] for e in chosen)
        for e in range(EXPERTS):
            gate = probs[e] / norm if e in chosen else 0.0
            slow[t] += gate * every[e, t]
    error = (fast - slow).abs().max().item()
    assert error < TOL, f"top-{k}: dispatched output and dense loop differ by {error:.1e}"
# --8<-- [end:check]
