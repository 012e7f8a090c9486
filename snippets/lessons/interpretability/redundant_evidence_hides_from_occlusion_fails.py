"""Two copies of the pattern: blanking either one changes nothing, so occlusion calls both unimportant.

Occlusion measures what the model loses when one region is removed. If the evidence is
redundant, removing one copy loses nothing: the global max finds the other. Here each
image holds the pattern twice, once in the top-left and once in the bottom-right part
(the squares can never overlap). Blanking either copy leaves more than 90% of the
answers at "present"; blanking both turns fewer than 10% of them into anything but
"absent". A one-region-at-a-time method cannot see an OR.

Gradient saliency fails differently on the same images: the global max sends the
gradient through the one position that wins, so the weaker copy gets a median share
of the saliency below a quarter, although the two copies are the same pattern.

Conditions: the page's CNN trained 40 full-batch Adam steps (learning rate 0.03) on 128 synthetic 16×16 noise images, about half holding the plus pattern; 200 noise images each holding two copies, one in the top-left
and one in the bottom-right part; seeds 0-5 (measured at least 0.96 kept with one copy
blanked, at most 0.01 with both, weaker copy's median share at most 0.08).

Assumption: what the model loses when a region is blanked is that region's importance (occlusion).
Broken by: redundant evidence, which the model combines with an OR (here, its global max).
"""

import os

import torch

from snippets.lessons.interpretability._task import (
    NOISE,
    PATCH,
    PATTERN,
    SIDE,
    logit,
    occlude,
    patch_mask,
    saliency,
    trained_model,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
N = 200

# --8<-- [start:check]
model = trained_model(SEED)
x = NOISE * torch.randn(N, 1, SIDE, SIDE)  # (batch, channels, height, width)
first = torch.randint(0, 6, (N, 2))  # corners in rows and columns 0..5
second = torch.randint(8, SIDE - PATCH + 1, (N, 2))  # 8..13: at least 3 away, no overlap
for i in range(N):
    for r, c in (first[i].tolist(), second[i].tolist()):
        x[i, 0, r:r + PATCH, c:c + PATCH] += PATTERN

with torch.no_grad():
    present = (logit(model, x) > 0).float().mean().item()
    without_first = (logit(model, occlude(x, first)) > 0).float().mean().item()
    without_second = (logit(model, occlude(x, second)) > 0).float().mean().item()
    without_both = (logit(model, occlude(occlude(x, first), second)) > 0).float().mean().item()

s = saliency(model, x)  # (200, 16, 16)
on_first, on_second = (s * patch_mask(first)).sum(dim=(1, 2)), (s * patch_mask(second)).sum(dim=(1, 2))
weaker_share = (torch.minimum(on_first, on_second) / (on_first + on_second).clamp_min(1e-12)).median().item()

assert present > 0.9, f"with both copies the model says present: {present:.3f}"
assert without_first > 0.9 and without_second > 0.9, f"one copy blanked: {without_first:.3f}, {without_second:.3f}"
assert without_both < 0.1, f"both blanked, the answer flips: still present {without_both:.3f}"
assert weaker_share < 0.25, f"saliency favours one copy: weaker copy's median share {weaker_share:.3f}"
# --8<-- [end:check]
