"""After training, a batch norm placed after dropout normalises eval inputs with the wrong variance.

Batch norm's running statistics are estimated in training mode, where dropout inflates
the variance of what reaches it; in eval mode dropout is off and the variance is
smaller, but batch norm still divides by the inflated running estimate, so its eval
outputs are shrunk (Li et al. 2019, "variance shift"). The control is the same network
with the batch norm before the dropout: its running variance describes eval inputs.

Assumption: batch norm's running statistics describe the inputs it will see at eval.
Broken by: a dropout layer right before it, which is on when the statistics are
collected and off when they are used.

Conditions: trained 150 Adam steps (lr 0.01, batches of 64) on 256 synthetic 16-sample
signals with one bump in one of four quarters, evaluated on 512 held-out signals;
Linear(16, 32), ReLU, Dropout(0.5), BatchNorm1d(32), Linear(32, 32), ReLU, Linear(32, 4)
against the same layers with batch norm before ReLU and dropout; median ratio of running
to eval variance over units, seeds 0-9: 2.17 to 2.63 with dropout first (asserted above
1.8), 0.87 to 1.03 in the control (asserted within 0.8-1.25); eval accuracies within
0.012 of each other (asserted within 0.05).
"""

import os

import torch
from torch import nn

from snippets.foundations.dropout._bumps import bumps, train

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny batches: a second thread only adds hand-off cost

STEPS = 150
ACC_TOL = 0.05  # the accuracies measured differ by at most 0.012 over seeds 0-9
generator = torch.Generator().manual_seed(SEED)
x, y = bumps(256, generator)  # (256, 16), (256,)
x_test, y_test = bumps(512, generator)


def variance_ratio(model: nn.Sequential, bn_index: int) -> float:
    """Median over units of the batch norm's running variance over its eval-time input variance."""
    model.eval()
    with torch.no_grad():
        seen = model[:bn_index](x_test)  # (512, 32), what reaches the batch norm at eval
        eval_var = seen.var(dim=0, unbiased=False)
        bn = model[bn_index]
        alive = eval_var > 1e-6  # a unit that never fires has no variance to compare
        return (bn.running_var[alive] / eval_var[alive]).median().item()


def accuracy(model: nn.Module) -> float:
    model.eval()
    with torch.no_grad():
        return (model(x_test).argmax(dim=1) == y_test).float().mean().item()


# --8<-- [start:check]
p = 0.5
dropout_first = nn.Sequential(
    nn.Linear(16, 32), nn.ReLU(), nn.Dropout(p), nn.BatchNorm1d(32),  # dropout feeds the batch norm
    nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 4),
)
control = nn.Sequential(
    nn.Linear(16, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(p),  # batch norm before dropout
    nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 4),
)
train(dropout_first, x, y, STEPS)
train(control, x, y, STEPS)
shifted = variance_ratio(dropout_first, bn_index=3)
kept = variance_ratio(control, bn_index=1)
assert shifted > 1.8, f"dropout before batch norm: running/eval variance only {shifted:.2f}"
assert 0.8 < kept < 1.25, f"control: running/eval variance {kept:.2f}, expected close to 1"
# --8<-- [end:check]

# --8<-- [start:accuracy]
acc_shifted, acc_control = accuracy(dropout_first), accuracy(control)
assert abs(acc_shifted - acc_control) < ACC_TOL, f"accuracies {acc_shifted:.3f} and {acc_control:.3f}"
# --8<-- [end:accuracy]
