"""The output size of a convolution is ⌊(H + 2p − d(k − 1) − 1) / s⌋ + 1.

Checked against torch for every combination of input size 1–16, kernel 1–5, stride
1–3, padding 0–2 and dilation 1–3 (2,160 configurations). Where the formula gives
fewer than one output pixel — the dilated kernel is larger than the padded input —
torch refuses to run, with an error that says so, and that is checked too. Max pooling
uses the same formula (dilation 1, `ceil_mode=False`, torch's default), checked for
every input size 2–16, window 1–4 and stride 1–3 where the window fits.

Conditions: exact integer sizes from `torch.nn.functional.conv2d` and `max_pool2d` on
zero tensors (square inputs and kernels, one channel); no training, no randomness;
torch 2.13 on CPU (the wording of the refusal is torch's own).
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
        except RuntimeError as error:
            assert "Kernel size can't be greater than actual input size" in str(error), str(error)
            refused += 1
            continue
        raise AssertionError(f"torch ran a conv the formula says has no output: {(h, k, s, p, d)}")
    got = F.conv2d(x, w, stride=s, padding=p, dilation=d).shape[-1]
    assert got == expected, f"H={h} k={k} s={s} p={p} d={d}: formula {expected}, torch {got}"
    checked += 1
assert checked + refused == 16 * 5 * 3 * 3 * 3 == 2_160, (checked, refused)
assert refused > 0, "no configuration was too small: the refusal was never tested"
# --8<-- [end:check]

# --8<-- [start:pooling]
pooled = 0
for h, k, s in itertools.product(range(2, 17), range(1, 5), range(1, 4)):
    if k <= h:
        got = F.max_pool2d(torch.zeros(1, 1, h, h), k, stride=s).shape[-1]
        assert got == formula(h, k, s, 0, 1), f"H={h} k={k} s={s}: formula {formula(h, k, s, 0, 1)}, torch {got}"
        pooled += 1
assert pooled == 3 * (2 + 3 + 4 * 13) == 171, f"{pooled} pooling configurations checked"  # strides × fitting (H, k) pairs
# --8<-- [end:pooling]
