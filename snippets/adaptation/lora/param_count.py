"""LoRA trains r(d + k) parameters per adapted d × k matrix, and that number is linear in r.

The frozen weight keeps its d·k entries (and its bias); the update B A adds a d × r and
an r × k matrix, nothing else. Doubling the rank doubles the trainable count, while full
fine-tuning of the same layer trains d·k + d whatever r is.

Conditions: exact integer counts, no training, no data; a `768 × 768` layer (the width of
BERT-base) built on the CPU.
"""

import torch
from torch import nn

from snippets.adaptation.lora._lora import LoRALinear

torch.manual_seed(0)

# --8<-- [start:count]
d, k, r = 768, 768, 8  # output size, input size, rank
layer = LoRALinear(nn.Linear(k, d), r=r)
trainable = sum(p.numel() for p in layer.parameters() if p.requires_grad)
frozen = sum(p.numel() for p in layer.parameters() if not p.requires_grad)
assert trainable == r * (d + k) == 12_288, f"expected r(d + k) = {r * (d + k):,}, got {trainable:,}"
assert frozen == d * k + d == 590_592, f"expected d·k + d = {d * k + d:,} frozen, got {frozen:,}"
assert frozen // trainable == 48, f"the frozen layer is {frozen / trainable:.1f} times larger"
# --8<-- [end:count]

# --8<-- [start:linear]
counts = {}
for rank in (1, 2, 4, 8, 16, 32):
    lora = LoRALinear(nn.Linear(k, d), r=rank)
    counts[rank] = sum(p.numel() for p in lora.parameters() if p.requires_grad)
per_rank = {rank: counts[rank] / rank for rank in counts}
assert len(set(per_rank.values())) == 1, f"trainable count per unit of rank should be constant: {per_rank}"
assert per_rank[1] == d + k == 1_536, f"one unit of rank should cost d + k = {d + k:,}, got {per_rank[1]:,}"
assert counts[32] / counts[1] == 32, f"rank 32 should cost 32 × rank 1: {counts[32]:,} vs {counts[1]:,}"
# --8<-- [end:linear]
