r"""Integrated gradients add up to the change they explain; gradient × input does not.

Integrated gradients (Sundararajan et al. 2017) average the gradient along the straight
path from a baseline $x'$ to the input $x$ and multiply by the distance travelled:

$$
\text{IG}_i = (x_i - x'_i) \int_0^1 \frac{\partial f}{\partial x_i}\big(x' + \alpha (x - x')\big)\, d\alpha .
$$

By the fundamental theorem of calculus for path integrals, the attributions sum to
$f(x) - f(x')$ exactly: every bit of the change in the logit is assigned to some pixel
("completeness"). With the integral replaced by a 50-point midpoint sum, the sum is
within 5% of the change on every image, the tolerance the paper says 20 to 300 steps
reach. The one-step shortcut, gradient × input, is the same formula with the gradient
taken at $x$ only; for a ReLU network with biases it misses by more than 10% on every
image.

Conditions: the page's CNN trained 40 full-batch Adam steps (learning rate 0.03) on 128 synthetic 16×16 noise images, about half holding the plus pattern; explained on 8 held-out images holding the pattern, baseline the
all-zero image (the mean of the noise); 50-step midpoint sum; seeds 0-5 (measured worst
IG error 0.6% to 2.1%, best gradient × input error 39% to 78%).
"""

import os
import tomllib
from pathlib import Path

import torch

from snippets.lessons.interpretability._task import SIDE, logit, make_images, trained_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
test_gen = torch.Generator().manual_seed(SEED + 1_000)
# Sundararajan et al.: 20 to 300 steps approximate the integral "within 5%".
with open(Path(__file__).with_name("published.toml"), "rb") as f:
    TOL = float(tomllib.load(f)["ig_completeness_tolerance"]["value"].rstrip("%")) / 100


# --8<-- [start:check]
def integrated_gradients(model, x, baseline, steps=50):
    """IG by the midpoint rule: all steps of all images in one batch."""
    alphas = ((torch.arange(steps) + 0.5) / steps).view(steps, 1, 1, 1, 1)
    path = baseline + alphas * (x - baseline)  # (steps, n, 1, 16, 16)
    path = path.reshape(-1, 1, SIDE, SIDE).requires_grad_(True)
    (grad,) = torch.autograd.grad(logit(model, path).sum(), path)
    return (x - baseline) * grad.view(steps, *x.shape).mean(dim=0)  # (n, 1, 16, 16)


model = trained_model(SEED)
x, _, _ = make_images(8, test_gen, present=True)  # (8, 1, 16, 16)
baseline = torch.zeros_like(x)
with torch.no_grad():
    change = logit(model, x) - logit(model, baseline)  # (8,): what is to be explained

ig_total = integrated_gradients(model, x, baseline).sum(dim=(1, 2, 3))
ig_error = ((ig_total - change).abs() / change.abs()).max().item()

x_req = x.clone().requires_grad_(True)
(grad_at_x,) = torch.autograd.grad(logit(model, x_req).sum(), x_req)
gxi_total = (grad_at_x * x).sum(dim=(1, 2, 3))
gxi_error = ((gxi_total - change).abs() / change.abs()).min().item()

assert ig_error < TOL, f"IG should sum to f(x) - f(0) within {TOL:.0%}: worst error {ig_error:.3f}"
assert gxi_error > 0.1, f"gradient × input should miss by over 10% on every image: best {gxi_error:.3f}"
# --8<-- [end:check]
