"""A trained classifier left in training mode gives different answers to the same input.

Forgetting `model.eval()` keeps dropout sampling a fresh thinned network at every call,
so two calls on the same batch disagree on some inputs, and accuracy is that of one
random thinned network rather than of the averaged one. In eval mode the same two calls
are identical.

Conditions: trained 150 Adam steps (lr 0.01, batches of 64) on 256 synthetic 16-sample
signals with one bump in one of four quarters; Linear(16, 64), ReLU, Dropout(0.5),
Linear(64, 4); 512 held-out signals; seeds 0-9: 1.4% to 2.9% of predictions flip between
two training-mode calls (asserted above 0.5%), none in eval mode.
"""

import os

import torch
from torch import nn

from snippets.foundations.dropout._bumps import bumps, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny batches: a second thread only adds hand-off cost

STEPS = 150
generator = torch.Generator().manual_seed(SEED)
x, y = bumps(256, generator)  # (256, 16), (256,)
x_test, y_test = bumps(512, generator)
model = train(nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Dropout(0.5), nn.Linear(64, 4)), x, y, STEPS)

# --8<-- [start:check]
with torch.no_grad():
    model.train()  # forgot model.eval(): dropout still samples a mask per call
    first, second = model(x_test).argmax(dim=1), model(x_test).argmax(dim=1)
    flipped = (first != second).float().mean().item()
    model.eval()
    assert torch.equal(model(x_test), model(x_test)), "eval mode should be deterministic"
assert flipped > 0.005, f"only {flipped:.2%} of predictions changed between two training-mode calls"
# --8<-- [end:check]
