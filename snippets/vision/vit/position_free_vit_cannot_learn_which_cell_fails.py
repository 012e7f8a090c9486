"""Failure mode: without position embeddings a ViT cannot learn in which grid cell an
object is, however it is trained; with them, the same model learns it.

Task: a random 8×8 pattern on a blank 32×32 canvas, either in the top-left patch (label 0)
or moved by whole patches to the bottom-right patch (label 1); every pattern appears in
both places. The position-free model sees the same set of patch tokens in both images
(no_position_embedding_ignores_patch_order.py), so it gives both images identical logits
and gets exactly one of each pair right: 0.5, before and after training. With position
embeddings the same model, trained the same way, learns the task. A move by less than a
patch is another matter: it changes the pixels inside the patch, and so the tokens.

Conditions: trained 40 full-batch Adam steps (lr 0.05) on 16 synthetic pairs, a 1-block
ViT of width 16 (8×8 patches, mean pooling) in float64; accuracy measured on the training
pairs (each pattern carries both labels, so only its place can separate them); pair logits
equal to 1e-9; the model with position embeddings scored 0.97-1.0 over seeds 0-9,
asserted above 0.9 (chance 0.5).

Assumption: the position embeddings are the only place the encoder learns where a patch was.
Broken by: a model without them, on a task whose label is the object's grid cell.
"""

import os

import torch
from torch import nn

from snippets.vision.vit._vit import VisionTransformer

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-9  # float64: the two images give the same tokens in another order
P, STEPS = 8, 40
config = dict(image_size=32, patch_size=P, num_classes=2, dim=16, depth=1, heads=2, mlp_dim=32, pool="mean")

n = 16
top_left = torch.zeros(n, 3, 32, 32, dtype=torch.float64)  # (batch, channels, height, width)
top_left[..., :P, :P] = torch.randn(n, 3, P, P, dtype=torch.float64)
bottom_right = torch.roll(top_left, shifts=(3 * P, 3 * P), dims=(2, 3))  # moved by whole patches
x = torch.cat([top_left, bottom_right])
y = torch.cat([torch.zeros(n), torch.ones(n)]).long()  # 0: top-left, 1: bottom-right


def train(model: nn.Module) -> nn.Module:
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    for _ in range(STEPS):
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    return model


# --8<-- [start:check]
blind = train(VisionTransformer(**config, position_embedding=False).double())
with torch.no_grad():
    logits = blind(x)  # (64, 2): each pattern in both corners
pair_gap = (logits[:n] - logits[n:]).abs().max().item()
accuracy = (logits.argmax(dim=1) == y).float().mean().item()
assert pair_gap < TOL, f"both corners should get the same logits after training; gap {pair_gap:.2g}"
assert accuracy == 0.5, f"expected exactly chance, 0.5, got {accuracy:.3f}"

seeing = train(VisionTransformer(**config, position_embedding=True).double())
with torch.no_grad():
    accuracy_with_positions = (seeing(x).argmax(dim=1) == y).float().mean().item()
assert accuracy_with_positions > 0.9, f"with position embeddings: {accuracy_with_positions:.3f}"
# --8<-- [end:check]
