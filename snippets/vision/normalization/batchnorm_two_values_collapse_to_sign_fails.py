"""With two values per channel, training-mode batch norm outputs only ±1.

Two values a and b have mean (a + b)/2 and biased variance ((a − b)/2)², so each
normalises to ±(a − b)/2 / |(a − b)/2| = ±1 (up to eps). Whatever the two samples
hold, the layer passes on only which of them is larger: two batches with nothing
in common give the same output. This is the extreme of small-batch training
(batch 2, a 1×1 map, as in a `BatchNorm1d` after a pooled feature vector).
Conditions: a freshly built `BatchNorm2d(16)` in training mode (no training), batch 2 with
1×1 maps, random values that differ by at least 1 so that eps (1e-5) is negligible;
within 1e-4; seeds 0-5.

Assumption: the batch is large enough for its statistics to describe the data rather than the sample.
Broken by: two values per channel (batch 2 with a 1×1 map), where they are set by the two samples alone.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-4  # with |a − b| ≥ 1, eps moves the output off ±1 by at most 2·eps/(a − b)² = 2e-5

# --8<-- [start:check]
bn = nn.BatchNorm2d(16)
a = torch.randn(1, 16, 1, 1) * 10  # (batch, channels, height, width)
gap = (1 + torch.rand(1, 16, 1, 1) * 20) * torch.randn(1, 16, 1, 1).sign()  # |a − b| ≥ 1
b = a + gap
with torch.no_grad():
    y = bn(torch.cat([a, b]))  # (2, 16, 1, 1)
assert (y.abs() - 1).abs().max() < TOL, f"every output should be ±1, got {y.flatten().tolist()}"
assert torch.equal(y[0].sign(), (a - b)[0].sign()), "the sign should say which value is larger"

# A batch with nothing in common but the order of its two values: the same output.
a2 = torch.full((1, 16, 1, 1), 100.0)  # every channel the same large value
b2 = a2 + gap.sign() * (1 + torch.rand(1, 16, 1, 1))  # only the order matches the first batch
with torch.no_grad():
    y2 = bn(torch.cat([a2, b2]))
diff = (y - y2).abs().max().item()
assert diff < 2 * TOL, f"two unrelated batches should give the same output, differ by {diff:.2e}"
# --8<-- [end:check]
