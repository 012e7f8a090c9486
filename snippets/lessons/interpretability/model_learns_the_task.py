"""The tiny CNN learns the task: above 0.95 accuracy on held-out images, where chance is 0.5.

An explanation of a model that has not learned anything explains nothing, so this is
checked first. Trained by the page's helper (128 images, 40 full-batch Adam steps),
tested on 1,000 fresh images from a different random stream, half of them with the
pattern.

Conditions: the page's CNN trained 40 full-batch Adam steps (learning rate 0.03) on 128 synthetic 16×16 noise images, about half holding the plus pattern; tested on 1,000 fresh images from another random stream; seeds
0-5 (measured 0.984 to 0.994).
"""

import os

import torch

from snippets.lessons.interpretability._task import logit, make_images, trained_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tensors this small run fastest on one thread
test_gen = torch.Generator().manual_seed(SEED + 1_000)  # not the training stream

# --8<-- [start:check]
model = trained_model(SEED)
x, y, _ = make_images(1_000, test_gen)  # (1000, 1, 16, 16), (1000,)
with torch.no_grad():
    accuracy = ((logit(model, x) > 0).float() == y).float().mean().item()
assert accuracy > 0.95, f"expected accuracy above 0.95 (chance 0.5), got {accuracy:.3f}"
# --8<-- [end:check]
