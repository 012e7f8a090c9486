"""mamba-130m has 129,135,360 parameters, counted on the meta device, which its
published name rounds to 130M.

The configuration is read from ``published.toml`` (the released config.json and the
reference module's defaults): width 768, 24 Mamba blocks, vocabulary 50,277 padded
to 50,280, N = 16 states per channel, a convolution of width 4, expansion 2, and Δ
projected through a rank of ceil(768 / 16) = 48. Each block is written out by hand,
tensor by tensor, and compared with the count of the reference-shaped model.

Conditions: exact integer counts on the meta device, no training, no data; the token
table is tied to the output head and counted once, as in the released model.
"""

import math
import tomllib
from pathlib import Path

import torch

from snippets.sequence.ssm._ssm import MambaLM

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def published(key: str) -> int:
    return int(PUBLISHED[key]["value"].replace(",", ""))


# --8<-- [start:count]
d, layers = published("mamba_130m_d_model"), published("mamba_130m_n_layer")
vocab, multiple = published("mamba_130m_vocab_size"), published("mamba_130m_pad_vocab_size_multiple")
N, conv, expand = published("mamba_d_state"), published("mamba_d_conv"), published("mamba_expand")
with torch.device("meta"):  # shapes only: nothing allocated
    model = MambaLM(d, layers, vocab, multiple, d_state=N, d_conv=conv, expand=expand)
got = sum(p.numel() for p in model.parameters())  # the tied head is yielded once

inner, rank = expand * d, math.ceil(d / 16)  # 1,536 channels; Δ's rank "auto"
padded = math.ceil(vocab / multiple) * multiple  # 50,280 rows in the token table
block = (
    d * 2 * inner  # in_proj: x and the gate z, no bias
    + inner * conv + inner  # depthwise causal convolution and its bias
    + inner * (rank + 2 * N)  # x_proj: Δ (low rank), B and C from each token
    + rank * inner + inner  # dt_proj, with the bias that sets Δ's range
    + inner * N + inner  # A_log and D
    + inner * d  # out_proj
    + d  # the block's RMSNorm gain
)
expected = padded * d + layers * block + d  # token table (= head) + blocks + final norm
assert inner == 1_536 and rank == 48 and padded == 50_280, (inner, rank, padded)
assert len(model.layers) == layers == 24, f"{len(model.layers)} blocks"
assert model.lm_head.weight is model.embedding.weight, "the head is the token table"
assert block == 3_771_648, f"per block: {block:,}"
assert got == expected == 129_135_360, f"expected {expected:,}, got {got:,}"
# --8<-- [end:count]

# --8<-- [start:published]
name = float(PUBLISHED["mamba_130m_params"]["value"].rstrip("M")) * 1e6  # 130M
assert round(got, -7) == name, f"{got:,} rounds to {round(got, -7):,.0f}, not {name:,.0f}"
A_share = layers * inner * N / got  # the state matrices themselves
assert A_share < 0.01, f"A is {A_share:.2%} of the model"
mixer = model.layers[0]
projections = mixer.in_proj.weight.numel() + mixer.out_proj.weight.numel()
assert projections / block > 0.9, f"in_proj and out_proj hold {projections / block:.1%} of a block"
# --8<-- [end:published]
