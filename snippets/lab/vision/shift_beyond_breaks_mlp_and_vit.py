"""A glyph moved right of every trained column is still read by the two convolutional
networks; the MLP falls near chance and the ViT falls part of the way.

The right-hand pixels never held ink in training. The MLP's weights from those pixels
were moved only by the weak background noise, never by a glyph, so a glyph there
reaches its hidden units through weights unrelated to any glyph. The convolutional
networks apply to those pixels the filters they learnt elsewhere. The ViT applies its
learnt patch embedding there too, but adds position embeddings that training only
ever saw with background under them, and
the glyph meets its 3-pixel patch grid at offset 2, 0 or 1 for column 5, 6 or 7: the
first two offsets occurred in training (columns 2 and 0), the third never did (see the
shift within the range). About a third of the canvases are cut into patches it has
never seen.

Assumption: the network learnt what a glyph looks like, not where it was.
Broken by: the glyph's left edge at column 5, 6 or 7, right of every trained position.

Conditions: the vision lab (snippets/lab/vision/_lab.py): trained with the glyph's left edge at column 0 or 2 (Adam, lr 0.005, batches of 64, 150 steps, the ViT 90); tested on 400 canvases with it at column 5, 6 or 7; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.25.
"""

from snippets.lab.vision._lab import results

CONDITION = "shift_beyond"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
for arch in ("cnn", "resnet"):
    assert min(accuracy[arch]) > 0.7, f"{arch}: {accuracy[arch]}"
assert max(accuracy["mlp"]) < 0.5, f"mlp: {accuracy['mlp']}"
assert max(accuracy["vit"]) < 0.85, f"vit: {accuracy['vit']}"
# --8<-- [end:claim]
