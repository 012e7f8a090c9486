"""Deleting the last hidden layer after training breaks the MLP and the plain CNN; the
ViT, whose blocks add to a residual stream, keeps most of its accuracy; the residual
CNN keeps more than the plain one on average, but not reliably.

In a plain stack each layer's output is the only input of the next, so removing one
hands the next layer a representation it never saw. In a residual network each block
adds a correction to a stream that also flows past it, so removing a block removes one
correction and the rest of the network still receives a stream of the kind it was
trained on. Veit et al. (2016) made this lesion study on residual networks of 110
layers, whose blocks "do not strongly depend on each other", and set it against VGG,
a plain network, in their Section 4.1. The ViT's pre-norm blocks
are residual in exactly this sense. The residual CNN here survives the deletion on
some seeds and not on others; two likely reasons, neither isolated by a check: it
applies a ReLU to the stream after each block, so the path past a block is not the
identity, and with two blocks the deleted one is half its depth. Veit et al.'s result is about many blocks; with two, one block is
not one of many.

Assumption: every layer the network was trained with is still there.
Broken by: the second and last hidden layer or block removed after training (replaced by the identity).

Conditions: the vision lab (snippets/lab/vision/_lab.py): trained intact (Adam, lr 0.005, batches of 64, 150 steps, the ViT 90); tested on the in-distribution test canvases with the network's second hidden layer (MLP: a 64-unit layer; CNN: a 3x3 convolution) or second block (residual CNN, ViT) skipped; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.25. Also run for seeds 0-54 (k = 0 to 10) for the page's review: the ViT 0.65 at the lowest; the plain CNN 0.55 at the highest; one MLP seed at 0.72 (seed 40), the only one at or above 0.6, which is why the check asks below 0.6 of four seeds of five and below 0.8 of every seed; the residual CNN's lowest seed per run 0.21 to 0.34.
"""

from statistics import mean

from snippets.lab.vision._lab import results

CONDITION = "fault"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
assert min(accuracy["vit"]) > 0.6, f"vit: {accuracy['vit']}"
for arch in ("mlp", "cnn"):  # plain stacks
    assert sum(a < 0.6 for a in accuracy[arch]) >= 4, f"{arch}: {accuracy[arch]}"  # four seeds of five
    assert max(accuracy[arch]) < 0.8, f"{arch}: {accuracy[arch]}"  # and every one
assert mean(accuracy["resnet"]) > mean(accuracy["cnn"]), f"resnet {accuracy['resnet']}, cnn {accuracy['cnn']}"
assert min(accuracy["resnet"]) < 0.5, f"resnet: {accuracy['resnet']}"  # not reliably
# --8<-- [end:claim]
