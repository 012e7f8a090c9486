"""The hand-written optimisers of `_optim.py` take the same steps as torch.optim's.

Every other check on the optimiser page runs the numpy updates of `_optim.py`, which
need no torch and run in milliseconds; this one ties them to the framework. It runs
torch.optim.SGD (with momentum and weight decay), torch.optim.Adam (with L2 weight
decay) and torch.optim.AdamW on the same least-squares problem and compares every
iterate with the hand-written one.

Conditions: no training data beyond a random 32×5 least-squares problem (float64,
white noise); 50 steps each; lr 0.05 for SGD (momentum 0.9, weight decay 0.01), lr 0.01
for Adam and AdamW (weight decay 0.1, published betas and eps); every iterate equal
within 1e-10; seeds 0-4; torch 2.x's documented update rules.
"""

import os
import tomllib
from pathlib import Path

import numpy as np
import torch

from snippets.foundations.optimizers._optim import adam, sgd

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # a 32×5 problem: a second thread only adds hand-off cost

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text())
BETAS = (float(PUBLISHED["adam_beta1"]["value"]), float(PUBLISHED["adam_beta2"]["value"]))
EPS = float(PUBLISHED["adam_eps"]["value"])
TOL = 1e-10  # float64, the same operations in a different order
STEPS = 50

a = torch.randn(32, 5, dtype=torch.float64)  # (examples, weights)
b = torch.randn(32, dtype=torch.float64)
w0 = torch.randn(5, dtype=torch.float64)
a_np, b_np = a.numpy(), b.numpy()


def grad(w):
    return a_np.T @ (a_np @ w - b_np) / len(b_np)  # gradient of ½ mean (a w − b)²


def torch_path(make_optimizer):
    """Every iterate of a torch.optim optimiser on the same problem."""
    w = w0.clone().requires_grad_(True)
    opt = make_optimizer([w])
    path = [w.detach().clone()]
    for _ in range(STEPS):
        loss = 0.5 * (a @ w - b).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        path.append(w.detach().clone())
    return torch.stack(path).numpy()  # (STEPS + 1, 5)


# --8<-- [start:sgd]
mine = sgd(grad, w0.numpy(), lr=0.05, steps=STEPS, momentum=0.9, weight_decay=0.01)
theirs = torch_path(lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01))
assert np.allclose(mine, theirs, rtol=0.0, atol=TOL), f"SGD differs by {np.abs(mine - theirs).max():.2e}"
# --8<-- [end:sgd]

# --8<-- [start:adam]
mine = adam(grad, w0.numpy(), 0.01, STEPS, BETAS, EPS, weight_decay=0.1)  # L2: through the gradient
theirs = torch_path(lambda p: torch.optim.Adam(p, lr=0.01, betas=BETAS, eps=EPS, weight_decay=0.1))
assert np.allclose(mine, theirs, rtol=0.0, atol=TOL), f"Adam differs by {np.abs(mine - theirs).max():.2e}"
# --8<-- [end:adam]

# --8<-- [start:adamw]
mine_w = adam(grad, w0.numpy(), 0.01, STEPS, BETAS, EPS, weight_decay=0.1, decoupled=True)
theirs_w = torch_path(lambda p: torch.optim.AdamW(p, lr=0.01, betas=BETAS, eps=EPS, weight_decay=0.1))
assert np.allclose(mine_w, theirs_w, rtol=0.0, atol=TOL), f"AdamW differs by {np.abs(mine_w - theirs_w).max():.2e}"
gap = np.abs(theirs_w - theirs).max()  # torch's own Adam with L2 against its AdamW
assert gap > 1e-3, f"Adam with L2 and AdamW should take different paths, gap {gap:.2e}"
# --8<-- [end:adamw]
