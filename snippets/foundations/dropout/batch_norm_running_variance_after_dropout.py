"""Batch norm after dropout records a training variance larger than the one it meets at eval.

In training, dropout (rate p) keeps each unit's mean but adds p / (1 - p) times its mean
square to its variance (inverted_dropout_keeps_expectation.py). A batch norm right after
it estimates its running variance from these inflated batches; in eval mode dropout is
the identity and the variance is the input's own. The ratio, predicted from the input
alone, is 1 + p / (1 - p) · E[x²] / Var(x): at p = 1/2 it is 2 for a zero-mean input and
more for a positive one, as a ReLU's output is (Li et al. 2019, "variance shift").

Conditions: no training of weights; 300 training-mode passes of batches of 256 through
nn.Dropout(0.5) and nn.BatchNorm1d(64) (momentum 0.1), Gaussian features with means 0
and 1; the running variance, averaged over each group of 32 units, within 3% of the
prediction; seeds 0-4.
"""

import math
import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # small batches: a second thread only adds hand-off cost

REL_TOL = 0.03  # the running average wobbles by about 5% per unit, less over 32 units

# --8<-- [start:check]
p = 0.5
drop, bn = nn.Dropout(p), nn.BatchNorm1d(64)  # both in training mode
mean = torch.cat([torch.zeros(32), torch.ones(32)])  # half the features centred, half at 1
for _ in range(300):
    x = mean + torch.randn(256, 64)  # (batch, features), variance 1
    bn(drop(x))  # training mode: updates bn.running_var from dropped-out batches
second_moment = mean**2 + 1  # E[x^2] = mean^2 + variance
predicted = 1 + p / (1 - p) * second_moment  # running_var / Var(x), with Var(x) = 1
ratio = bn.running_var / 1.0  # at eval dropout is the identity: the variance is the input's, 1
for group in (slice(0, 32), slice(32, 64)):  # centred features, then features with mean 1
    got, want = ratio[group].mean().item(), predicted[group].mean().item()
    assert math.isclose(got, want, rel_tol=REL_TOL), f"running/eval variance {got:.3f}, predicted {want:.3f}"
# --8<-- [end:check]
