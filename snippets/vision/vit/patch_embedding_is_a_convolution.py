"""ViT's patch embedding is a convolution whose kernel and stride equal the patch size,
and that convolution is exactly "cut the image into patches, flatten each, multiply by
one matrix".

The check builds the patch embedding of `_vit.py` (a `Conv2d` with kernel = stride = P),
then computes the same tokens by hand: reshape the image into (P·P·C)-long patch
vectors, in row-major patch order, and apply `nn.Linear` holding the convolution's
weights reshaped to (D, C·P·P). On ViT-B/16's embedding stage it also checks the
token count: (224/16)² = 196 patch tokens, plus one class token.

Conditions: random weights at initialisation, white-noise images (2×3×32×32 with 8×8
patches; one 3×224×224 image for ViT-B/16), float32; equal to 1e-5; exact token counts;
seeds 0-5.
"""

import os

import torch
from torch import nn

from snippets.vision.vit._vit import PatchEmbedding, vit_b_16

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 dot products of length C·P·P = 192 with entries of order 1

# --8<-- [start:conv_equals_linear]
C, P, D = 3, 8, 16
embed = PatchEmbedding(in_channels=C, dim=D, patch_size=P)
images = torch.randn(2, C, 32, 32)  # (batch, channels, height, width)
got = embed(images)  # (batch, 16 patches, D)

# By hand: (B, C, H/P, P, W/P, P) → (B, H/P, W/P, C, P, P) → one row per patch.
B, g = images.shape[0], 32 // P
patches = images.reshape(B, C, g, P, g, P).permute(0, 2, 4, 1, 3, 5).reshape(B, g * g, C * P * P)
linear = nn.Linear(C * P * P, D)
with torch.no_grad():
    linear.weight.copy_(embed.proj.weight.reshape(D, C * P * P))  # same numbers, flattened
    linear.bias.copy_(embed.proj.bias)
    expected = linear(patches)  # (batch, 16 patches, D)
assert got.shape == expected.shape == (2, g * g, D), f"{got.shape} vs {expected.shape}"
gap = (got - expected).abs().max().item()
assert gap < TOL, f"conv patch embedding vs reshape + linear: largest gap {gap:.2g}"
# --8<-- [end:conv_equals_linear]

# --8<-- [start:token_count]
# ViT-B/16's embedding stage, real weights: depth=0 drops the encoder, which never changes
# the number of tokens, and keeps the check fast.
model = vit_b_16(depth=0)
x = torch.randn(1, 3, 224, 224)  # (batch, channels, height, width)
with torch.no_grad():
    patch_tokens = model.patch_embed(x)  # (1, 196, 768)
    sequence = model.tokens(x)  # (1, 197, 768): class token first, position embeddings added
expected_patches = (224 // 16) ** 2
assert patch_tokens.shape[1] == expected_patches == 196, f"expected 196 patches, got {patch_tokens.shape[1]}"
assert sequence.shape[1] == expected_patches + 1 == 197, f"expected 197 tokens, got {sequence.shape[1]}"
assert sequence.shape[2] == 768, f"token width: expected 768, got {sequence.shape[2]}"
# --8<-- [end:token_count]
