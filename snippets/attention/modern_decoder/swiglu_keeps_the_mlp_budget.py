"""SwiGLU's three matrices at two thirds of 4d cost what a 4d two-matrix MLP costs.

A classic Transformer feed-forward layer maps d -> 4d -> d with two matrices: 8d² weights.
SwiGLU (Shazeer 2020) needs three (a gate, an "up" and a "down" matrix), so at hidden
width 4d it would cost 12d². Shazeer shrank the hidden width by a factor 2/3 to keep the
budget: 3 · d · (8d/3) = 8d², exactly, wherever 8d/3 is a whole number. Llama rounds the
width up to a multiple of a power of two, from the released configuration's own rule;
for Llama 2 7B that gives the published 11,008 and costs 0.8% more than the 4d MLP.

Conditions: exact integer counts, no training, no data; the MLP and SwiGLU without
biases (as in Llama); d = 768 for the exact case; Llama 2 7B's and Llama 3 8B's widths
and sizing inputs read from ``published.toml``.
"""

import tomllib
from pathlib import Path

from torch import nn

from snippets.attention.modern_decoder._decoder import SwiGLU, swiglu_hidden

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def value(key: str) -> float:
    """A configuration value from published.toml, such as "11008" or "1.3"."""
    return float(PUBLISHED[key]["value"].replace(",", ""))


def params(module: nn.Module) -> int:
    """The number of parameters of ``module``."""
    return sum(p.numel() for p in module.parameters())


# --8<-- [start:exact]
d = 768
mlp = nn.Sequential(nn.Linear(d, 4 * d, bias=False), nn.GELU(), nn.Linear(4 * d, d, bias=False))
swiglu = SwiGLU(d, hidden=8 * d // 3)  # two thirds of 4d
assert 8 * d % 3 == 0 and swiglu.gate_proj.out_features == 2_048, "8d/3 must be a whole number"
assert params(swiglu) == params(mlp) == 8 * d * d == 4_718_592, f"SwiGLU {params(swiglu):,}, MLP {params(mlp):,}"
assert params(SwiGLU(d, hidden=4 * d)) == 12 * d * d, "at full width 4d, SwiGLU would cost half as much again"
# --8<-- [end:exact]

# --8<-- [start:llama]
width = int(value("decoder_llama2_7b_hidden_size"))  # 4,096: 8d/3 = 10,922.67 is not whole
hidden = swiglu_hidden(width, multiple_of=int(value("decoder_llama2_7b_multiple_of")))
assert hidden == value("decoder_llama2_7b_intermediate") == 11_008, f"the rule gives {hidden:,}"
hidden_3 = swiglu_hidden(width, multiple_of=int(value("decoder_llama3_8b_multiple_of")),
                         ffn_dim_multiplier=value("decoder_llama3_8b_ffn_dim_multiplier"))
assert hidden_3 == value("decoder_llama3_8b_intermediate") == 14_336, f"the rule gives {hidden_3:,}"
extra = 3 * width * hidden / (8 * width * width) - 1  # Llama 2 7B's SwiGLU against a 4d MLP
assert round(extra, 3) == 0.008, f"Llama 2 7B's feed-forward layer costs {extra:.2%} more"
# --8<-- [end:llama]
