"""With B initialised to zero, a LoRA model starts as exactly the pretrained model, yet learns.

B A = 0 at step 0, so the outputs are bit-for-bit the base layer's. The gradients are not
symmetric: dL/dB = s · g (A x)ᵀ is non-zero because A is random, while dL/dA = s · Bᵀ g xᵀ
is exactly zero because B is. The first step therefore moves only B; from the second
step on, A receives a gradient too.

Conditions: no training except one plain SGD step (lr 0.1); a `32 × 16` layer with rank 4,
random input of shape 64 × 16 and random regression targets; float32; outputs compared
with torch.equal (bit-for-bit), gradient of A compared with exact zero; seeds 0-9.
"""

import os

import torch
from torch import nn

from snippets.adaptation.lora._lora import LoRALinear

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

base = nn.Linear(16, 32)
layer = LoRALinear(base, r=4, alpha=4.0)
x, target = torch.randn(64, 16), torch.randn(64, 32)  # (batch, in), (batch, out)

# --8<-- [start:unchanged]
assert torch.equal(layer(x), base(x)), "at step 0 the LoRA layer must give the base layer's outputs exactly"
# --8<-- [end:unchanged]

# --8<-- [start:gradients]
loss = ((layer(x) - target) ** 2).mean()
loss.backward()
grad_B, grad_A = layer.B.grad.norm().item(), layer.A.grad.norm().item()
assert grad_B > 0, f"B should receive a gradient at step 0, got norm {grad_B}"
assert grad_A == 0.0, f"A should receive exactly zero gradient while B = 0, got norm {grad_A}"

with torch.no_grad():  # one SGD step: B moves, A does not
    for p in (layer.A, layer.B):
        p -= 0.1 * p.grad
        p.grad = None
moved = layer.B.norm().item()
assert moved > 0, f"one step should move B away from zero, norm {moved}"
((layer(x) - target) ** 2).mean().backward()
second = layer.A.grad.norm().item()
assert second > 0, f"after one step B ≠ 0, so A should now get a gradient, got {second}"
# --8<-- [end:gradients]
