"""In torch's Transformer modules, ``is_causal=True`` is a hint, not a mask.

Called with ``is_causal=True`` and no mask, an ``nn.TransformerEncoderLayer`` in eval
mode raises when gradients are on (the attention function refuses a hint without a
mask), but under ``torch.no_grad()`` it takes its fused fast path, which ignores the
hint: no error, and the output at position t changes when later tokens change.

Assumption: passing ``is_causal=True`` makes torch's Transformer layers causal.
Broken by: leaving out the mask; the fast path taken under ``no_grad`` ignores the hint.

Conditions: torch 2.13 on the CPU (the behaviour of the two execution paths is
version-specific); an ``nn.TransformerEncoderLayer(16, 2)`` in eval mode with
batch_first=True (what the fast path requires), random weights, white-noise inputs of
8 tokens; the leak is measured by perturbing the tokens after position t = 3 and must
exceed 1e-3; seeds 0-5.
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

# --8<-- [start:no_mask]
# With gradients on, the slow path reaches F.multi_head_attention_forward, which refuses.
message = ""
try:
    layer(x, is_causal=True)
except RuntimeError as error:
    message = str(error)
    assert message.startswith("Need attn_mask if specifying the is_causal hint"), f"got: {message!r}"
assert message, "expected a RuntimeError with gradients on"

# Under no_grad the fused fast path runs instead: no error, and no causal mask either.
with torch.no_grad():
    leak = (layer(x, is_causal=True) - layer(x_changed, is_causal=True))[:, : t + 1].abs().max().item()
LEAK = 1e-3  # a causal layer would give exactly 0 here
assert leak > LEAK, f"outputs 0..{t} moved by {leak:.3g}; expected a leak above {LEAK}"
# --8<-- [end:no_mask]
