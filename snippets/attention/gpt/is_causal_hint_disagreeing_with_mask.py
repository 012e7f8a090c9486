"""When the mask and the ``is_causal`` hint disagree, the result depends on the path taken.

Give an eval-mode ``nn.TransformerEncoderLayer`` an all-zero mask (attend everywhere)
together with ``is_causal=True``. With gradients on, the slow path trusts the hint,
drops the mask and is causal; under ``torch.no_grad()`` the fused fast path uses the
mask, ignores the hint and is not causal. The same call, on the same weights, gives
two different functions. Only a perturbation test run in both modes catches it; with
the true causal mask the layer is causal in both.

Assumption: the mask and the ``is_causal`` hint describe the same attention pattern.
Broken by: a mask that disagrees with the hint; each execution path believes a different one.

Conditions: torch 2.13 on the CPU (the behaviour of the two execution paths is
version-specific); an ``nn.TransformerEncoderLayer(16, 2)`` in eval mode with
batch_first=True (the fast path's requirements), random weights, white-noise inputs
of 8 tokens; causality measured by perturbing the tokens after position t = 3: exactly
0 for a causal call, above 1e-3 for a leak; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

layer = nn.TransformerEncoderLayer(16, 2, dim_feedforward=32, dropout=0.0, batch_first=True).eval()
T, t = 8, 3
x = torch.randn(1, T, 16)  # (batch, tokens, d_model)
x_changed = x.clone()
x_changed[:, t + 1 :] += torch.randn(1, T - t - 1, 16)  # only the future changes


# --8<-- [start:leak]
def leak(mask: torch.Tensor, grad: bool) -> float:
    """How far outputs 0..t move when only tokens after t change (0 for a causal layer)."""
    with torch.set_grad_enabled(grad):
        before = layer(x, src_mask=mask, is_causal=True)  # (batch, tokens, d_model)
        after = layer(x_changed, src_mask=mask, is_causal=True)
    return (after - before)[:, : t + 1].abs().max().item()
# --8<-- [end:leak]


# --8<-- [start:disagree]
zero = torch.zeros(T, T)  # an additive mask that hides nothing
LEAK = 1e-3  # a causal layer gives exactly 0; this one leaks by orders of magnitude more
with_grad, without_grad = leak(zero, grad=True), leak(zero, grad=False)
assert with_grad == 0.0, f"with gradients on, the hint should win: leak {with_grad:.3g}"
assert without_grad > LEAK, f"under no_grad the mask should win: leak {without_grad:.3g}"
# --8<-- [end:disagree]

# --8<-- [start:check]
causal = nn.Transformer.generate_square_subsequent_mask(T)  # (tokens, tokens): -inf above the diagonal
for grad in (True, False):
    got = leak(causal, grad)
    assert got == 0.0, f"grad={grad}: a true causal mask still leaks {got:.3g}"
# --8<-- [end:check]
