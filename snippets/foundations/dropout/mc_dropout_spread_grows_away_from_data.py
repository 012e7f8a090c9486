"""Monte Carlo dropout's predictive spread is larger far from the training data than on it.

Gal and Ghahramani (2016) keep dropout on at test time and read the spread of many
stochastic forward passes as the model's uncertainty. On a one-dimensional regression
trained on x in [-1, 1], the thinned ReLU networks agree where the data pinned them
down and extrapolate with different slopes outside it, so the spread grows with the
distance from the data.

Conditions: trained 200 full-batch Adam steps (lr 0.01) on 64 points of sin(3x) plus
noise of standard deviation 0.05, x uniform in [-1, 1]; MLP 1-32-32-1 with ReLU and
Dropout(0.1) after each hidden layer; 100 stochastic passes at 50 points in [-1, 1] and
50 in [4, 5]; seeds 0-9: the spread far away is 1.9 to 8.2 times the spread on the data
(asserted above 1.5), and the eval-mode fit stays within 0.1 of sin(3x) on the data.
"""

import os

import torch
from torch import nn

from snippets.foundations.dropout._bumps import adam

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # a 64-point batch: a second thread only adds hand-off cost

STEPS = 200
x = torch.rand(64, 1) * 2 - 1  # (points, 1), the training range [-1, 1]
y = torch.sin(3 * x) + 0.05 * torch.randn(64, 1)
model = nn.Sequential(
    nn.Linear(1, 32), nn.ReLU(), nn.Dropout(0.1),
    nn.Linear(32, 32), nn.ReLU(), nn.Dropout(0.1),
    nn.Linear(32, 1),
)
adam(list(model.parameters()), lambda: (model(x) - y).pow(2).mean(), STEPS, lr=0.01)  # full batch

# --8<-- [start:check]
on_data = torch.linspace(-1, 1, 50)[:, None]  # (50, 1), inside the training range
far = torch.linspace(4, 5, 50)[:, None]  # (50, 1), never seen
with torch.no_grad():
    model.eval()
    fit_error = (model(on_data) - torch.sin(3 * on_data)).abs().mean().item()
    model.train()  # Monte Carlo dropout: keep sampling masks at test time
    spread_on = torch.stack([model(on_data) for _ in range(100)]).std(dim=0).mean().item()
    spread_far = torch.stack([model(far) for _ in range(100)]).std(dim=0).mean().item()
assert fit_error < 0.1, f"the model did not fit the data: mean error {fit_error:.3f}"
ratio = spread_far / spread_on
assert ratio > 1.5, f"spread far {spread_far:.3f} is only {ratio:.2f} times the spread on the data"
# --8<-- [end:check]
