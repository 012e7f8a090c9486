"""With the background raised to half the ink's value, all four networks fall below 0.6,
where guessing scores a quarter.

None of the four normalises its input. The stress maps every pixel x to 0.5 + 0.5x: it
halves every difference between pixels and adds 0.5. Every unit of a first layer adds
its weights times the pixels, so its input becomes half what it was plus 0.5 times the
sum of its weights, an offset the same on every canvas that training never showed.
Downstream, a ReLU that was off may now be on and the other way round. The glyphs are
all still there, and standardising each canvas (subtract its mean, divide by its
spread) would undo the map exactly, since it is unchanged by any x -> a + bx with
b > 0; none of the four does that.

Assumption: the inputs keep the brightness and contrast of the training data.
Broken by: the background at 0.5 and the ink at 1 (half the contrast, on a brighter ground).

Conditions: the vision lab (snippets/lab/vision/_lab.py): trained on ink 1 over background 0 (Adam, lr 0.005, batches of 64, 150 steps, the ViT 90); tested on the in-distribution test canvases mapped by x -> 0.5 + 0.5x; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.25.
"""

from snippets.lab.vision._lab import results

CONDITION = "contrast"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
for arch in ("mlp", "cnn", "resnet", "vit"):
    assert max(accuracy[arch]) < 0.6, f"{arch}: {accuracy[arch]}"
# --8<-- [end:claim]
