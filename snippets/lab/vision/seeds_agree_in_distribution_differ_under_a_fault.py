"""Five MLPs from one pipeline, differing only in their seed, are indistinguishable in
distribution and far apart once a layer is deleted.

The seed decides the initial weights and the training canvases drawn, nothing else.
Every one of the five networks scores above 0.99 on the in-distribution test canvases,
so no test on data like the training data can tell them apart. Delete the
last hidden layer and their accuracies scatter: what each network spread over that
layer, and how much the head can still read without it, was decided by the seed. This
is what D'Amour et al. (2022) call underspecification: one pipeline, many predictors,
equal on held-out data and different under a change the held-out data never showed.

Assumption: two networks that score the same on held-out data will fail the same way.
Broken by: deleting the same layer from five networks that differ only in their seed.

Conditions: the vision lab (snippets/lab/vision/_lab.py): the MLP trained with Adam (lr 0.005, batches of 64) for 150 steps on the glyph task, seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k; seeds 0-29 all score 1.0 in distribution, and their deleted-layer accuracies spread by 0.16 to 0.52 per set of five, seeds 0-29); 400 test canvases, drawn afresh for each seed's network; chance 0.25.
"""

from snippets.lab.vision._lab import results

lab = results()["accuracy"]
in_distribution, deleted = lab["mlp"]["in_distribution"], lab["mlp"]["fault"]  # one per seed

# --8<-- [start:claim]
assert min(in_distribution) > 0.99, f"in distribution: {in_distribution}"
spread = max(deleted) - min(deleted)
assert spread > 0.1, f"deleted layer: {deleted}, spread {spread:.3f}"
# --8<-- [end:claim]
