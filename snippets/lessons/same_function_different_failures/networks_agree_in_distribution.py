"""Two networks, one relying on a shortcut, are indistinguishable in distribution.

Both networks have the same size, seed and training schedule, and see the same
examples; the only difference is that the robust network's training copy of the
shortcut feature was shuffled across examples, so for it the shortcut carries no
information. On held-out data from the training distribution (where the shortcut
still copies the label) the two reach the same accuracy and make the same
predictions. Accuracy there cannot say which feature either network uses. Tiny
task: 512 training examples, 2 features, a 2→16→1 network, 150 Adam steps.

Conditions: trained 150 full-batch Adam steps (learning rate 0.05, logistic loss) on 512 synthetic two-feature examples whose shortcut copies the label with three times the robust feature's margin; 2→16→1 ReLU networks; tested on 2,000 fresh examples from the training distribution;
seeds 0-5 (measured accuracies and agreement 0.9995 to 1.0).
"""

import os

import torch

from snippets.lessons.same_function_different_failures._shortcut import (
    SHORTCUT,
    accuracy,
    make_data,
    predict,
    shuffle_column,
    train,
)

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tensors this small run fastest on one thread
gen = torch.Generator().manual_seed(SEED)

# --8<-- [start:agree]
x_train, y_train = make_data(512, agreement=1.0, generator=gen)  # (512, 2), (512,)
shortcut_net = train(x_train, y_train, seed=SEED)
robust_net = train(shuffle_column(x_train, SHORTCUT, gen), y_train, seed=SEED)

x_test, y_test = make_data(2_000, agreement=1.0, generator=gen)  # same distribution, new draws
acc_shortcut = accuracy(shortcut_net, x_test, y_test)
acc_robust = accuracy(robust_net, x_test, y_test)
same_answer = (predict(shortcut_net, x_test) == predict(robust_net, x_test)).float().mean().item()

MIN_ACC = 0.99  # measured ≥ 0.9995 for both over seeds 0..5
assert acc_shortcut >= MIN_ACC and acc_robust >= MIN_ACC, f"{acc_shortcut=:.4f}, {acc_robust=:.4f}"
DISAGREE_TOL = 0.01  # the same function up to 1% of inputs; measured ≤ 0.0005 over seeds 0..5
disagreement = 1 - same_answer
assert disagreement <= DISAGREE_TOL, f"the two disagree on {disagreement:.2%} of test points"
# --8<-- [end:agree]
