"""Three times longer than any training sequence, with the marked token where training
put it, the GRU and both Transformers still recall it on every seed; the plain RNN
loses it on some seeds, and the LSTM may too.

Nothing about the answer changed: the marked token is among the last eight, as in
training. What changed is the 40 tokens before it, which drive the recurrent state
somewhere training never took it. The GRU's state is a blend of its last state and a
tanh of the input, so it always stays between -1 and 1, the range it was trained in.
The LSTM's cell state adds a new term at every step and can grow with the length of
the sequence; the plain RNN's state stays bounded but can be driven into a regime its
readout never saw. The Transformer with positions meets positions 16 to 47, which it
never saw, but this task does not need positions, and it ignores them.

Assumption: the sequences are no longer than the ones training showed.
Broken by: 48 tokens, three times the longest training sequence, the marked token among the last 8.

Conditions: the sequence lab (snippets/lab/sequence/_lab.py): eight symbols, one of them marked, the answer the marked symbol; trained on sequences of 8 to 16 tokens with the marked token among the last 8 (Adam, lr 0.006, batches of 64, 150 steps); each model reads its answer from 32 units; tested on 400 sequences of 48 tokens with the marked token among the last 8; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.125.
"""

from snippets.lab.sequence._lab import results

CONDITION = "longer"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
for arch in ("gru", "transformer", "transformer_nopos"):
    assert min(accuracy[arch]) > 0.9, f"{arch}: {accuracy[arch]}"
assert min(accuracy["rnn"]) < 0.75, f"rnn: {accuracy['rnn']}"  # on at least one seed
assert min(accuracy["lstm"]) > 0.3, f"lstm: {accuracy['lstm']}"
# --8<-- [end:claim]
