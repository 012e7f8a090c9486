"""A depthwise-separable layer cannot learn two different filters on one input channel.

Target: a standard 3×3 convolution with 3 input and 2 output channels that detects
vertical edges (Sobel-x) in output 0 and horizontal edges (Sobel-y) in output 1, on
every input channel. Each input slice W[:, i] stacks two orthogonal filters of equal
norm, so it has rank 2 with equal singular values. A separable pair can only put a
rank-1 kernel on each input channel (see `separable_is_a_constrained_standard_conv`),
and the best rank-1 approximation (Eckart–Young) leaves σ₂ / ‖W[:, i]‖ = 1/√2 of the
kernel's norm unexplained.
The separable layer's weights are trained by gradient descent on the squared
distance between its composed kernel and the target, which for white-noise inputs
is proportional to the expected squared output error; the error is then measured on
the outputs of held-out noise images. Controls: the same loop fits a target that
*is* separable, and a separable layer with two depthwise filters per input channel
(depth multiplier 2) fits the edge pair.
Conditions: 'valid' convolution, Gaussian white-noise inputs, plain gradient descent, 300 steps.

Assumption: the filters an input channel needs are one spatial filter, rescaled per output channel.
Broken by: a task that reads one input channel with two different filters, such as vertical and horizontal edges.
"""

import math
import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.vision.depthwise_separable._separable import separable_as_standard_weight

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

STEPS, LR = 300, 0.02
FIT_TOL = 0.05  # "fits": relative output error below 5%
SAMPLING_SLACK = 0.03  # a finite batch of noise images moves the output error a little


def separable(c_in: int, c_out: int, multiplier: int = 1) -> nn.Sequential:
    """Depthwise 3×3 (with `multiplier` filters per input channel), then pointwise 1×1."""
    return nn.Sequential(nn.Conv2d(c_in, c_in * multiplier, 3, groups=c_in, bias=False),
                         nn.Conv2d(c_in * multiplier, c_out, 1, bias=False))


def fit(model: nn.Sequential, target: torch.Tensor, multiplier: int = 1) -> float:
    """Train `model` towards the kernel `target`; return its relative error on held-out noise."""
    params = list(model.parameters())
    for _ in range(STEPS):  # plain gradient descent
        kernel = separable_as_standard_weight(model[0].weight, model[1].weight, multiplier)
        loss = (kernel - target).pow(2).sum()  # ∝ expected output error on white noise
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads, strict=True):
                p -= LR * g
    with torch.no_grad():
        x = torch.randn(64, 3, 12, 12)  # (batch, channels, height, width), held-out noise
        y = F.conv2d(x, target)  # (64, 2, 10, 10)
        return ((model(x) - y).norm() / y.norm()).item()


# --8<-- [start:check]
sobel_x = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])  # vertical edges
sobel_y = sobel_x.T  # horizontal edges, orthogonal to sobel_x
edges = torch.stack([sobel_x, sobel_y])[:, None].expand(2, 3, 3, 3).contiguous()  # (c_out, c_in, k, k)

# The floor, from the singular values of one input slice (all three are the same).
s = torch.linalg.svdvals(edges[:, 0].reshape(2, 9))
floor = (s[1] / s.norm()).item()
assert abs(floor - 1 / math.sqrt(2)) < 1e-6, f"expected 1/√2 = 0.7071, got {floor:.4f}"

err_edges = fit(separable(3, 2), edges)
assert err_edges > floor - SAMPLING_SLACK, f"separable fit {err_edges:.3f} beat the floor {floor:.3f}"
assert round(err_edges, 1) == 0.7, f"expected the fit to stall near 0.71, got {err_edges:.3f}"

# Control 1: the same training reaches a target that is separable.
# One random filter per input channel (as strong as a Sobel filter), shared by both
# outputs up to a sign: rank-1 slices of the same norm as the edge target's.
filters = torch.randn(3, 1, 3, 3)
filters = filters / filters.norm(dim=(2, 3), keepdim=True) * sobel_x.norm()
reachable = separable_as_standard_weight(filters, torch.randn(2, 3, 1, 1).sign())
err_reachable = fit(separable(3, 2), reachable)
assert err_reachable < FIT_TOL, f"a separable target should be fitted, error {err_reachable:.3f}"

# Control 2: two depthwise filters per input channel can hold both edge filters.
err_wider = fit(separable(3, 2, multiplier=2), edges, multiplier=2)
assert err_wider < FIT_TOL, f"depth multiplier 2 should fit the edges, error {err_wider:.3f}"
# --8<-- [end:check]
