"""Gates that start near open carry the symbol further: at length 30 the GRU recalls it
on every seed while the plain RNNs and the LSTM with forget bias 0 are at a guess on a
run's median seed, and at length 10 the chrono-initialised LSTM averages above 0.75 over a
run and above the LSTM with forget bias 0, while the LSTM with forget bias 1 falls short
on some seed.

A gate decides how much of the state survives a step; what it decides at the start of
training decides whether the gradient from the answer reaches the first token at all.
The chrono initialisation (Tallec and Ollivier, 2018) spreads the forget gates' time
constants up to the length trained on, and closes the input gates as much, so that some
units keep what they read for about that many steps from the first step of training.
The GRU's state is a blend of its old value and a new one, so the same gate that keeps
it also stops the distractors from writing over it.

Conditions: trained from scratch at each length, 40 Adam steps (lr 0.1, batches of 32 fresh sequences: a symbol of four, then random distractors of four other tokens), embedding 16, one recurrent layer of 32 units (torch's nn.RNN, nn.LSTM and nn.GRU); tested on 400 fresh sequences per length; seeds 0-2 (3k to 3k+2 under WHYITWORKS_SEED=k), also run for k = 1 to 10: over seeds 0-32 the GRU scored 1.00 at length 30 on every seed; the two RNNs and the forget-bias-0 LSTM 0.18 to 0.32 but for one RNN seed at 0.71 (seed 30), a run's median 0.28 at the highest, which is why the check takes the median; at length 10 the chrono LSTM scored above 0.95 on 29 of the 33 seeds and 0.46 to 0.87 on the other four (seeds 9, 11, 21, 24), a run's mean 0.82 at the lowest and above the forget-bias-0 LSTM's in every run (whose run means were 0.25 to 0.82); the lowest seed of each run 0.20 to 0.73 for the forget-bias-1 LSTM. An earlier version also asserted that the forget-bias-0 LSTM falls below 0.3 on some seed of each run; seeds 27-29 scored 1.00, 1.00 and 0.46, so that clause was dropped; chance 0.25.
"""

from statistics import mean, median

from snippets.lab.sequence._recall import results

accuracy = results()["accuracy"]  # variant -> length -> one accuracy per seed

# --8<-- [start:claim]
assert min(accuracy["gru"]["30"]) > 0.95, f"gru at 30: {accuracy['gru']['30']}"
for variant in ("rnn", "rnn_orthogonal", "lstm_forget0"):
    assert median(accuracy[variant]["30"]) < 0.35, f"{variant} at 30: {accuracy[variant]['30']}"
chrono, forget0 = accuracy["lstm_chrono"]["10"], accuracy["lstm_forget0"]["10"]
assert mean(chrono) > 0.75, f"chrono at 10: {chrono}"
assert mean(chrono) > mean(forget0), f"chrono at 10: {chrono}, forget bias 0: {forget0}"
assert min(accuracy["lstm_forget1"]["10"]) < 0.8, f"forget bias 1 at 10: {accuracy['lstm_forget1']['10']}"
# --8<-- [end:claim]
