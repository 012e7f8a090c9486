"""At twice the resolution, the MLP cannot run at all, and the three networks that can
run all lose most of their accuracy.

A picture at a higher resolution is a different input size. The MLP's first layer has
one weight per pixel of a 12x12 canvas, so a 24x24 canvas does not fit it: the matrix
product fails. The convolutional networks run at any size, and global pooling gives
them one vector whatever the size; the ViT runs once its position embeddings are
interpolated to the larger grid (bicubically here; Dosovitskiy et al. interpolate them
in 2-D when they fine-tune at a higher resolution, their released code linearly). But running is not reading: every stroke is now two pixels
wide, and a 3x3 filter or a 3x3 patch tuned to one-pixel strokes sees a pattern it
never met. Convolution is equivariant to shifts, not to scale.

Assumption: the objects appear at the scale, in pixels, that training showed.
Broken by: the same canvases upsampled to 24x24, each pixel a 2x2 block.

Conditions: the vision lab (snippets/lab/vision/_lab.py): trained on 12x12 canvases (Adam, lr 0.005, batches of 64, 150 steps, the ViT 90); tested on the in-distribution test canvases upsampled by 2 in each direction (nearest neighbour), the ViT's position embeddings interpolated bicubically from the 4x4 to the 8x8 patch grid; the MLP's run raises; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.25.
"""

import torch

from snippets.lab.vision._lab import MLP, SIDE, results

CONDITION = "resolution"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed
upsampled = torch.zeros(1, 1, 2 * SIDE, 2 * SIDE)  # (batch, channels, height, width)

# --8<-- [start:claim]
try:
    MLP()(upsampled)  # a first layer with one weight per pixel of a SIDE x SIDE canvas
    ran = True
except RuntimeError:
    ran = False
assert not ran, "the MLP ran on a canvas of twice the side"
assert accuracy["mlp"] == [None] * 5, f"mlp: {accuracy['mlp']}"  # the lab could not run it either
for arch in ("cnn", "resnet", "vit"):
    assert max(accuracy[arch]) < 0.8, f"{arch}: {accuracy[arch]}"
# --8<-- [end:claim]
