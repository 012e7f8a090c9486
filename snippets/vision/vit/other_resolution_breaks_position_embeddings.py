"""A ViT's position embeddings fix the number of tokens it accepts: one vector per
patch position of the training resolution. An image that gives a different number of
patches is refused, and an image whose side is not a multiple of the patch size is
worse: it is accepted, and the pixels past the last whole patch are silently ignored.

1. A model built for 32×32 images with 8×8 patches (16 + 1 tokens) is given a 40×40
   image (25 + 1 tokens): the addition of the position embeddings fails, naming both
   sizes. The same happens to ViT-B/16 given 256×256 instead of 224×224 (257 vs 197
   tokens). The usual fix is to interpolate the position embeddings to the new grid and
   fine-tune at the new resolution (Dosovitskiy et al. 2021, section 3.2).
2. The same model given a 36×36 image makes 4×4 patches from the top-left 32×32 pixels;
   the last 4 rows and columns never reach it: replacing them changes nothing.

Conditions: random weights at initialisation, white-noise images, a 2-block ViT of
width 32 built for 32×32 images with 8×8 patches, and ViT-B/16's embedding stage;
the refusal is PyTorch's broadcasting error on adding the position embeddings (its
message text as of torch 2.13); the ignored pixels leave the logits bit-for-bit equal; seeds 0-5.

Assumption: every image gives the number of patches the position embeddings were made for.
Broken by: an image of another resolution, or one whose side is not a multiple of the patch size.
"""

import os

import torch

from snippets.vision.vit._vit import VisionTransformer, vit_b_16

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

model = VisionTransformer(image_size=32, patch_size=8, num_classes=10, dim=32, depth=2, heads=4, mlp_dim=64)

# --8<-- [start:refused]
try:
    with torch.no_grad():
        model(torch.randn(1, 3, 40, 40))  # (batch, channels, height, width): 5×5 patches
    message = ""
except RuntimeError as error:
    message = str(error)
tokens_given, tokens_made_for = (40 // 8) ** 2 + 1, (32 // 8) ** 2 + 1
assert (tokens_given, tokens_made_for) == (26, 17), f"{tokens_given}, {tokens_made_for}"
assert f"({tokens_given}) must match the size of tensor b ({tokens_made_for})" in message, (
    f"expected a refusal naming {tokens_given} and {tokens_made_for} tokens, got: {message!r}"
)

# ViT-B/16's embedding stage (depth=0 keeps it fast; the encoder never sees the tokens).
vit_b = vit_b_16(depth=0)
try:
    with torch.no_grad():
        vit_b.tokens(torch.randn(1, 3, 256, 256))  # 16×16 patches instead of 14×14
    message = ""
except RuntimeError as error:
    message = str(error)
tokens_given, tokens_made_for = (256 // 16) ** 2 + 1, (224 // 16) ** 2 + 1
assert (tokens_given, tokens_made_for) == (257, 197), f"{tokens_given}, {tokens_made_for}"
assert f"({tokens_given}) must match the size of tensor b ({tokens_made_for})" in message, (
    f"expected a refusal naming {tokens_given} and {tokens_made_for} tokens, got: {message!r}"
)
# --8<-- [end:refused]

# --8<-- [start:ignored]
image = torch.randn(1, 3, 36, 36)  # (batch, channels, height, width): not a multiple of 8
changed = image.clone()
changed[..., 32:, :] = torch.randn(1, 3, 4, 36)  # new bottom 4 rows
changed[..., :, 32:] = torch.randn(1, 3, 36, 4)  # new right 4 columns
with torch.no_grad():
    logits, logits_changed = model(image), model(changed)  # (1, 10) each
    inside = image.clone()
    inside[..., 31, 31] += 1.0  # one pixel of the last whole patch
    moved = (model(inside) - model(image)).abs().max().item()
assert torch.equal(logits, logits_changed), "the pixels past the last whole patch should not affect the output"
assert moved > 0, f"a pixel inside the last whole patch should change the output; changed by {moved}"
# --8<-- [end:ignored]
