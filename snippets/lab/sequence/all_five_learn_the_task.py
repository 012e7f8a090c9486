"""In distribution, all five models learn to recall the marked symbol.

This is the column every other one is read against: the recurrent networks carry the
marked symbol in their state for at most seven steps, and attention reads it directly,
but all five fit the task they were shown. Each scores above 0.9 on fresh sequences of
16 tokens on at least four of five seeds, where guessing scores an eighth.

Conditions: the sequence lab (snippets/lab/sequence/_lab.py): eight symbols, one of them marked, the answer the marked symbol; trained on sequences of 8 to 16 tokens with the marked token among the last 8 (Adam, lr 0.006, batches of 64, 150 steps); each model reads its answer from 32 units; 400 test sequences of 16 tokens, the marked token among the last 8; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.125. Also run for seeds 0-24 (WHYITWORKS_SEED=0 to 4, five runs) for the page's review: every assert held on each run; every model scored 1.00 on every seed except the RNN, lowest 0.935. Seeds 25-54 (k = 5 to 10), also for the review: one RNN seed fell to 0.84 (seed 35), the only seed of any model at or below 0.9, which is why the check asks above 0.9 of four seeds of five and above 0.8 of every seed.
"""

from snippets.lab.sequence._lab import results

CONDITION = "in_distribution"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
for arch in ("rnn", "lstm", "gru", "transformer", "transformer_nopos"):
    assert sum(a > 0.9 for a in accuracy[arch]) >= 4, f"{arch}: {accuracy[arch]}"  # four seeds of five
    assert min(accuracy[arch]) > 0.8, f"{arch}: {accuracy[arch]}"  # and every one
# --8<-- [end:claim]
