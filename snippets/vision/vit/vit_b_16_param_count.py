"""ViT-B/16 built from scratch in `_vit.py` has 86,567,656 parameters, the figure
torchvision records for `vit_b_16` (`ViT_B_16_Weights.IMAGENET1K_V1.meta["num_params"]`).

The count is taken on the meta device (no memory), compared with a formula written out
piece by piece from the architecture, and with the published figure, read from this
topic's `published.toml`. ViT-B/32 differs only in its patch embedding and its number of
position embeddings; torchvision records 88,224,232 for `vit_b_32`: *more* parameters
for *four times fewer* tokens.

Conditions: exact integer counts of full-size models built on the meta device (no
weights, no data); published figures from torchvision's weight metadata.
"""

import tomllib
from pathlib import Path

from snippets.vision.vit._vit import vit_b_16

PUBLISHED = tomllib.loads(Path(__file__).with_name("published.toml").read_text(encoding="utf-8"))
TORCHVISION_VIT_B_16 = int(PUBLISHED["vit_b_16_num_params"]["value"].replace(",", ""))
TORCHVISION_VIT_B_32 = int(PUBLISHED["vit_b_32_num_params"]["value"].replace(",", ""))


def count(model) -> int:
    return sum(p.numel() for p in model.parameters())


def formula(P: int, image=224, C=3, D=768, L=12, mlp=3072, classes=1000) -> int:
    N = (image // P) ** 2
    patch_embed = D * C * P * P + D  # conv weight + bias
    class_token = D
    pos_embedding = (N + 1) * D
    attention = (D * 3 * D + 3 * D) + (D * D + D)  # qkv + output projection
    mlp_block = (D * mlp + mlp) + (mlp * D + D)
    layer_norms = 2 * (2 * D)  # two LayerNorms, each a scale and a shift
    block = attention + mlp_block + layer_norms
    head = 2 * D + (D * classes + classes)  # final LayerNorm + linear head
    return patch_embed + class_token + pos_embedding + L * block + head


# --8<-- [start:count]
model = vit_b_16(device="meta")  # 86 M parameters, no memory
got = count(model)
assert got == formula(P=16) == TORCHVISION_VIT_B_16 == 86_567_656, (
    f"expected {TORCHVISION_VIT_B_16:,} (torchvision) and {formula(P=16):,} (formula), got {got:,}"
)
# --8<-- [end:count]

# --8<-- [start:where]
blocks = count(model.blocks)
share = blocks / got
assert blocks == 12 * 7_087_872 == 85_054_464, f"encoder blocks: got {blocks:,}"
assert abs(share - 0.9825) < 0.0001, f"share of the encoder blocks: {share:.4%}"
patch = count(model.patch_embed)
assert patch == 768 * 3 * 16 * 16 + 768 == 590_592, f"patch embedding: got {patch:,}"
# --8<-- [end:where]

# --8<-- [start:b32]
b32_model = vit_b_16(patch_size=32, device="meta")
b32 = count(b32_model)
assert b32 == formula(P=32) == TORCHVISION_VIT_B_32 == 88_224_232, (
    f"ViT-B/32: expected {TORCHVISION_VIT_B_32:,}, got {b32:,}"
)
assert b32 - got == 1_656_576, f"B/32 minus B/16: got {b32 - got:,}"
assert b32 > got and b32_model.num_patches * 4 == model.num_patches, (
    f"B/32: more parameters ({b32:,} vs {got:,}), a quarter of the patches "
    f"({b32_model.num_patches} vs {model.num_patches})"
)
# --8<-- [end:b32]

# --8<-- [start:b8]
b8_model = vit_b_16(patch_size=8, device="meta")  # 28 × 28 = 784 patches at 224×224
b8 = count(b8_model)
assert b8 == formula(P=8) == 86_576_872, f"ViT-B/8: expected {formula(P=8):,}, got {b8:,}"
assert b8 - got == 9_216 and b8 > got, f"B/8 minus B/16: got {b8 - got:,}"
entries_b8, entries_b16 = (b8_model.num_patches + 1) ** 2, (model.num_patches + 1) ** 2  # per head
assert (entries_b8, entries_b16) == (616_225, 38_809), (entries_b8, entries_b16)
assert round(entries_b8 / entries_b16, 1) == 15.9, f"{entries_b8 / entries_b16:.2f}"
# --8<-- [end:b8]
