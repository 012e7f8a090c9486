"""A depthwise-separable layer cannot learn two different filters on one input channel.

Task: on grey 16×16 canvases holding a few random rectangles (structured images, not
noise), reproduce a vertical-edge map (Sobel-x) in output 0 and a horizontal-edge map
(Sobel-y) in output 1. A separable pair with one depthwise filter per input channel can
only send *one* spatial filter D from the grey channel to both outputs, rescaled by the
pointwise weights: its composed kernel is rank-1 (see
`separable_is_a_constrained_standard_conv`). The best such kernel for these very images
is found in closed form (a rank-1 approximation of the target in the metric of the
images' 3×3 patches, Eckart–Young after whitening), which gives the error floor no
training can go below; for orthogonal filters of equal strength on isotropic inputs the
floor would be 1/√2.
The layers are trained with Adam on the squared output error over 128 training
canvases and measured on 128 held-out canvases. Controls: the same training fits a
target that is separable, and a separable layer with two depthwise filters per input
channel (depth multiplier 2) fits the edge pair.
Conditions: trained 300 Adam steps (lr 0.05, written out) on the output error over 128 synthetic 16×16 grey canvases of three random rectangles each, measured on 128 held-out canvases; 'valid' 3×3 convolutions, no biases; float32; seeds 0-5; "fits" means a relative output error below 5%, "stalls" within 0.03 of the closed-form floor.

Assumption: the filters an input channel needs are one spatial filter, rescaled per output channel.
Broken by: a task that reads one input channel with two different filters, such as vertical and horizontal edges.
"""

import os

import torch
import torch.nn.functional as F
from torch import nn

from snippets.vision.depthwise_separable._separable import separable_as_standard_weight

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

STEPS, LR = 300, 0.05
FIT_TOL = 0.05  # "fits": relative output error below 5%
STALL_TOL = 0.03  # "stalls at the floor": within 0.03 of the best rank-1 kernel's error
EXACT_TOL = 1e-4  # float32: no rank-1 kernel can beat the floor; rounding only


def canvases(n: int, side: int = 16, shapes: int = 3) -> torch.Tensor:
    """Grey images, each the sum of a few axis-aligned rectangles of random brightness."""
    images = torch.zeros(n, 1, side, side)  # (batch, channels, height, width)
    for b in range(n):
        for _ in range(shapes):
            top, left = torch.randint(0, side - 4, (2,)).tolist()
            h, w = torch.randint(3, side // 2, (2,)).tolist()
            images[b, 0, top:top + h, left:left + w] += torch.rand(()).item() + 0.5
    return images


def separable(multiplier: int = 1) -> nn.Sequential:
    """Depthwise 3×3 on the grey channel (`multiplier` filters), then pointwise 1×1 to 2 outputs."""
    return nn.Sequential(nn.Conv2d(1, multiplier, 3, groups=1, bias=False),  # one input channel: groups = 1
                         nn.Conv2d(multiplier, 2, 1, bias=False))


def train(model: nn.Sequential, target: torch.Tensor, train_x: torch.Tensor, test_x: torch.Tensor) -> float:
    """Fit `model` to the outputs of the kernel `target`; return the held-out relative error.

    The loss is the mean squared output error over the training canvases. Both layers
    are linear, so it equals tr((W − T) Σ (W − T)ᵀ) for the composed kernel W, the
    target T and the 9×9 second-moment matrix Σ of the images' 3×3 patches: the same
    loss, at the cost of a 9×9 product per step instead of a pass over the images.
    """
    multiplier = model[0].out_channels
    patches = F.unfold(train_x, 3).transpose(1, 2).reshape(-1, 9)  # (patches, 9)
    sigma = patches.T @ patches / patches.shape[0]  # (9, 9)
    t = target.reshape(2, 9)
    params = list(model.parameters())
    moments = [(torch.zeros_like(p), torch.zeros_like(p)) for p in params]
    for step in range(STEPS):  # Adam (Kingma & Ba), written out: betas 0.9, 0.999
        w = separable_as_standard_weight(model[0].weight, model[1].weight, multiplier).reshape(2, 9)
        loss = torch.trace((w - t) @ sigma @ (w - t).T) / 2  # mean over the two outputs
        if step == 0:  # the shortcut is the output error itself
            direct = ((model(train_x) - F.conv2d(train_x, target)) ** 2).mean()
            assert abs(loss.item() - direct.item()) < 1e-4 * direct.item(), f"{loss.item()} vs {direct.item()}"
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g, (m, v) in zip(params, grads, moments, strict=True):
                m.mul_(0.9).add_(0.1 * g)
                v.mul_(0.999).add_(0.001 * g * g)
                m_hat, v_hat = m / (1 - 0.9 ** (step + 1)), v / (1 - 0.999 ** (step + 1))
                p -= LR * m_hat / (v_hat.sqrt() + 1e-8)
    with torch.no_grad():
        test_y = F.conv2d(test_x, target)
        return ((model(test_x) - test_y).norm() / test_y.norm()).item()


def rank1_floor(target: torch.Tensor, images: torch.Tensor) -> float:
    """Least relative output error of any rank-1 kernel (one spatial filter, two scales) on `images`."""
    patches = F.unfold(images, 3).transpose(1, 2).reshape(-1, 9).double()  # (patches, 9)
    r = torch.linalg.qr(patches, mode="r").R  # patches = Q R, so ‖P Wᵀ‖ = ‖W Rᵀ‖
    s = torch.linalg.svdvals(target.reshape(2, 9).double() @ r.T)
    return (s[1] / s.norm()).item()  # Eckart–Young: the best rank-1 misses σ₂


# --8<-- [start:check]
sobel_x = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])  # vertical edges
edges = torch.stack([sobel_x, sobel_x.T])[:, None]  # (2, 1, 3, 3): Sobel-x and Sobel-y
train_x, test_x = canvases(128), canvases(128)  # (128, 1, 16, 16) each

floor = rank1_floor(edges, test_x)  # closed form, on the held-out images
err_edges = train(separable(), edges, train_x, test_x)
assert err_edges > floor - EXACT_TOL, f"separable fit {err_edges:.4f} beat the floor {floor:.4f}"
assert abs(err_edges - floor) < STALL_TOL, f"trained {err_edges:.3f}, floor {floor:.3f}"
assert round(err_edges, 1) == 0.7, f"expected the fit to stall near 0.7, got {err_edges:.3f}"

# Control 1: a target that is separable (one random filter, two scales) is fitted.
filt = torch.randn(1, 1, 3, 3)
reachable = torch.cat([filt, -0.5 * filt])  # (2, 1, 3, 3): rank 1
err_reachable = train(separable(), reachable, train_x, test_x)
assert err_reachable < FIT_TOL, f"a separable target should be fitted, error {err_reachable:.3f}"

# Control 2: two depthwise filters on the grey channel hold both edge filters.
err_wider = train(separable(multiplier=2), edges, train_x, test_x)
assert err_wider < FIT_TOL, f"depth multiplier 2 should fit the edges, error {err_wider:.3f}"
# --8<-- [end:check]
