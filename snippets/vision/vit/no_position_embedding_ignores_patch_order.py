"""Without position embeddings a ViT cannot tell where a patch came from: shuffling the
patches of an image shuffles the output tokens the same way, and anything pooled (the
class token, the mean of the patch tokens) does not change at all.

Self-attention, LayerNorm and the MLP treat tokens as a set: every operation either acts
on one token at a time or sums over all tokens with weights that depend only on their
contents. So the encoder is permutation-equivariant, and a pooled output is
permutation-invariant. The position embeddings are the *only* place the model learns
that patch 5 sits next to patch 6. With them added, the same shuffle changes the output.

The failure this causes: an object in the top-left patch and the same object moved by
whole patches to the bottom-right patch give identical logits, for any weights, so no
training teaches a position-free ViT which grid cell an object is in (shown after
training in position_free_vit_cannot_learn_which_cell_fails.py). It is not blind to
every move: a move by less than a patch changes the pixels inside the patches, and so
the logits.

Conditions: random weights at initialisation (the symmetry argument holds for any
weights), a 2-block ViT of width 32 on 32×32 images with 8×8 patches, white-noise images
and patterns, float64; equal to 1e-9, changed by more than 1e-3 (smallest change seen
3.5e-3, a patch shuffle with position embeddings, over seeds 0-19); seeds 0-19.
"""

import os

import torch

from snippets.vision.vit._vit import VisionTransformer

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-9  # float64: a permutation changes only the order of sums
MIN_CHANGE = 1e-3  # position embeddings start small (std 0.02): over seeds 0-19 the logits moved ≥ 3.5e-3

P, g = 8, 4  # patch size, patches per side
config = dict(image_size=32, patch_size=P, num_classes=10, dim=32, depth=2, heads=4, mlp_dim=64)


def shuffle_patches(images, order):
    """Cut (B, C, H, W) images into a g×g grid of patches and reassemble them in `order`."""
    B, C = images.shape[:2]
    patches = images.reshape(B, C, g, P, g, P).permute(0, 2, 4, 1, 3, 5).reshape(B, g * g, C, P, P)
    patches = patches[:, order]  # the patch now at position i came from position order[i]
    return patches.reshape(B, g, g, C, P, P).permute(0, 3, 1, 4, 2, 5).reshape(B, C, g * P, g * P)


images = torch.randn(2, 3, 32, 32, dtype=torch.float64)  # (batch, channels, height, width)
order = torch.randperm(g * g)
shuffled = shuffle_patches(images, order)
assert not torch.equal(shuffled, images), "the shuffle must move something"

# --8<-- [start:equivariant]
blind = VisionTransformer(**config, position_embedding=False, pool="mean").double()
with torch.no_grad():
    z, z_shuffled = blind.encode(images), blind.encode(shuffled)  # (batch, 1 + 16, dim)
gap_tokens = (z_shuffled[:, 1:] - z[:, 1:][:, order]).abs().max().item()
assert gap_tokens < TOL, f"patch tokens should be permuted the same way; largest gap {gap_tokens:.2g}"
gap_cls = (z_shuffled[:, 0] - z[:, 0]).abs().max().item()
assert gap_cls < TOL, f"the class token should not change; largest gap {gap_cls:.2g}"
# --8<-- [end:equivariant]

# --8<-- [start:blind]
# A "where is it?" pair: the same bright patch in the top-left or the bottom-right corner.
left = torch.zeros(1, 3, 32, 32, dtype=torch.float64)  # (batch, channels, height, width)
left[..., :P, :P] = torch.randn(3, P, P, dtype=torch.float64)
right = torch.roll(left, shifts=(3 * P, 3 * P), dims=(2, 3))  # moved by whole patches
for pool in ("mean", "cls"):
    torch.manual_seed(SEED)
    blind = VisionTransformer(**config, position_embedding=False, pool=pool).double()
    with torch.no_grad():
        gap_logits = (blind(left) - blind(right)).abs().max().item()
    assert gap_logits < TOL, f"pool={pool}: both corners should get the same logits; gap {gap_logits:.2g}"
    with torch.no_grad():  # half a patch: the pattern now straddles four patches
        within = (blind(left) - blind(torch.roll(left, shifts=(P // 2, P // 2), dims=(2, 3)))).abs().max().item()
    assert within > MIN_CHANGE, f"pool={pool}: a move by half a patch should change the logits; {within:.2g}"
# --8<-- [end:blind]

# --8<-- [start:with_positions]
torch.manual_seed(SEED)
seeing = VisionTransformer(**config, position_embedding=True, pool="mean").double()
with torch.no_grad():
    change = (seeing(left) - seeing(right)).abs().max().item()
    change_shuffled = (seeing(shuffled) - seeing(images)).abs().max().item()
assert min(change, change_shuffled) > MIN_CHANGE, (
    f"with position embeddings the logits should move: {change:.2g} (corners), {change_shuffled:.2g} (shuffle)"
)
# --8<-- [end:with_positions]
