"""Shuffling the tokens of each test sequence leaves the Transformer without positions
exactly as accurate as before, on every seed; the models that know order keep most of
their accuracy only because this task does not depend on it.

Without position information, attention and mean pooling are symmetric in the tokens:
a shuffled sequence gives the same output, to rounding, as the original, so the two
accuracies are equal. The Transformer with positions, the LSTM and the GRU see a
different input but are still right, because the answer does not depend on order and
the marked token's new place is one of the first 16 (within the trained length). The
plain RNN loses a little on some seeds: half the time the shuffle moves the marked
token further back than training ever put it.

Assumption: none of the five needs the order on this task; one of them cannot see it.
Broken by: a random order of each sequence's 16 tokens.

Conditions: the sequence lab (snippets/lab/sequence/_lab.py): eight symbols, one of them marked, the answer the marked symbol; trained on sequences of 8 to 16 tokens with the marked token among the last 8 (Adam, lr 0.006, batches of 64, 150 steps); each model reads its answer from 32 units; tested on the 400 in-distribution test sequences, each in a random order of its tokens; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.125.
"""

from snippets.lab.sequence._lab import results

CONDITION = "shuffled"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
unshuffled = lab["transformer_nopos"]["in_distribution"]
assert accuracy["transformer_nopos"] == unshuffled, f"{accuracy['transformer_nopos']} != {unshuffled}"
for arch in ("transformer", "lstm", "gru"):
    assert min(accuracy[arch]) > 0.95, f"{arch}: {accuracy[arch]}"
assert min(accuracy["rnn"]) > 0.7, f"rnn: {accuracy['rnn']}"
# --8<-- [end:claim]
