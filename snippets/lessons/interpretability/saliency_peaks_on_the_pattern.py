r"""Gradient saliency points at the pattern: its largest pixel lies inside it, and so does much of its mass.

Saliency (Simonyan et al. 2014) is $|\partial\,\text{logit} / \partial x|$: how much the
logit would move per unit change of each pixel. The pattern covers 9 of 256 pixels,
3.5% of the image; on held-out images with the pattern, the single most salient pixel
falls inside it more than 90% of the time, and on average the pattern's pixels hold more
than 20% of all the saliency, over five times their share of the area. Why it works here:
the global max routes the gradient of each channel through the one position that wins
it, and for the channels that detect the pattern that position's window covers it.

Conditions: the page's CNN trained 40 full-batch Adam steps (learning rate 0.03) on 128 synthetic 16×16 noise images, about half holding the plus pattern; 500 held-out images, all holding the pattern; seeds 0-5
(measured peak inside in 0.994 to 1.0 of images, mean saliency share 0.37 to 0.57).
"""

import os

import torch

from snippets.lessons.interpretability._task import (
    PATCH,
    SIDE,
    make_images,
    patch_mask,
    saliency,
    trained_model,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
test_gen = torch.Generator().manual_seed(SEED + 1_000)

# --8<-- [start:check]
model = trained_model(SEED)
x, _, corner = make_images(500, test_gen, present=True)  # (500, 1, 16, 16)
s = saliency(model, x)  # (500, 16, 16)
inside = patch_mask(corner)  # (500, 16, 16): True on the pattern

peak = s.flatten(1).argmax(dim=1)  # (500,): index of the most salient pixel
peak_inside = inside[torch.arange(len(x)), peak // SIDE, peak % SIDE].float().mean().item()
mass_inside = ((s * inside).sum(dim=(1, 2)) / s.sum(dim=(1, 2)).clamp_min(1e-12)).mean().item()
area_share = PATCH**2 / SIDE**2  # 9 / 256, by the formula
AREA_TOL = 1e-9  # counting mask pixels is exact
counted_share = inside.float().mean().item()  # the same share, counted on the masks
assert abs(counted_share - area_share) < AREA_TOL, f"{counted_share} vs {area_share}"
enrichment = mass_inside / area_share  # how many times its share of the area

assert peak_inside > 0.9, f"the peak should be on the pattern in over 90% of images: {peak_inside:.3f}"
assert mass_inside > 0.2, f"the pattern should hold over 20% of the saliency: {mass_inside:.3f}"
assert enrichment > 5, f"over 5× its area share: {enrichment:.1f}×"
# --8<-- [end:check]
