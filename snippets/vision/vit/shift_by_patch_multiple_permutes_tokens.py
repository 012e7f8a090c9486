"""The patch embedding is equivariant only to shifts by whole patches.

Shift an image (circularly, so nothing falls off the edge) by a multiple of the patch
size P and the patch tokens are the same vectors, moved to other grid cells: a
permutation of the token sequence. Shift it by anything else and every patch holds a
different set of pixels, so the tokens themselves change. A convolution with stride 1
would instead shift its output by exactly one pixel; the ViT stem has no such built-in
translation equivariance and has to learn robustness to small shifts from data
(typically with crop-and-shift augmentation).

The image is smooth (bilinearly upsampled noise), not white noise, so that small shifts
change pixels by a realistic amount.

Conditions: the patch embedding alone (no encoder), random weights at initialisation,
one smooth 3×32×32 image, 8×8 patches, width 32, float32, circular shifts; all 16
whole-patch shifts equal to 1e-5; bounds on the relative change as below; seeds 0-5.
"""

import os

import torch
import torch.nn.functional as F

from snippets.vision.vit._vit import PatchEmbedding

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32, dot products of length C·P·P = 192
# Relative distance from a shifted token to the nearest original token. Over 100 seeds the
# smallest seen was 0.16 (one pixel) and the smallest average 0.38: wide margins below.
MIN_CHANGE = 0.05  # every token moves by more than this …
MIN_MEAN_CHANGE = 0.2  # … and the tokens move this much on average

P, g = 8, 4  # patch size, patches per side
embed = PatchEmbedding(in_channels=3, dim=32, patch_size=P)
coarse = torch.randn(1, 3, 8, 8)  # (batch, channels, height, width)
image = F.interpolate(coarse, size=(P * g, P * g), mode="bilinear", align_corners=False)  # (1, 3, 32, 32)


def token_grid(img):
    with torch.no_grad():
        return embed(img).reshape(g, g, -1)  # (rows of patches, columns of patches, dim)


tokens = token_grid(image)

# --8<-- [start:multiple]
for dy, dx in [(P * i, P * j) for i in range(g) for j in range(g)]:  # all 16 whole-patch shifts
    shifted = token_grid(torch.roll(image, shifts=(dy, dx), dims=(2, 3)))
    permuted = torch.roll(tokens, shifts=(dy // P, dx // P), dims=(0, 1))  # move whole tokens
    gap = (shifted - permuted).abs().max().item()
    assert gap < TOL, f"shift ({dy}, {dx}): tokens should be a permutation; largest gap {gap:.2g}"
# --8<-- [end:multiple]

# --8<-- [start:not_multiple]
bias = embed.proj.bias.detach()  # the part of a token that does not depend on the pixels
content = (tokens - bias).norm(dim=-1)  # (g, g): size of each token's pixel-dependent part
for dx in (1, P // 2):
    shifted = token_grid(torch.roll(image, shifts=(0, dx), dims=(2, 3)))
    # Compare every shifted token with its nearest original token, wherever it is.
    distances = torch.cdist(shifted.reshape(g * g, -1), tokens.reshape(g * g, -1))  # (16, 16)
    nearest = distances.min(dim=1).values / content.flatten().mean()
    change, mean_change = nearest.min().item(), nearest.mean().item()
    assert change > MIN_CHANGE, f"shift by {dx} px: some token barely changed ({change:.3f})"
    assert mean_change > MIN_MEAN_CHANGE, f"shift by {dx} px: tokens moved {mean_change:.3f} on average"
# --8<-- [end:not_multiple]
