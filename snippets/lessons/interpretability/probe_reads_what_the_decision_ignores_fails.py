r"""A linear probe finds where the pattern is; the decision does not use it, and training did not put it there.

A linear probe (Alain & Bengio 2016) is a linear classifier trained on a frozen hidden
layer to read off a property of the input. Here the layer is the trained CNN's first
convolution after its ReLU and max-pool, 8 channels of 8×8, and the property is one the
model was never trained to output: whether the pattern sits in the left or the right
half of the image. A ridge-regression probe fitted on 1,000 images reads it on 400 others
with an accuracy above 0.9.

Two controls say what that accuracy means. The same probe on the same network at its
initial weights, before any training, still reads the side above 0.75: most of the
information was put there by the input and the architecture (the pattern's pixels
are larger than the noise, so almost any filter followed by a ReLU responds more
there on average, and the max-pool keeps roughly where), not learned. And the decision ignores it: mirroring each image left to right (the
pattern is symmetric, so it stays the same pattern, now in the other half) changes
the probe's answer on more than 85% of the images and leaves the model's decision
standing on more than 90%. The global max above that layer discards where. A probe shows what a layer
holds, not what the model uses.

Conditions: the page's CNN trained 40 full-batch Adam steps (learning rate 0.03) on 128 synthetic 16×16 noise images, about half holding the plus pattern; the probe is ridge regression (penalty 30, standardised features) fitted on 1,000 images holding the pattern and tested on 400 others; seeds 0-9 (measured probe accuracy 0.940 to 0.998 trained, 0.825 to 0.940 untrained; mirroring changes the probe's answer on 0.91 to 1.0 of the images and leaves the decision standing on 0.96 to 1.0).

Assumption: what a linear probe can read from a hidden layer is what the model uses, and what training put there.
Broken by: information that the input and the architecture put in the layer and that the layers above discard (here, where the pattern is, before a global max).
"""

import os

import torch

from snippets.lessons.interpretability._task import build_model, logit, make_images, trained_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
probe_gen = torch.Generator().manual_seed(SEED + 2_000)  # not the training stream
FIT = 1_000  # images the probe is fitted on; the rest test it
PENALTY = 30.0  # ridge penalty: 513 weights on 1,000 images need some, the accuracy barely depends on it


def fit_probe(features: torch.Tensor, label: torch.Tensor):
    """Ridge regression of ``label`` (0 or 1, as -1 or +1) on standardised ``features``
    ``(n, d)``, with a bias; returns the probe, a function from features to 0/1 answers."""
    mean, std = features.mean(0), features.std(0).clamp_min(1e-6)

    def design(f: torch.Tensor) -> torch.Tensor:
        return torch.cat([(f - mean) / std, torch.ones(len(f), 1)], dim=1)  # (n, d + 1)

    a = design(features)
    w = torch.linalg.solve(a.T @ a + PENALTY * torch.eye(a.shape[1]), a.T @ (2 * label - 1))
    return lambda f: (design(f) @ w > 0).float()


# --8<-- [start:probe]
model = trained_model(SEED)
torch.manual_seed(SEED)
untrained = build_model()  # the same network at the initial weights it was trained from

x, _, corner = make_images(1_400, probe_gen, present=True)  # (1400, 1, 16, 16)
right = (corner[:, 1] >= 7).float()  # (1400,): the pattern's left column is 7..13, not 0..6
with torch.no_grad():
    layer = model[:3](x).flatten(1)  # (1400, 512): conv, ReLU, max-pool, flattened
    layer_untrained = untrained[:3](x).flatten(1)  # (1400, 512)
probe = fit_probe(layer[:FIT], right[:FIT])
probe_untrained = fit_probe(layer_untrained[:FIT], right[:FIT])
accuracy = (probe(layer[FIT:]) == right[FIT:]).float().mean().item()
accuracy_untrained = (probe_untrained(layer_untrained[FIT:]) == right[FIT:]).float().mean().item()
assert accuracy > 0.9, f"the probe should read the pattern's side: accuracy {accuracy:.3f}"
assert accuracy_untrained > 0.75, f"and so should the untrained network's: {accuracy_untrained:.3f}"
# --8<-- [end:probe]

# --8<-- [start:mirror]
x_test = x[FIT:]  # (400, 1, 16, 16): images the probe was not fitted on
mirrored = x_test.flip(-1)  # the symmetric pattern, now in the other half
with torch.no_grad():
    probe_changes = (probe(model[:3](x_test).flatten(1)) != probe(model[:3](mirrored).flatten(1))).float().mean().item()
    decision_kept = ((logit(model, x_test) > 0) == (logit(model, mirrored) > 0)).float().mean().item()
assert probe_changes > 0.85, f"mirroring should change the probe's answer: {probe_changes:.3f}"
assert decision_kept > 0.9, f"and leave the model's decision standing: kept on {decision_kept:.3f}"
# --8<-- [end:mirror]
