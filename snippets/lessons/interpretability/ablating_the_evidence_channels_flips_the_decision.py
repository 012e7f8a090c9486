r"""The decision rests on a few channels: ablating them flips it, ablating all the others does not.

Channel ablation asks the occlusion question one level up: not "what if this region of
the image were gone?" but "what if this unit of the model were silent?". The units are
the eight channels of the second convolution, after its ReLU, just before the global
max. Each channel's share of the decision is measured on one set of images: its weight
in the final linear layer times how much higher its global max is on images with the
pattern than on images without, $w_c\,(\bar h_c^{\text{present}} - \bar h_c^{\text{absent}})$,
the logit units it adds for "present". Channels are silenced (set to 0, the value of
an idle ReLU) in that order until at least 95% of the correct "present" answers on
those images flip. Then, on fresh images, silencing the chosen channels flips more than
90% of the correct "present" answers, and silencing every other channel at once leaves
more than 95% of them standing: the decision rests on at most four of the eight
channels, and the rest could go.

What it cannot tell: what the chosen channels compute (a probe or their filters would
say more), and whether each is needed alone. Silenced one at a time, redundant channels
hide each other, as redundant copies of the pattern hide from occlusion.

Conditions: the page's CNN trained 40 full-batch Adam steps (learning rate 0.03) on 128 synthetic 16×16 noise images, about half holding the plus pattern; channels chosen on 400 images (about half with the pattern), tested on 400 fresh images all holding it; ablation sets a channel's map to 0; seeds 0-19 (measured 1 to 4 channels chosen, 0.947 to 1.0 of the answers flipped by silencing them, all of them left standing by silencing the rest).
"""

import os

import torch

from snippets.lessons.interpretability._task import WIDTH, logit, make_images, trained_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
choose_gen = torch.Generator().manual_seed(SEED + 3_000)  # images that choose the channels
test_gen = torch.Generator().manual_seed(SEED + 4_000)  # fresh images that test the choice


def flipped(model: torch.nn.Sequential, x: torch.Tensor, silenced: torch.Tensor) -> float:
    """Share of the model's "present" answers on ``x`` that turn to "absent" when the
    second convolution's ``silenced`` channels (a boolean mask of ``WIDTH``) are set to 0."""
    with torch.no_grad():
        before = logit(model, x) > 0  # (n,)
        maps = model[:5](x)  # (n, 8, 8, 8): the second convolution after its ReLU
        maps[:, silenced] = 0.0
        after = model[5:](maps).squeeze(1) > 0  # global max, flatten, linear: (n,)
    return ((before & ~after).sum() / before.sum()).item()


# --8<-- [start:check]
model = trained_model(SEED)

# Choose: each channel's share of the decision, on one set of images.
x, y, _ = make_images(400, choose_gen)  # (400, 1, 16, 16), (400,)
with torch.no_grad():
    peaks = model[:7](x)  # (400, 8): each channel's global max, what the linear layer reads
share = model[7].weight[0] * (peaks[y == 1].mean(0) - peaks[y == 0].mean(0))  # (8,) logit units
silenced = torch.zeros(WIDTH, dtype=torch.bool)
for c in share.argsort(descending=True).tolist():
    silenced[c] = True
    if flipped(model, x[y == 1], silenced) >= 0.95:
        break
chosen = int(silenced.sum())

# Test the choice on fresh images that all hold the pattern.
x_test, _, _ = make_images(400, test_gen, present=True)  # (400, 1, 16, 16)
by_chosen = flipped(model, x_test, silenced)
standing = 1 - flipped(model, x_test, ~silenced)  # answers left alone by silencing the rest
assert chosen <= 4, f"a few channels should carry the decision: {chosen} of {WIDTH}"
assert by_chosen > 0.9, f"silencing the chosen channels should flip the decision: {by_chosen:.3f}"
assert standing > 0.95, f"silencing all the others should leave the answers standing: {standing:.3f}"
# --8<-- [end:check]
