"""An MLP layer that keeps the resolution of a 224×224 colour image does not fit one GPU.

A hidden layer as wide as its input (150,528 = 3·224·224 values, so that it could
keep every pixel) needs 150,528² weights plus biases: more than 22 billion parameters,
over 90 GB in float32 before any gradient or optimiser state, more than an 80 GB
accelerator holds. Counting it on the `meta` device takes no memory; building it for
real would need all of it.

Assumption: the first layer can afford a weight for every (input value, unit) pair.
Broken by: high-resolution input, where that count grows with the square of the side.
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
