"""Break the shortcut's correlation and the two networks come apart.

The same two networks as in distribution (one trained with the shortcut intact, one
with it shuffled away) are tested where the shortcut no longer copies the label:
first independent of it, then reversed. The robust network does not notice. The
shortcut network follows the shortcut: a coin flip when it carries no information,
almost always wrong when it points the other way. Nothing in their matching
in-distribution accuracy predicted this. Tiny task: 512 training examples, 2
features, a 2→16→1 network, 150 Adam steps.

Conditions: trained 150 full-batch Adam steps (learning rate 0.05, logistic loss) on 512 synthetic two-feature examples whose shortcut copies the label with three times the robust feature's margin; 2→16→1 ReLU networks; tested on 2,000 fresh examples with the shortcut independent of the
label and 2,000 with it reversed; seeds 0-5 (measured 0.4775 to 0.511 and 0.0 for the
shortcut network).

Assumption: the correlations seen in training hold at test time.
Broken by: a shift of the data in which the shortcut no longer copies the label.
"""

import os

import torch

from snippets.lessons.same_function_different_failures._shortcut import (
    SHORTCUT,
    accuracy,
    make_data,
    shuffle_column,
    train,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tensors this small run fastest on one thread
gen = torch.Generator().manual_seed(SEED)

x_train, y_train = make_data(512, agreement=1.0, generator=gen)  # (512, 2), (512,)
shortcut_net = train(x_train, y_train, seed=SEED)
robust_net = train(shuffle_column(x_train, SHORTCUT, gen), y_train, seed=SEED)

# --8<-- [start:shift]
x_indep, y_indep = make_data(2_000, agreement=0.5, generator=gen)  # shortcut independent of y
x_flip, y_flip = make_data(2_000, agreement=0.0, generator=gen)  # shortcut reversed

MIN_ROBUST = 0.95  # measured ≥ 0.999 over seeds 0..5
COIN = (0.4, 0.6)  # chance is 0.5; measured 0.477–0.511 over seeds 0..5
MAX_REVERSED = 0.05  # measured 0.0 over seeds 0..5
for name, x, y in (("independent", x_indep, y_indep), ("reversed", x_flip, y_flip)):
    got = accuracy(robust_net, x, y)
    assert got >= MIN_ROBUST, f"robust network, shortcut {name}: accuracy {got:.3f}"
got_indep = accuracy(shortcut_net, x_indep, y_indep)
got_flip = accuracy(shortcut_net, x_flip, y_flip)
assert COIN[0] < got_indep < COIN[1], f"shortcut network, shortcut independent: {got_indep:.3f}"
assert got_flip < MAX_REVERSED, f"shortcut network, shortcut reversed: {got_flip:.3f}"
# --8<-- [end:shift]
