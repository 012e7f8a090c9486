r"""The worked example's CNN has 673 parameters, and every shape on the page is its own.

Traced by running one image through the untrained model layer by layer; the expected
shapes come from the output-size formula $\lfloor (n + 2p - k)/s \rfloor + 1$ and the
expected parameter counts from $C_\text{out} C_\text{in} k^2 + C_\text{out}$, written out
here. Nothing is trained, so the claim holds for any seed.

Conditions: no training, weights at initialisation; one white-noise image of 1×16×16;
exact integer shapes and counts.
"""

import os

import torch

from snippets.lessons.interpretability._task import SIDE, WIDTH, build_model

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)


def out_size(n: int, k: int, s: int = 1, p: int = 0) -> int:
    """Output side of a convolution or pooling layer, by the formula."""
    return (n + 2 * p - k) // s + 1


# --8<-- [start:trace]
model = build_model()
x = torch.randn(1, 1, SIDE, SIDE)  # (batch, channels, height, width)
shapes = []
for layer in model:
    x = layer(x)
    shapes.append(tuple(x.shape))

after_conv1 = out_size(SIDE, k=3, p=1)  # 16: padding 1 keeps the size
after_pool = out_size(after_conv1, k=2, s=2)  # 8: stride 2 halves it
expected = [
    (1, WIDTH, after_conv1, after_conv1),  # Conv2d(1, 8, 3, padding=1)
    (1, WIDTH, after_conv1, after_conv1),  # ReLU
    (1, WIDTH, after_pool, after_pool),  # MaxPool2d(2)
    (1, WIDTH, after_pool, after_pool),  # Conv2d(8, 8, 3, padding=1)
    (1, WIDTH, after_pool, after_pool),  # ReLU
    (1, WIDTH, 1, 1),  # AdaptiveMaxPool2d(1): one number per channel
    (1, WIDTH),  # Flatten
    (1, 1),  # Linear(8, 1): the logit
]
assert shapes == expected, f"expected {expected}, got {shapes}"

per_layer = [sum(p.numel() for p in layer.parameters()) for layer in model]
per_layer_by_formula = [
    WIDTH * 1 * 9 + WIDTH,  # Conv2d(1, 8, 3): C_out·C_in·k² weights + C_out biases
    0, 0,  # ReLU, MaxPool2d
    WIDTH * WIDTH * 9 + WIDTH,  # Conv2d(8, 8, 3)
    0, 0, 0,  # ReLU, AdaptiveMaxPool2d, Flatten
    WIDTH + 1,  # Linear(8, 1)
]
assert per_layer == per_layer_by_formula, f"formula {per_layer_by_formula}, model {per_layer}"
got = sum(per_layer)
by_formula = sum(per_layer_by_formula)
assert got == by_formula == 673, f"formula {by_formula}, model {got}"
# --8<-- [end:trace]
