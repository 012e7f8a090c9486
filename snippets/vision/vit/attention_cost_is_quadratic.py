"""Attention's cost grows with the square of the token count; everything else in a ViT
grows linearly.

Each block's attention compares every token with every other: for N tokens of width D
the attention matrix has N² entries per head, and the products QKᵀ and AV each take
N²·D multiply-adds. The linear layers (qkv, output projection, MLP) take
N·(4D² + 2·D·mlp) multiply-adds: linear in N. Doubling the image side multiplies N by
about 4, so attention's cost by about 16 and the rest by about 4.

Measured on a narrow from-scratch ViT run for real on CPU at two image sizes and two
widths: the attention matrix is read off the model (`SelfAttention.attention_weights`),
and the multiply-adds of every `nn.Linear` and `nn.Conv2d` are counted from the shapes
they actually see, with forward hooks. Both are compared with the formula. The formula,
so checked, is then evaluated for ViT-B/16 at 224×224, where it gives torchvision's
recorded cost, 17.564 G multiply-adds (`ViT_B_16_Weights.IMAGENET1K_V1.meta["_ops"]`,
which counts matrix products and leaves out LayerNorm, softmax and GELU, as here).

Conditions: exact integer counts; one-block ViTs of widths 32 and 64 (4 heads, 16×16
patches) run at initialisation on one white-noise image of 224×224 and of 448×448;
ViT-B/16 by the formula only; torchvision's figure read from `published.toml`; growth
and shares rounded as written on the page; seeds 0-5.
"""

import os
import tomllib
from pathlib import Path

import torch
from torch import nn

from snippets.vision.vit._vit import VisionTransformer
from snippets.vision.vit._vit import multiply_adds as formula  # shared with the page's figure

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

PUBLISHED = tomllib.loads(Path(__file__).with_name("published.toml").read_text(encoding="utf-8"))
TORCHVISION_VIT_B_16_GMACS = float(PUBLISHED["vit_b_16_gmacs"]["value"])  # torchvision "_ops"


def measure(side, D, mlp, heads=4):
    """Run a one-block ViT on a real image; return (attention matrix, other multiply-adds)."""
    model = VisionTransformer(image_size=side, patch_size=16, num_classes=10, dim=D, depth=1,
                              heads=heads, mlp_dim=mlp)
    macs, seen = [], {}

    def count(module, inputs, output):
        if isinstance(module, nn.Linear):  # every row of the input meets the whole weight
            macs.append(inputs[0].numel() // module.in_features * module.weight.numel())
        else:  # Conv2d: every output value is one dot product over C·k·k inputs
            macs.append(output.numel() * module.weight[0].numel())

    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            m.register_forward_hook(count)
    attn = model.blocks[0].attn
    attn.register_forward_pre_hook(lambda module, inputs: seen.update(x=inputs[0]))
    with torch.no_grad():
        model(torch.randn(1, 3, side, side))  # (batch, channels, height, width)
        other = sum(macs)  # counted before the extra qkv call just below
        weights = attn.attention_weights(seen["x"])  # (batch, heads, N, N)
    return weights, other


# --8<-- [start:measured]
results = {}
for side in (224, 448):
    for D, mlp in ((32, 64), (64, 128)):
        weights, other = measure(side, D, mlp)
        N = (side // 16) ** 2 + 1
        assert weights.shape == (1, 4, N, N), f"side {side}: attention matrix {tuple(weights.shape)}"
        attention = 2 * weights.shape[-1] * weights.shape[-2] * D  # QKᵀ and AV, all heads
        expected = formula(side, D=D, L=1, mlp=mlp, classes=10)
        assert (attention, other) == expected, f"side {side}, D={D}: measured {(attention, other)}, formula {expected}"
        results[side, D] = (weights[0, 0].numel(), other)

other_growth = results[448, 32][1] / results[224, 32][1]
entries_224, entries_448 = results[224, 32][0], results[448, 32][0]  # N² per head
assert entries_224 == 197 ** 2 == 38_809, f"224×224: expected 38,809 entries, got {entries_224:,}"
assert entries_448 == 785 ** 2 == 616_225, f"448×448: expected 616,225 entries, got {entries_448:,}"
entries_growth = entries_448 / entries_224
assert round(entries_growth, 1) == 15.9, f"attention matrix: expected ×15.9, got ×{entries_growth:.2f}"
assert round(other_growth, 1) == 4.0, f"the rest should grow ×4 (with the tokens), got ×{other_growth:.2f}"
# --8<-- [end:measured]

# --8<-- [start:vit_b]
attention, rest = formula(224)
gmacs = (attention + rest) / 1e9
assert round(gmacs, 3) == TORCHVISION_VIT_B_16_GMACS == 17.564, (
    f"ViT-B/16 at 224: formula {gmacs:.3f} G multiply-adds, torchvision {TORCHVISION_VIT_B_16_GMACS}"
)
share = {side: formula(side)[0] / sum(formula(side)) for side in (224, 448, 1024)}
assert round(share[224], 3) == 0.041, f"attention share at 224: {share[224]:.3%}"
assert round(share[448], 3) == 0.145, f"attention share at 448: {share[448]:.3%}"
assert round(share[1024], 2) == 0.47, f"attention share at 1024: {share[1024]:.3%}"
# --8<-- [end:vit_b]
