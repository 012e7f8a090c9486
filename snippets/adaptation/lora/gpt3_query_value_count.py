"""LoRA at r = 4 on W_q and W_v of GPT-3 175B trains the paper's 18M parameters.

The configuration (96 layers, d_model 12,288) and the paper's figures are read from
published.toml. The 192 adapted projections are built on the meta device (no memory), each
wrapped in the page's LoRA layer, and their trainable parameters counted; the count is
compared with 2 · layers · r · (d + d) written out by hand, with the paper's 18M budget,
and, as a ratio to the model's 175B parameters, with the abstract's "10,000 times".

Conditions: exact integer counts on the meta device, no training, no data; the
configuration is GPT-3 175B's as published (Brown et al. 2020, Table 2.1).
"""

import math
import tomllib
from pathlib import Path

import torch
from torch import nn

from snippets.adaptation.lora._lora import LoRALinear

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def number(key: str) -> float:
    """A published value as a number: "12,288" -> 12288, "18M" -> 18e6, "175B" -> 175e9."""
    text = PUBLISHED[key]["value"].split()[0].replace(",", "")
    scale = {"M": 1e6, "B": 1e9}.get(text[-1], 1)
    return float(text.rstrip("MB")) * scale


layers, d, r = int(number("gpt3_layers")), int(number("gpt3_d_model")), int(number("gpt3_rank_two_types"))

# --8<-- [start:count]
with torch.device("meta"):  # shapes only: 29 billion frozen weights, no memory
    adapted = nn.ModuleList(
        LoRALinear(nn.Linear(d, d), r=r) for _ in range(layers) for _ in ("W_q", "W_v")
    )
trainable = sum(p.numel() for p in adapted.parameters() if p.requires_grad)
expected = 2 * layers * r * (d + d)  # two matrices per layer, r(d + k) each, k = d
assert trainable == expected == 18_874_368, f"expected {expected:,}, got {trainable:,}"
budget = number("gpt3_lora_budget")  # the paper's "18M"
assert budget <= trainable < budget + 1e6, f"{trainable:,} is not the paper's 18M (to the million below)"
# --8<-- [end:count]

# --8<-- [start:ratio]
ratio = number("gpt3_params") / trainable  # all of GPT-3's weights against LoRA's
paper = number("reduction_trainable")  # "10,000 times", rounded
assert 9_000 < ratio < paper, f"expected just under the paper's 10,000×, got {ratio:,.0f}×"
assert round(math.log10(ratio)) == math.log10(paper) == 4, f"{ratio:,.0f}× is not 10,000× to a power of ten"
# --8<-- [end:ratio]
