"""RMSNorm is LayerNorm without the mean: it keeps a constant offset that LayerNorm erases.

LayerNorm subtracts each vector's mean before dividing by its standard deviation, so
adding the same constant to every feature leaves its output unchanged. RMSNorm
(Zhang & Sennrich 2019) only divides by the root mean square: the same constant changes
its output. Both are unchanged when the vector is scaled by a positive number. On vectors
whose mean is already zero the two agree exactly (with LayerNorm's bias at zero), which is
why dropping the mean costs so little in practice. And RMSNorm has one parameter per
feature (a gain), LayerNorm two (gain and bias).

Conditions: no training; random Gaussian vectors of width 64 (8 of them), a constant
offset of 3.0 and a scale of 5.0; gains and biases at their initial values (1 and 0);
float64, both norms with epsilon 1e-10 (Llama uses 1e-5, which alone moves a scaled
output by about 2e-5); "unchanged" to 1e-8, "changes" above 0.1;
seeds 0-4. The counts are exact, at the Llama 2 7B width of 4,096 (read from
``published.toml``).
"""

import os
import tomllib
from pathlib import Path

import torch
from torch import nn

from snippets.attention.modern_decoder._decoder import RMSNorm

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))
SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_default_dtype(torch.float64)

TOL = 1e-8  # with epsilon 1e-10 inside both norms, what is left is float64 round-off
MOVED = 0.1  # an output that changed moves by far more than this
d = 64
x = torch.randn(8, d)  # (vectors, features)
rms, ln = RMSNorm(d, eps=1e-10), nn.LayerNorm(d, eps=1e-10)  # a tiny epsilon: the identities become exact

# --8<-- [start:shift]
offset = 3.0  # the same constant added to every feature
with torch.no_grad():
    ln_gap = (ln(x + offset) - ln(x)).abs().max().item()
    rms_gap = (rms(x + offset) - rms(x)).abs().max().item()
assert ln_gap < TOL, f"LayerNorm moved by {ln_gap:.2e}"
assert rms_gap > MOVED, f"RMSNorm moved only by {rms_gap:.2e}"
# --8<-- [end:shift]

# --8<-- [start:scale]
scale = 5.0
with torch.no_grad():
    rms_scaled = (rms(scale * x) - rms(x)).abs().max().item()
    ln_scaled = (ln(scale * x) - ln(x)).abs().max().item()
assert rms_scaled < TOL and ln_scaled < TOL, f"scaling moved RMSNorm {rms_scaled:.2e}, LayerNorm {ln_scaled:.2e}"
# --8<-- [end:scale]

# --8<-- [start:zero_mean]
centred = x - x.mean(dim=-1, keepdim=True)  # every vector's mean is now zero
with torch.no_grad():
    agree = (rms(centred) - ln(centred)).abs().max().item()
assert agree < TOL, f"on zero-mean vectors the two differ by {agree:.2e}"
# --8<-- [end:zero_mean]

# --8<-- [start:params]
width = int(PUBLISHED["decoder_llama2_7b_hidden_size"]["value"])  # Llama 2 7B's width, 4,096
n_rms = sum(p.numel() for p in RMSNorm(width).parameters())
n_ln = sum(p.numel() for p in nn.LayerNorm(width).parameters())
assert n_rms == width == 4_096 and n_ln == 2 * width == 8_192, f"RMSNorm {n_rms:,}, LayerNorm {n_ln:,}"
# --8<-- [end:params]
