"""`clip_grad_norm_` rescales all gradients together to the max norm and keeps their direction.

When the global norm g of all gradients (taken as one long vector) exceeds
`max_norm`, every gradient is multiplied by max_norm / g, so the step has length
`max_norm` and points exactly where it pointed before; when g is already below
`max_norm`, nothing changes. Clipping therefore tames an exploding gradient's size,
not its direction: it cannot bring back a gradient that has vanished.

Conditions: random weights at initialisation (no training), white-noise input of 20 steps × 3 sequences × 4 features, gradient of 1000 × the summed outputs; seeds 0-5; float32, tolerance 1e-5 on the norm and the cosine.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# clip_grad_norm_ divides by (norm + 1e-6); float32 rounding adds less than that
TOL = 1e-5

# --8<-- [start:clip]
rnn = nn.RNN(4, 8)
x = torch.randn(20, 3, 4)  # (time, batch, features)
outputs, _ = rnn(x)
(1000 * outputs.sum()).backward()  # a deliberately large gradient

before = torch.cat([p.grad.flatten() for p in rnn.parameters()])  # one long vector
max_norm = 1.0
reported = nn.utils.clip_grad_norm_(rnn.parameters(), max_norm)
after = torch.cat([p.grad.flatten() for p in rnn.parameters()])

expected = before * (max_norm / (before.norm() + 1e-6))  # the rescaling written out
cosine = torch.dot(before, after) / (before.norm() * after.norm())
assert torch.allclose(reported, before.norm()), "it returns the norm before clipping"
assert reported > 100 * max_norm, f"the gradient was not large: {reported:.1f}"
assert abs(after.norm() - max_norm) < TOL, f"norm after clipping: {after.norm():.6f}"
assert torch.allclose(after, expected, atol=TOL), "clipping is not a uniform rescale"
assert abs(cosine - 1.0) < TOL, f"direction changed: cosine {cosine:.6f}"
# --8<-- [end:clip]

# --8<-- [start:small]
for p in rnn.parameters():
    p.grad.mul_(1e-3)  # now well below max_norm
small = torch.cat([p.grad.flatten() for p in rnn.parameters()])
nn.utils.clip_grad_norm_(rnn.parameters(), max_norm)
untouched = torch.cat([p.grad.flatten() for p in rnn.parameters()])
assert small.norm() < max_norm and torch.equal(untouched, small), "a small gradient was changed"
# --8<-- [end:small]
