"""With an expert capacity, the tokens an expert cannot fit are dropped: counted exactly.

Switch Transformer gives each expert a fixed number of slots, ``capacity_factor *
tokens / experts``, so that every expert's batch has a static shape. A routing is
constructed so the count is known in advance: 16 tokens, top-1, sent 7, 5, 3 and 1 to
four experts, interleaved in the batch. Each expert serves the first tokens that reach
it; the overflow is ``sum_i max(0, n_i - C)``. A dropped token gets no expert output
(zero), which in a residual block means the layer leaves it unchanged.

The router is set by hand (its weight is the identity and each token is the one-hot
vector of its expert), so the routing is exactly the constructed one.

Conditions: no training; a constructed routing of 16 tokens over 4 experts (top-1),
experts of width 4 and hidden width 8 at initialisation; exact counts; seed 0 (the
counts do not depend on it).
"""

import os

import torch

from snippets.attention.moe._moe import MoELayer, expert_capacity

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: a second thread only adds hand-off cost



def layer_with(capacity: int, experts: int) -> MoELayer:
    """A top-1 layer whose router sends each one-hot token to the expert it names."""
    torch.manual_seed(SEED)
    layer = MoELayer(experts, 8, experts, k=1, capacity=capacity)
    with torch.no_grad():
        layer.gate.weight.copy_(torch.eye(experts))  # router logits = the token itself
    return layer


# --8<-- [start:count]
EXPERTS, TOKENS = 4, 16
LOADS = [7, 5, 3, 1]  # tokens sent to each expert
queue = [e for e, n in enumerate(LOADS) for _ in range(n)]  # then shuffled through the batch:
assignment = torch.tensor(queue)[torch.randperm(TOKENS, generator=torch.Generator().manual_seed(1))]
x = torch.eye(EXPERTS)[assignment]  # (tokens, 4): each token the one-hot vector of its expert

C = expert_capacity(TOKENS, EXPERTS, capacity_factor=1.0)  # 1.0 * 16 / 4
layer = layer_with(C, EXPERTS)
_, index, kept = layer.routing(x)  # (tokens, 1) each
with torch.no_grad():
    y = layer(x)  # (tokens, d)
dropped_rows = int((y.abs().sum(-1) == 0).sum())  # no expert output at all
expected = sum(max(0, n - C) for n in LOADS)  # the overflow of each expert
assert torch.equal(index[:, 0], assignment), "the router follows the constructed routing"
assert C == 4, f"capacity {C}"
assert int((~kept).sum()) == dropped_rows == expected == 4, f"dropped {dropped_rows}, expected {expected}"
for e, n in enumerate(LOADS):  # first come, first served: an expert keeps its first C tokens
    mine = (assignment == e).nonzero().squeeze(-1)
    assert kept[mine, 0].tolist() == [i < C for i in range(n)], f"expert {e}"
# --8<-- [end:count]

# --8<-- [start:factor]
dropped, idle = [], []
for factor in (1.0, 1.25, 1.5, 2.0):
    C = expert_capacity(TOKENS, EXPERTS, factor)
    _, _, kept = layer_with(C, EXPERTS).routing(x)
    dropped.append(int((~kept).sum()))
    idle.append(EXPERTS * C - int(kept.sum()))  # slots computed on padding
    assert dropped[-1] == sum(max(0, n - C) for n in LOADS), f"factor {factor}"
assert dropped == [4, 2, 1, 0], f"dropped {dropped}"
assert idle == [4, 6, 9, 16], f"idle slots {idle}"
assert dropped[0] > dropped[-1] and idle[-1] > idle[0], "slack trades drops for idle slots"
# --8<-- [end:factor]
