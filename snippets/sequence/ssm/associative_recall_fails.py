"""Failure mode: a time-invariant SSM cannot look a value up by its key; one head of
attention can.

The task (``_recall.py``): eight (key, value) tokens with distinct keys, then a query
naming one of the keys; the answer is that key's value, one of eight. An LTI SSM
mixes every token into its output with a weight set by how far back the token is,
never by what it is or what the query asks, so the one layer must carry all eight
pairs to the query and the head must untangle them. Attention compares the query with
every token and reads the value where the key matches. The control keeps the LTI's
assumption: the same model, sequences and training, but the query always asks for
the pair just before it, so position alone finds the answer.

Assumption: what a past token contributes is decided by how far back it is, not by
what it is.
Broken by: a query whose answer sits wherever the matching key happens to be.

Conditions: trained 80 hand-written Adam steps on batches of 64 fresh synthetic recall
sequences (16 keys, 8 values, 8 pairs; width 32, N = 16 states per channel; learning
rate 0.03 for the SSM, 0.01 for attention, each the rate that trains it best), tested
on 1,000 new sequences; chance is 0.125. Seeds 0-9: LTI SSM 0.15 to 0.29, attention
0.95 to 1.00, the LTI control 0.998 to 1.00. Trained ten times longer (800 steps, seeds
0-2, by hand) the LTI SSM stays at 0.29 to 0.31 on recall, while asked always for the
farthest pair, eight steps back, it reaches 0.64 to 0.90 (hand runs, seeds 0-2, in two
orders of the random draws). Split by the pair the query names (by hand, seeds 0-2 at 80
steps, seed 0 at 800), the LTI SSM's accuracy is roughly flat across the pairs, 0.20 to
0.35, the nearest no better than the best of the others: it has not fallen back on position.
"""

import os

import torch

from snippets.sequence.ssm._recall import PAIRS, AttentionRecall, LTIRecall, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny sequential ops: a second thread only adds hand-off cost

CEILING = 0.4  # the LTI's best seed reaches 0.29; answering from the nearest pair alone scores about 0.23
FLOOR = 0.9  # attention's worst seed (of 0-9) reaches 0.95, the control's 0.998

# --8<-- [start:check]
lti = train(LTIRecall(), SEED)  # the query may ask for any of the 8 pairs
attention = train(AttentionRecall(), SEED)
control = train(LTIRecall(), SEED, slot=PAIRS - 1)  # always the pair just before the query
assert lti < CEILING, f"the LTI SSM should fail the lookup: accuracy {lti:.3f}"
assert attention > FLOOR, f"one attention head should solve it: accuracy {attention:.3f}"
assert control > FLOOR, f"the LTI SSM should learn a fixed position: accuracy {control:.3f}"
# --8<-- [end:check]
