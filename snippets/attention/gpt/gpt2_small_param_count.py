"""GPT-2 small has 124,439,808 parameters, its tied embedding matrix counted once.

The count is taken on the from-scratch model built on the ``meta`` device (shapes
only, no memory) and compared with the sum written out by hand, part by part, and
with the split nanoGPT prints when it loads the released ``gpt2`` checkpoint
(matrices are decayed, biases and LayerNorm gains are not). Every block holds
12·d² + 13·d parameters.

The token table's share of the total, and GPT-2 medium's count against the sizes
the paper and the released checkpoints give, close the file; the published figures
are read from ``published.toml``.

Conditions: exact integer counts on the meta device, no training, no data; GPT-2
small: vocabulary 50,257, 1,024 positions, width 768, 12 layers; GPT-2 medium: width
1,024, 24 layers, 16 heads; biases everywhere, as in the released checkpoints.
"""

import tomllib
from pathlib import Path

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))

# --8<-- [start:count]
V, P, d, L = 50257, 1024, 768, 12  # vocabulary, positions, width, layers
with torch.device("meta"):  # shapes without storage: counting costs nothing
    model = GPT(GPTConfig(vocab_size=V, n_positions=P, d_model=d, n_layers=L, n_heads=12))
got = sum(p.numel() for p in model.parameters())  # a shared tensor is yielded once

qkv = d * 3 * d + 3 * d  # query, key and value projections: weight and bias
out = d * d + d  # attention output projection
mlp = (d * 4 * d + 4 * d) + (4 * d * d + d)  # d -> 4d -> d, with biases
norms = 2 * d + 2 * d  # ln1 and ln2: gain and bias each
per_layer = qkv + out + mlp + norms
expected = V * d + P * d + L * per_layer + 2 * d  # tokens + positions + blocks + ln_f; no head of its own
block_sizes = {sum(p.numel() for p in block.parameters()) for block in model.blocks}
assert len(model.blocks) == L, f"expected {L} blocks, got {len(model.blocks)}"
assert block_sizes == {per_layer}, f"every block should hold {per_layer:,}, got {block_sizes}"
assert (qkv, mlp, norms) == (3 * d * d + 3 * d, 8 * d * d + 5 * d, 4 * d), "the parts of a block"
assert per_layer == 12 * d * d + 13 * d == 7_087_872, f"per layer: {per_layer:,}"
assert model.wte.weight.shape == (V, d) and model.wpe.weight.shape == (P, d), "embedding tables"
assert model.lm_head.weight is model.wte.weight, "the head must be the token table itself"
assert got == expected == 124_439_808, f"expected {expected:,}, got {got:,}"
# --8<-- [end:count]

# --8<-- [start:nanogpt]
# nanoGPT's configure_optimizers: tensors with 2+ dims are decayed, the rest are not.
decayed = [p for p in model.parameters() if p.dim() >= 2]
others = [p for p in model.parameters() if p.dim() < 2]
reported = {k: float(v["value"].replace(",", "").rstrip("M")) for k, v in PUBLISHED.items() if k.startswith("nanogpt")}
assert len(decayed) == reported["nanogpt_decayed_tensors"], f"{len(decayed)} decayed tensors"
assert sum(p.numel() for p in decayed) == reported["nanogpt_decayed_params"], "decayed parameters"
assert len(others) == reported["nanogpt_nondecayed_tensors"], f"{len(others)} non-decayed tensors"
assert sum(p.numel() for p in others) == reported["nanogpt_nondecayed_params"], "non-decayed parameters"
# nanoGPT's get_num_params() leaves out the position table and prints it in millions, to 2 decimals.
without_positions = got - model.wpe.weight.numel()
assert round(without_positions / 1e6, 2) == reported["nanogpt_num_params"], f"{without_positions:,}"
# --8<-- [end:nanogpt]

# --8<-- [start:share]
table = model.wte.weight.numel()  # the token table, V x d
share = table / got
assert round(share, 2) == 0.31, f"the token table is {share:.1%} of the model"
assert 5 * per_layer < table < 6 * per_layer, f"{table:,} against blocks of {per_layer:,}"
# --8<-- [end:share]

# --8<-- [start:medium]
def millions(key: str) -> float:
    """A published size such as "355M", in parameters."""
    return float(PUBLISHED[key]["value"].rstrip("M")) * 1e6


dm, Lm = 1024, 24  # GPT-2 medium: width, layers
with torch.device("meta"):
    medium = GPT(GPTConfig(d_model=dm, n_layers=Lm, n_heads=16))
got_medium = sum(p.numel() for p in medium.parameters())
expected_medium = V * dm + P * dm + Lm * (12 * dm * dm + 13 * dm) + 2 * dm
assert got_medium == expected_medium == 354_823_168, f"expected {expected_medium:,}, got {got_medium:,}"
# The released checkpoints' names round the exact counts; the paper's figures are lower.
assert round(got / 1e6) * 1e6 == millions("gpt2_small_params_released"), got
assert round(got_medium / 1e6) * 1e6 == millions("gpt2_medium_params_released"), got_medium
assert millions("gpt2_small_params_paper") < got, "the paper's small model"
assert millions("gpt2_medium_params_paper") < got_medium, "the paper's medium model"
# --8<-- [end:medium]
