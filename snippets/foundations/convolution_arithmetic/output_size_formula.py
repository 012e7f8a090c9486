"""The output size of a convolution is ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1.

Checked against torch for every combination of input size 1–16, kernel 1–5, stride
1–3, padding 0–2 and dilation 1–3 (2,160 configurations). Where the formula gives
fewer than one output pixel — the dilated kernel is larger than the padded input —
torch refuses to run, and that is checked too. Pooling layers use the same formula.
"""

import itertools

import torch
import torch.nn.functional as F


def formula(h: int, k: int, s: int, p: int, d: int) -> int:
    return (h + 2 * p - d * (k - 1) - 1) // s + 1


# --8<-- [start:check]
checked = refused = 0
for h, k, s, p, d in itertools.product(range(1, 17), range(1, 6), range(1, 4), range(3), range(1, 4)):
    x = torch.zeros(1, 1, h, h)  # (batch, channels, height, width)
    w = torch.zeros(1, 1, k, k)  # (out channels, in channels, kernel, kernel)
    expected = formula(h, k, s, p, d)
    if expected < 1:
        try:
            F.conv2d(x, w, stride=s, padding=p, dilation=d)
        except RuntimeError:
            refused += 1
            continue
        raise AssertionError(f"torch ran a conv the formula says has no output: {(h, k, s, p, d)}")
    got = F.conv2d(x, w, stride=s, padding=p, dilation=d).shape[-1]
    assert got == expected, f"H={h} k={k} s={s} p={p} d={d}: formula {expected}, torch {got}"
    checked += 1
assert checked + refused == 16 * 5 * 3 * 3 * 3 == 2_160
# --8<-- [end:check]

# Pooling shares the formula (here with dilation 1 and no ceil_mode).
for h, k, s in itertools.product(range(2, 17), range(1, 5), range(1, 4)):
    if k <= h:
        got = F.max_pool2d(torch.zeros(1, 1, h, h), k, stride=s).shape[-1]
        assert got == formula(h, k, s, 0, 1), (h, k, s, got)
