"""Without the 1/√d_k scale, attention's softmax saturates as d_k grows.

Queries and keys with unit-variance entries give scores q·k whose spread grows like
√d_k. Fed to the softmax unscaled, the scores make the weights nearly one-hot: the
largest of 16 weights approaches 1, and the Jacobian of the softmax, diag(p) − p pᵀ,
approaches zero, so almost no gradient reaches the scores. Scaled by 1/√d_k, the
scores keep the same distribution for every d_k, and so do the weights and the
Jacobian. Measured over 1,000 random queries, each against 16 random keys.

Assumption: the scores reaching the softmax have unit variance, whatever the head width.
Broken by: leaving out the 1/√d_k scale, so the scores spread like √d_k.

Conditions: no learned weights, no training: random standard-normal queries and
keys (1,000 queries, each against 16 keys, d_k from 16 to 1024), float32; seeds 0-5.
What this shows is the softmax at the start of training, when queries and keys have
about unit-variance entries.
"""

import os

import torch

from snippets.attention.attention._attention import softmax_jacobian

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

SATURATED = 0.9  # the mean largest weight above which we call the softmax one-hot
SHRINK = 0.25  # the unscaled Jacobian must fall below this fraction of the scaled one
FLAT_TOL = 0.05  # the scaled Jacobian may drift by this fraction across d_k (sampling noise:
# at most 1.3% measured at seeds 0-5, against the unscaled Jacobian's fall of more than 80%)

# --8<-- [start:saturate]
QUERIES, KEYS = 1_000, 16  # each query scored against 16 random keys
dims = (16, 64, 256, 1024)
max_weight = {"unscaled": [], "scaled": []}
jacobian_norm = {"unscaled": [], "scaled": []}
for d_k in dims:
    q = torch.randn(QUERIES, 1, d_k)  # (queries, 1, d_k)
    k = torch.randn(QUERIES, KEYS, d_k)  # (queries, keys, d_k)
    scores = (q * k).sum(dim=-1)  # (queries, keys)
    for name, scale in (("unscaled", 1.0), ("scaled", 1.0 / d_k**0.5)):
        p = (scores * scale).softmax(dim=-1)  # (queries, keys)
        max_weight[name].append(p.max(dim=-1).values.mean().item())
        jacobian = softmax_jacobian(p)  # (queries, keys, keys)
        jacobian_norm[name].append(jacobian.flatten(1).norm(dim=-1).mean().item())

# Unscaled: the weights sharpen and the Jacobian shrinks at every step up in d_k
# (strictly monotone: the list is already in order and has no ties).
mw, jn = max_weight["unscaled"], jacobian_norm["unscaled"]
assert mw == sorted(set(mw)), f"largest weight does not grow at every step: {mw}"
assert jn == sorted(set(jn), reverse=True), f"Jacobian norm does not shrink at every step: {jn}"
widest = dims.index(1024)  # read the widest head by its d_k, not by its place in the list
assert mw[widest] > SATURATED, f"at d_k=1024 the largest weight averages {mw[widest]:.3f}"
ratio = jn[widest] / jacobian_norm["scaled"][widest]
assert ratio < SHRINK, f"at d_k=1024 the unscaled Jacobian is {ratio:.2f} of the scaled one"
# Scaled: the same softmax whatever d_k.
flat = [abs(j / jacobian_norm["scaled"][0] - 1.0) for j in jacobian_norm["scaled"]]
assert max(flat) < FLAT_TOL, f"scaled Jacobian norms drift across d_k: {jacobian_norm['scaled']}"
# --8<-- [end:saturate]
