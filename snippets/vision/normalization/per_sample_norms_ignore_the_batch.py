"""Layer norm and group norm compute each sample's statistics from that sample alone.

Their means and variances run over a sample's own channels (all of them for layer
norm, a group of them for group norm) and positions, never across the batch. So a
sample's output is the same whatever the other samples hold, the same alone as in a
batch, and the same in training and evaluation mode: there are no running
statistics to switch to. Contrast `batchnorm_couples_samples_in_training`.
Conditions: PyTorch's `nn.LayerNorm([C, H, W])` and `nn.GroupNorm(G, C)`, freshly built
(no training), Gaussian samples of 8×6×6, batch-mates from N(0, 1) or N(2, 9), float32,
within 1e-6; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-6  # float32 rounding: different batch sizes may use different kernels

# --8<-- [start:check]
c, h, w = 8, 6, 6
layers = {"layer norm": nn.LayerNorm([c, h, w]), "group norm": nn.GroupNorm(4, c)}
sample = torch.randn(1, c, h, w)  # (batch, channels, height, width)
mates_a = torch.randn(7, c, h, w)
mates_b = torch.randn(7, c, h, w) * 3 + 2.0  # batch-mates from another distribution

for name, layer in layers.items():
    with torch.no_grad():
        y_a = layer(torch.cat([sample, mates_a]))[0]  # (c, h, w)
        y_b = layer(torch.cat([sample, mates_b]))[0]
        y_alone = layer(sample)[0]
        layer.eval()
        y_eval = layer(sample)[0]
    moved = max((y_a - other).abs().max().item() for other in (y_b, y_alone, y_eval))
    assert moved < TOL, f"{name}: sample 0 moved by {moved:.2e} with its batch-mates"
    assert sum(b.numel() for b in layer.buffers()) == 0, f"{name} keeps running statistics"
# --8<-- [end:check]
