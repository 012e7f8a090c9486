"""With an expert capacity, a token's output depends on where it stands in the batch:
reversing the batch changes which tokens are dropped.

Without a capacity the layer treats each token alone and is permutation-equivariant
(``no_capacity_is_permutation_equivariant.py``). A capacity couples the tokens: the
experts serve them in batch order, so which tokens are dropped depends on who came
first. Reversing the batch of the constructed routing used for the dropping count (16
tokens sent 7, 5, 3 and 1 to four experts, capacity 4) moves the drops to other tokens:
for an expert with n tokens, the first C are kept in one order and the last C in the
other.

Assumption: each token is routed and processed on its own, independently of the rest of the batch.
Broken by: a fixed expert capacity, which serves tokens first come, first served and drops the rest.

Conditions: no training; experts of width 4 and hidden width 8 at initialisation; a
constructed top-1 routing of 16 tokens over 4 experts with capacity factor 1.0 (4 slots
each); exact count of changed outputs; seed 0 (the count does not depend on it).
"""

import os

import torch

from snippets.attention.moe._moe import MoELayer, expert_capacity

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: a second thread only adds hand-off cost

# --8<-- [start:capacity]
LOADS = [7, 5, 3, 1]  # tokens per expert, interleaved in the batch
queue = torch.tensor([e for e, n in enumerate(LOADS) for _ in range(n)])
assignment = queue[torch.randperm(16, generator=torch.Generator().manual_seed(1))]
tokens = torch.eye(4)[assignment]  # (16, 4): each token the one-hot vector of its expert
C = expert_capacity(16, 4, capacity_factor=1.0)
capped = MoELayer(4, 8, 4, k=1, capacity=C)
with torch.no_grad():
    capped.gate.weight.copy_(torch.eye(4))  # the router follows the constructed routing
    forward = capped(tokens)  # (16, 4)
    backward = capped(tokens.flip(0)).flip(0)  # reverse the batch, then put outputs back in place
assert not torch.allclose(forward, backward), "the order of the batch changes the outputs"
moved = (forward - backward).abs().sum(-1) > 1e-6  # tokens whose output changed
expected = sum(2 * min(n - C, C) for n in LOADS if n > C)  # kept in one order only
assert int(moved.sum()) == expected == 8, f"{int(moved.sum())} tokens changed, expected {expected}"
# --8<-- [end:capacity]
