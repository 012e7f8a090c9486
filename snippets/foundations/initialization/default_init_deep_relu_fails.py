"""Failure mode: a 30-layer ReLU MLP at the variance of torch's default init does not train.

torch's default `nn.Linear` init gives weights of variance 1/(3·fan_in); through a ReLU the
pre-activation variance is multiplied by fan_in · 1/(3·fan_in) · 1/2 = 1/6 per layer, so
after thirty layers the input's trace in the output is about 6^-15 ≈ 2e-12 of its size (in
standard deviation). The first Adam steps move the biases by about the learning rate,
which buries that trace, and the network settles on the constant answer. The same network
at He's variance 2/fan_in keeps the signal's size through every layer and learns the task.

Assumption: the signal keeps its size through depth, so that every layer's output still depends on the input.
Broken by: weights of variance 1/(3·fan_in) (torch's default, sized for no particular activation) under thirty ReLU layers.
Conditions: trained 100 full-batch Adam steps (lr 3e-3, written out) on 128 points of two
noisy concentric rings (radius 1 against 2, balanced classes); 30 hidden ReLU layers of
width 16, biases from zero, Gaussian weights of the stated variance; five networks per
run, data and weights from the run's seed. Ran for WHYITWORKS_SEED 0-9 (50 networks per
init): default variance 0.5 exactly on every network (the constant answer), He 0.93 to 1.0.
"""

import math
import os

import torch

from snippets.foundations.initialization._init import rings, train_deep_relu

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
DEPTH, WIDTH, NETS, STEPS, LR = 30, 16, 5, 100, 3e-3

x, y = rings(128, torch.Generator().manual_seed(SEED))  # (128, 2), (128,)

# --8<-- [start:check]
def torch_default(fan_in, fan_out):  # kaiming_uniform_(a=√5): variance 1 / (3 fan_in)
    return math.sqrt(1 / (3 * fan_in))


def he(fan_in, fan_out):  # He et al. 2015: variance 2 / fan_in for ReLU
    return math.sqrt(2 / fan_in)


default_acc = train_deep_relu(torch_default, x, y, DEPTH, WIDTH, NETS, STEPS, LR, torch.Generator().manual_seed(SEED))
he_acc = train_deep_relu(he, x, y, DEPTH, WIDTH, NETS, STEPS, LR, torch.Generator().manual_seed(SEED))
assert default_acc.max() < 0.6, f"default-variance nets should stay near chance, got {default_acc}"
assert he_acc.min() > 0.85, f"the same nets at He's variance should learn the rings, got {he_acc}"
# --8<-- [end:check]
