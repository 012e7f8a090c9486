"""An MLP trained on pixel-scrambled images learns exactly what it learns on real ones.

Two MLPs start from the same weights, the second with its first-layer columns permuted
by `perm`. The first is trained on images, the second on the same images with their
pixels permuted by `perm`. With the same optimiser and the same batches, their losses
agree at every step: gradient descent itself respects the symmetry, so the spatial
arrangement of the pixels carries no information an MLP can use.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
TOL = 1e-9  # float64: only the order of additions differs between the two runs
STEPS = 50

# --8<-- [start:train]
side, classes = 8, 4
x = torch.randn(128, 1, side, side, dtype=torch.float64)  # (batch, channels, height, width)
y = torch.randint(0, classes, (128,))  # random labels: something to memorise
perm = torch.randperm(side * side)
x_scrambled = x.flatten(1)[:, perm].reshape(x.shape)  # (batch, 1, 8, 8)


def make():
    return nn.Sequential(nn.Flatten(), nn.Linear(side * side, 32), nn.ReLU(), nn.Linear(32, classes)).double()


real, scrambled = make(), make()
scrambled.load_state_dict(real.state_dict())
with torch.no_grad():
    scrambled[1].weight.copy_(real[1].weight[:, perm])

curves = {"real": [], "scrambled": []}
for name, model, inputs in [("real", real, x), ("scrambled", scrambled, x_scrambled)]:
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    for _ in range(STEPS):
        loss = nn.functional.cross_entropy(model(inputs), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        curves[name].append(loss.item())

gap = max(abs(a - b) for a, b in zip(curves["real"], curves["scrambled"], strict=True))
drop = curves["real"][0] - curves["real"][-1]
assert drop > 0.1, f"the loss did not fall ({curves['real'][0]:.3f} -> {curves['real'][-1]:.3f})"
assert gap < TOL, f"the two loss curves differ by up to {gap:.2e}"
# --8<-- [end:train]
