"""Looking inside finds the difference that accuracy hides, with in-distribution data.

The machines differed in their wiring; the networks differ in which input their
decision depends on, and that can be measured before deployment. Shuffle one input
column across the in-distribution test set (its values stay plausible, its link to
each example goes) and count how many predictions change. For the shortcut network,
shuffling the shortcut flips about half of them and shuffling the robust feature
almost none; for the robust network it is the other way round. Same tiny task as
the other checks on this page.

Conditions: trained 150 full-batch Adam steps (learning rate 0.05, logistic loss) on 512 synthetic two-feature examples whose shortcut copies the label with three times the robust feature's margin; 2→16→1 ReLU networks; probed on 2,000 fresh in-distribution examples; seeds 0-5
(measured 0.48 to 0.52 of decisions changed by the relied-on input, 0.0 by the other).
"""

import os

import torch

from snippets.lessons.same_function_different_failures._shortcut import (
    ROBUST,
    SHORTCUT,
    make_data,
    predict,
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
x_test, _ = make_data(2_000, agreement=1.0, generator=gen)  # in distribution only

# --8<-- [start:probe]
def flipped_by_shuffling(net, column):
    """Fraction of predictions that change when one input column is shuffled."""
    return (predict(net, x_test) != predict(net, shuffle_column(x_test, column, gen))).float().mean().item()


# A random label-independent value flips a decision half the time: 0.5 is "relies on it".
MIN_RELIED, MAX_IGNORED = 0.3, 0.05  # measured 0.48–0.52 and 0.0 over seeds 0..5
reliance = {
    ("shortcut", "shortcut"): flipped_by_shuffling(shortcut_net, SHORTCUT),
    ("shortcut", "robust"): flipped_by_shuffling(shortcut_net, ROBUST),
    ("robust", "robust"): flipped_by_shuffling(robust_net, ROBUST),
    ("robust", "shortcut"): flipped_by_shuffling(robust_net, SHORTCUT),
}
assert reliance[("shortcut", "shortcut")] > MIN_RELIED, reliance
assert reliance[("robust", "robust")] > MIN_RELIED, reliance
assert reliance[("shortcut", "robust")] < MAX_IGNORED, reliance
assert reliance[("robust", "shortcut")] < MAX_IGNORED, reliance
# --8<-- [end:probe]
