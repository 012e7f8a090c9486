"""An MLP layer that keeps the resolution of a 224×224 colour image does not fit one GPU.

A hidden layer as wide as its input (150,528 = 3·224·224 values, so that it could
keep every pixel) needs 150,528² weights plus biases: more than 22 billion parameters,
over 90 GB in float32 before any gradient or optimiser state, more than an 80 GB
accelerator holds. Such a layer grows with the square of the number of pixels: from
32×32 to 224×224 the pixels grow 49 times and its weights 49² = 2,401 times. Counting
it on the `meta` device takes no memory; building it for real would need all of it.

Assumption: the first layer can afford a weight for every (input value, unit) pair.
Broken by: high-resolution input, where that count grows with the square of the number
of pixels once the layer is as wide as the image.

Conditions: exact integer counts on the `meta` device (nothing allocated), 4 bytes per
float32 parameter, 1 GB = 10⁹ bytes; weights only, no gradients or optimiser state; no
data, no training.
"""

from torch import nn

BYTES_PER_FLOAT32 = 4
GPU_GB = 80  # memory of an 80 GB accelerator (A100/H100 class)

# --8<-- [start:impractical]
n = 3 * 224 * 224  # 150,528 input values
layer = nn.Linear(n, n, device="meta")  # shapes only: no memory is touched
params = sum(p.numel() for p in layer.parameters())
gigabytes = params * BYTES_PER_FLOAT32 / 1e9
assert params == n * n + n == 22_658_829_312, f"expected {n * n + n:,}, got {params:,}"
assert gigabytes > GPU_GB, f"{gigabytes:.1f} GB would fit in {GPU_GB} GB"
# --8<-- [end:impractical]

# --8<-- [start:quadratic]
weights = {}
for side in (32, 224):
    values = 3 * side * side
    square = nn.Linear(values, values, device="meta")  # as wide as the image
    weights[side] = square.weight.numel()
pixels_ratio = (224 * 224) / (32 * 32)
weights_ratio = weights[224] / weights[32]
assert weights[224] > weights[32], "the layer should grow with the image"
assert pixels_ratio == 49 and weights_ratio == pixels_ratio**2 == 2_401, (pixels_ratio, weights_ratio)
# --8<-- [end:quadratic]
