"""In distribution, all eight models learn to recall the marked symbol.

This is the column every other one is read against: the recurrent networks and the
state-space model carry the marked symbol in their state for at most seven steps, and
attention reads it directly, but all eight fit the task they were shown. Each but the
state-space model scores above 0.9 on fresh sequences of 16 tokens on at least four of
five seeds, where guessing scores an eighth; the state-space model fits a little less
well, above 0.8 on every seed and above 0.85 on average.

Conditions: the sequence lab (snippets/lab/sequence/_lab.py): eight symbols, one of them marked, the answer the marked symbol; trained on sequences of 8 to 16 tokens with the marked token among the last 8 (Adam, lr 0.006, batches of 64, 150 steps); each model reads its answer from 32 units; 400 test sequences of 16 tokens, the marked token among the last 8; seeds 0-4 (5k to 5k+4 under WHYITWORKS_SEED=k); chance 0.125. Also run for seeds 0-24 (WHYITWORKS_SEED=0 to 4, five runs) for the page's review: every assert held on each run; every model scored 1.00 on every seed except the RNN, lowest 0.935. Seeds 25-54 (k = 5 to 10), also for the review: one RNN seed fell to 0.84 (seed 35), the only seed of any model at or below 0.9, which is why the check asks above 0.9 of four seeds of five and above 0.8 of every seed. The state-space model and the Transformers with RoPE and ALiBi, added later, were run on the same fifty-five seeds (0-54, k = 0 to 10): RoPE and ALiBi 1.00 on every seed; the state-space model 0.82 to 1.00 (lowest seed 15), its run means 0.899 to 0.980, and in one run (seeds 10-14) only two seeds above 0.9, which is why its bound is above 0.8 on every seed and above 0.85 on average.
"""

from statistics import mean

from snippets.lab.sequence._lab import results

CONDITION = "in_distribution"
lab = results()["accuracy"]
accuracy = {arch: lab[arch][CONDITION] for arch in lab}  # arch -> one accuracy per seed

# --8<-- [start:claim]
for arch in ("rnn", "lstm", "gru", "transformer", "transformer_nopos", "transformer_rope", "transformer_alibi"):
    assert sum(a > 0.9 for a in accuracy[arch]) >= 4, f"{arch}: {accuracy[arch]}"  # four seeds of five
    assert min(accuracy[arch]) > 0.8, f"{arch}: {accuracy[arch]}"  # and every one
assert min(accuracy["ssm"]) > 0.8, f"ssm: {accuracy['ssm']}"  # every seed
assert mean(accuracy["ssm"]) > 0.85, f"ssm: {accuracy['ssm']}"  # and on average
# --8<-- [end:claim]
