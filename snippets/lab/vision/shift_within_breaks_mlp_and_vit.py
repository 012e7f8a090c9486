"""A glyph one column off the trained columns is still read by the two convolutional
networks, and no longer by the MLP or the ViT, although the column lies inside the
trained range.

A convolution applies the same filter at every position, and global pooling forgets
where the filter fired, so a glyph at column 1 excites the same features as one at
column 0 or 2 (up to the zero-padded border). The MLP has a separate weight for every
pixel: a glyph at column 1 lights pixels in a pattern it never saw, and nothing ties it
to the patterns at columns 0 and 2. The ViT shares weights across patches, but its
patches are 3 pixels wide: a glyph at column 0 meets the patch grid at offset 0 and one
at column 2 at offset 2, so a glyph at column 1 is cut into patches whose contents no
training canvas produced. Its equivariance holds only for shifts by whole patches.

Assumption: what the network learnt about a glyph at one position transfers to a nearby one.
Broken by: the glyph one pixel away from every trained position (between them, not beyond).

Conditions: the vision lab (snippets/lab/vision/_lab.py): trained with the glyph's left edge at column 0 or 2 (Adam, lr 0.005, batches of 64, 150 steps, the ViT 90); tested on 400 canvases with it at column 1, every other property unchanged; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.25. Also run for seeds 0-54 (k = 0 to 10) for the page's review: the residual CNN 0.98 or more on every seed; the CNN one seed at or below 0.95 in three of the eleven runs (seed 34 at 0.945, seed 35 at 0.77, seed 52 at 0.94), which is why the check asks above 0.95 of four seeds of five and above 0.7 of every seed; the MLP 0.31 and the ViT 0.42 at most.
"""

from snippets.lab.vision._lab import results

CONDITION = "shift_within"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
for arch in ("cnn", "resnet"):  # one filter for every position, then global pooling
    assert sum(a > 0.95 for a in accuracy[arch]) >= 4, f"{arch}: {accuracy[arch]}"  # four seeds of five
    assert min(accuracy[arch]) > 0.7, f"{arch}: {accuracy[arch]}"  # and every one
for arch in ("mlp", "vit"):  # a weight per pixel; patches that tile only at multiples of 3
    assert max(accuracy[arch]) < 0.5, f"{arch}: {accuracy[arch]}"
# --8<-- [end:claim]
