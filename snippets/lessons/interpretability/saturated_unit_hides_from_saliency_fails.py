r"""A saturated unit hides an input that matters from gradient saliency; occlusion still sees it.

Hand-built so that every number is known: $f(x) = \sigma(8 x_1) + 0.1\,x_2$ at the
operating point $x = (2, 1)$. The sigmoid is pinned near 1 ($8 \cdot 2 = 16$), so its
slope there is $8\,\sigma(16)(1 - \sigma(16)) \approx 9 \times 10^{-7}$: saliency says
$x_1$ barely matters and ranks $x_2$ (slope 0.1) far above it. Blanking each input to 0
tells the truth: removing $x_1$ moves the output by $\sigma(16) - \sigma(0) \approx 0.5$,
five times what removing $x_2$ does (0.1). Integrated gradients from the same zero
baseline recover both numbers, because they integrate the slope over the whole way
from 0 to 2 instead of reading it at the end.

The published example of the same failure (Sundararajan et al. 2017, section 2.1) is a
clamp, $g(x) = 1 - \mathrm{ReLU}(1 - x)$, at the input $x = 2$ with baseline 0: the
output changes from 0 to 1, but $g$ is flat beyond 1, so the gradient is exactly 0.

The same thing happens in a trained classifier whenever an explanation is taken of
its probability (a sigmoid or softmax of the logit) on a confident example.

Conditions: no training, no data; a hand-built function evaluated in float64 at one
operating point (the clamp in float32); integrated gradients by a 1,000-step midpoint
sum; tolerances 1e-12 for exact quantities, 1e-3 and 1e-4 for σ(16) ≈ 1 and the sum.

Assumption: the gradient at the input says how much each input matters (saliency).
Broken by: a saturated unit, flat where the input sits, steep on the way there.
"""

import os

import torch

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)  # nothing is random here; kept for the suite's convention


def g(x: torch.Tensor) -> torch.Tensor:
    """Sundararajan et al.'s clamp: 1 - ReLU(1 - x), flat for x above 1."""
    return 1 - torch.relu(1 - x)


def f(x: torch.Tensor) -> torch.Tensor:
    """The hand-built network: one saturating unit on x1, a linear path for x2."""
    return torch.sigmoid(8 * x[..., 0]) + 0.1 * x[..., 1]


# --8<-- [start:check]
x = torch.tensor([2.0, 1.0], dtype=torch.float64, requires_grad=True)
(grad,) = torch.autograd.grad(f(x), x)  # saliency: the slope at the operating point
by_hand = 8 * torch.sigmoid(torch.tensor(16.0, dtype=torch.float64)) * (1 - torch.sigmoid(torch.tensor(16.0, dtype=torch.float64)))

with torch.no_grad():
    blank_x1 = (f(x) - f(torch.tensor([0.0, 1.0], dtype=torch.float64))).item()  # occlusion of x1
    blank_x2 = (f(x) - f(torch.tensor([2.0, 0.0], dtype=torch.float64))).item()  # occlusion of x2

alphas = (torch.arange(1_000, dtype=torch.float64) + 0.5) / 1_000  # integrated gradients from 0
path = (alphas[:, None] * x.detach()).requires_grad_(True)  # (1000, 2)
(path_grad,) = torch.autograd.grad(f(path).sum(), path)
ig = x.detach() * path_grad.mean(dim=0)  # (2,)

assert abs(grad[0] - by_hand) < 1e-12 and grad[0] < 1e-5, f"x1's slope is ~0: {grad[0]:.2e}"
assert grad[1] / grad[0] > 10_000, f"saliency ranks x2 far above x1: ratio {grad[1] / grad[0]:,.0f}"
assert abs(blank_x1 - 0.5) < 1e-3 and abs(blank_x2 - 0.1) < 1e-12, f"occlusion: {blank_x1:.4f}, {blank_x2:.4f}"
assert blank_x1 / blank_x2 > 4.99, f"x1 matters five times more: {blank_x1 / blank_x2:.2f}"
assert abs(ig[0] - blank_x1) < 1e-4 and abs(ig[1] - blank_x2) < 1e-12, f"IG: {ig.tolist()}"

x_clamp = torch.tensor(2.0, requires_grad=True)
(clamp_grad,) = torch.autograd.grad(g(x_clamp), x_clamp)
clamp_change = (g(x_clamp) - g(torch.tensor(0.0))).item()
assert clamp_grad == 0 and clamp_change == 1, f"clamp: gradient {clamp_grad}, change {clamp_change}"
# --8<-- [end:check]
