"""Every row of the ViT page's anatomy table, checked against the real ViT-B/16.

Shapes: one 224×224 image runs through the embedding stage, one encoder block (every
block maps (197, 768) to (197, 768), so one stands for twelve), the final LayerNorm and
the head; inside the block the attention matrix and the per-head queries are read off
the model and the MLP's hidden width is caught with a forward hook. Parameters: each module of the full-size
model, built on the meta device, is counted and compared with its formula written out
by hand; the rows add up to torchvision's recorded total (`published.toml`).

Conditions: exact shapes and integer counts; a random white-noise 224×224 image through
a one-block ViT-B/16 at initialisation (shapes do not depend on the values), counts on
the full twelve-block model on the meta device; the initial standard deviation of the
position embeddings within 0.001 of 0.02 (151,296 draws); seeds 0-5.
"""

import os
import tomllib
from pathlib import Path

import torch
from torch import nn

from snippets.vision.vit._vit import vit_b_16

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

PUBLISHED = tomllib.loads(Path(__file__).with_name("published.toml").read_text(encoding="utf-8"))
TORCHVISION_VIT_B_16 = int(PUBLISHED["vit_b_16_num_params"]["value"].replace(",", ""))

# --8<-- [start:shapes]
model = vit_b_16(depth=1)  # one real block: all twelve map (197, 768) to (197, 768)
hidden = {}
model.blocks[0].mlp[0].register_forward_hook(lambda m, i, out: hidden.update(shape=tuple(out.shape)))
x = torch.randn(1, 3, 224, 224)  # (batch, channels, height, width)
with torch.no_grad():
    rows = {"patch embedding": model.patch_embed(x)}  # (1, 196, 768)
    rows["position embeddings"] = model.tokens(x)  # (1, 197, 768): class token + positions
    rows["encoder block"] = model.blocks(rows["position embeddings"])  # (1, 197, 768)
    attention = model.blocks[0].attn.attention_weights(model.blocks[0].ln_1(rows["position embeddings"]))
    queries, _, _ = model.blocks[0].attn._heads(model.blocks[0].ln_1(rows["position embeddings"]))  # (1, heads, 197, width)
    rows["final LayerNorm, class token"] = model.ln(rows["encoder block"])[:, 0]  # (1, 768)
    rows["head"] = model.head(rows["final LayerNorm, class token"])  # (1, 1000)
table = {  # the page's table, batch dimension left out
    "patch embedding": (196, 768), "position embeddings": (197, 768), "encoder block": (197, 768),
    "final LayerNorm, class token": (768,), "head": (1000,),
}
for step, shape in table.items():
    assert tuple(rows[step].shape[1:]) == shape, f"{step}: table {shape}, model {tuple(rows[step].shape[1:])}"
assert tuple(attention.shape[1:]) == (12, 197, 197), f"attention matrix: {tuple(attention.shape)}"
assert tuple(queries.shape[1:]) == (12, 197, 64), f"12 heads of width 64: {tuple(queries.shape)}"
assert hidden["shape"] == (1, 197, 3072), f"MLP hidden width: {hidden['shape']}"
# --8<-- [end:shapes]

# --8<-- [start:counts]
D, P, C, N, L, classes = 768, 16, 3, 196, 12, 1000
full = vit_b_16(device="meta")  # the full model, counted without memory


def count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


counts = {
    "patch embedding": count(full.patch_embed), "class token": full.class_token.numel(),
    "position embeddings": full.pos_embedding.numel(), "encoder blocks": count(full.blocks),
    "final LayerNorm": count(full.ln), "head": count(full.head),
}
by_hand = {
    "patch embedding": D * C * P * P + D, "class token": D, "position embeddings": (N + 1) * D,
    "encoder blocks": L * ((3 * D * D + 3 * D) + (D * D + D) + 2 * D * 3072 + 3072 + D + 4 * D),
    "final LayerNorm": 2 * D, "head": D * classes + classes,
}
assert counts == by_hand, f"module counts {counts} vs formulas {by_hand}"
assert list(counts.values()) == [590_592, 768, 151_296, 85_054_464, 1_536, 769_000], counts
assert sum(counts.values()) == count(full) == TORCHVISION_VIT_B_16, (
    f"rows add up to {sum(counts.values()):,}; torchvision records {TORCHVISION_VIT_B_16:,}"
)
# --8<-- [end:counts]

# --8<-- [start:init]
eps = {m.eps for m in model.modules() if isinstance(m, nn.LayerNorm)}
pos_std = model.pos_embedding.std().item()
assert eps == {1e-6}, f"LayerNorm epsilon: {eps}"
assert abs(pos_std - 0.02) < 0.001, f"position embeddings: std {pos_std:.4f}"
assert torch.count_nonzero(model.class_token).item() == 0, "the class token starts at zero"
# --8<-- [end:init]
