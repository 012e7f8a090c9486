"""In evaluation mode, dropout is the identity, exactly; `model.eval()` switches every dropout in a model.

Inverted dropout already did its rescaling during training, so at test time nothing is
left to do: the output is the input, bit for bit. `Module.eval()` sets `training =
False` on the module and on every submodule, so one call turns off every dropout layer
of a network.

Conditions: nn.Dropout(p=0.5) and a small MLP with two dropout layers at random
initialisation (no training), white-noise input of shape 64×16; exact (torch.equal);
seeds 0-4.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
x = torch.randn(64, 16)  # (batch, features)
drop = nn.Dropout(0.5).eval()
assert torch.equal(drop(x), x), "eval-mode dropout changed its input"

net = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 32), nn.Dropout(0.5))
net.eval()
assert all(not m.training for m in net.modules()), "eval() left a submodule in training mode"
assert torch.equal(net(x), net(x)), "two eval-mode calls on the same input differ"
# --8<-- [end:check]
