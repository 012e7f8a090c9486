"""An image optimised through a strided convolution picks up the checkerboard.

A generator (or any image optimised by gradient descent) that is trained through a
strided convolution receives, at every step, the gradient that convolution sends back:
a transposed convolution of the upstream gradient (see `adjoint_of_strided_conv`).
Here the "generator" is the image itself: starting from zeros, it is trained by gradient
descent to reproduce the response of a stride-2 convolution to a target image, smooth
rectangles with soft edges. With a kernel of 3 the stride does not divide, every update
carries the 1-2-4 pattern and the trained image comes out checkered although it
reproduces the response; with a kernel of 4, which the stride divides, it has no
checkerboard, but it is not smooth either: pixels 2j and 2j + 1 are read by the same
windows, so every update, and the trained image, is constant on 2×2 blocks. The pattern is measured as the spread of the four 2×2 phase means of the
image's interior, relative to its mean (0 for an image with no 2-pixel period).
Conditions: trained 150 steps of plain gradient descent from a zero image, on 24×24 grey targets of two soft random rectangles each; ones kernels, stride 2, one channel, no padding; float64; seeds 0-9; the targets and the kernel-4 result have a phase spread below 0.15, the kernel-3 result above 0.5 (measured over seeds 0-9: targets 0.025 to 0.097, kernel 4 below 0.001, kernel 3 1.30 to 1.42); the kernel-4 result equal on 2×2 blocks within 1e-12; both images reproduce the response to within 5% (measured: below 0.009).

Assumption: the gradient a strided convolution sends back is as smooth as the upstream gradient.
Broken by: a kernel size the stride does not divide, so some input pixels are read twice as often as their neighbours.
"""

import os

import torch
import torch.nn.functional as F

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

STEPS = 150
SMOOTH = 0.15  # largest phase spread counted as "no checkerboard"
CHECKERED = 0.5  # smallest phase spread counted as a checkerboard
FIT_TOL = 0.05  # "reproduces the response": relative error below 5%
BLOCK_TOL = 1e-12  # float64 rounding: "equal on 2×2 blocks"


def target_image(side: int = 24) -> torch.Tensor:
    """Two random rectangles, softened by a 5×5 box blur: a smooth, structured image."""
    img = torch.zeros(1, 1, side, side, dtype=torch.float64)  # (batch, channels, height, width)
    for _ in range(2):
        top, left = torch.randint(0, side // 2, (2,)).tolist()
        h, w = torch.randint(side // 3, side // 2, (2,)).tolist()
        img[..., top:top + h, left:left + w] += 1.0
    blur = torch.ones(1, 1, 5, 5, dtype=torch.float64) / 25
    return F.conv2d(F.pad(img, (2, 2, 2, 2), mode="replicate"), blur) + 0.5


def phase_spread(img: torch.Tensor, border: int = 4) -> float:
    """Spread of the means of the four 2×2 phases of the interior, over its mean."""
    inner = img[0, 0, border:-border, border:-border]
    means = torch.stack([inner[r::2, q::2].mean() for r in (0, 1) for q in (0, 1)])
    return ((means.max() - means.min()) / inner.mean()).item()


def train_image(target: torch.Tensor, k: int) -> tuple[torch.Tensor, float]:
    """Gradient descent on ‖conv(x) − conv(target)‖² from x = 0; the image and its fit."""
    kernel = torch.ones(1, 1, k, k, dtype=torch.float64)
    wanted = F.conv2d(target, kernel, stride=2)
    x = torch.zeros_like(target, requires_grad=True)
    lr = 0.5 / k**4  # below 2 / (largest eigenvalue of CᵀC), which is at most k⁴
    for _ in range(STEPS):
        loss = ((F.conv2d(x, kernel, stride=2) - wanted) ** 2).sum()
        (grad,) = torch.autograd.grad(loss, x)
        with torch.no_grad():
            x -= lr * grad
    fit = ((F.conv2d(x, kernel, stride=2) - wanted).norm() / wanted.norm()).item()
    return x.detach(), fit


# --8<-- [start:trained]
target = target_image()  # (1, 1, 24, 24), smooth
x3, fit3 = train_image(target, k=3)
x4, fit4 = train_image(target, k=4)
assert fit3 < FIT_TOL and fit4 < FIT_TOL, f"the images reproduce the responses: {fit3:.3g}, {fit4:.3g}"
assert phase_spread(target) < SMOOTH, f"target spread {phase_spread(target):.3f}"
assert phase_spread(x3) > CHECKERED, f"kernel 3: spread {phase_spread(x3):.3f}"
assert phase_spread(x4) < SMOOTH, f"kernel 4: spread {phase_spread(x4):.3f}"
# Kernel 4 trades the checkerboard for blocks: pixels 2j and 2j + 1 always get the same update.
block_gap = max((x4[..., ::2, :] - x4[..., 1::2, :]).abs().max().item(),
                (x4[..., ::2] - x4[..., 1::2]).abs().max().item())
assert block_gap < BLOCK_TOL, f"kernel 4: neighbours in a 2×2 block differ by {block_gap:.2e}"
# --8<-- [end:trained]
