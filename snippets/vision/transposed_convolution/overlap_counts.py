"""How many input pixels land on each output pixel of a transposed convolution.

With a ones kernel and a ones input, a transposed convolution's output *is* the count
of (input pixel, kernel tap) pairs that write to each output pixel. The expected count
is computed independently by enumerating the pairs: input pixel i with tap t writes to
output pixel i·s + t.

* kernel 3, stride 2: the interior alternates 2, 1, 2, 1 … along an axis, so in 2D it
  holds 1, 2 and 4 — a checkerboard before any learning happens;
* kernel 4, stride 2: every interior pixel gets exactly 2 per axis (4 in 2D);
* in general the interior is even exactly when the stride divides the kernel size
  (checked for every kernel 1–8 and stride 1–4).
Conditions: exact counts: ones kernels on ones inputs of length 8 (12 for the sweep), no training; sums of small integers, exact in float32.
"""

import torch
import torch.nn.functional as F


def pair_counts(n: int, k: int, s: int) -> list[int]:
    """Count, by enumeration, the (input i, tap t) pairs writing to each output pixel."""
    counts = [0] * ((n - 1) * s + k)
    for i in range(n):
        for t in range(k):
            counts[i * s + t] += 1
    return counts


def interior(values, n: int, k: int, s: int):
    """Output pixels that every tap can reach: from k − 1 to (n − 1)·s."""
    return values[k - 1:(n - 1) * s + 1]


n = 8  # input length

# --8<-- [start:k3s2]
ones_in = torch.ones(1, 1, n)  # (batch, channels, length)
got = F.conv_transpose1d(ones_in, torch.ones(1, 1, 3), stride=2)[0, 0]  # (17,)
expected = pair_counts(n, k=3, s=2)
assert got.tolist() == expected, f"expected {expected}, got {got.tolist()}"
inner = interior(got, n, k=3, s=2)
assert inner[:4].tolist() == [2, 1, 2, 1], f"interior starts {inner[:4].tolist()}"

# In 2D the counts multiply: rows and columns each alternate, so 1·1, 1·2 and 2·2 appear.
got2d = F.conv_transpose2d(torch.ones(1, 1, n, n), torch.ones(1, 1, 3, 3), stride=2)[0, 0]
inner2d = got2d[2:(n - 1) * 2 + 1, 2:(n - 1) * 2 + 1]
values = sorted(set(inner2d.flatten().tolist()))
assert values == [1, 2, 4], f"expected interior counts [1, 2, 4], got {values}"
ratio = (inner2d.max() / inner2d.min()).item()
assert ratio == 4, f"brightest / darkest interior pixel: expected 4, got {ratio}"
# --8<-- [end:k3s2]

# --8<-- [start:k4s2]
got = F.conv_transpose1d(ones_in, torch.ones(1, 1, 4), stride=2)[0, 0]
assert got.tolist() == pair_counts(n, k=4, s=2), f"got {got.tolist()}"
inner = interior(got, n, k=4, s=2)
assert sorted(set(inner.tolist())) == [2], f"expected every interior count to be 2, got {set(inner.tolist())}"
got2d = F.conv_transpose2d(torch.ones(1, 1, n, n), torch.ones(1, 1, 4, 4), stride=2)[0, 0]
inner2d = got2d[3:(n - 1) * 2 + 1, 3:(n - 1) * 2 + 1]
assert sorted(set(inner2d.flatten().tolist())) == [4], f"2D interior counts: {set(inner2d.flatten().tolist())}"
# --8<-- [end:k4s2]

# --8<-- [start:divisibility]
n = 12  # long enough that every (k, s) below has an interior
for k in range(1, 9):
    for s in range(1, 5):
        counts = F.conv_transpose1d(torch.ones(1, 1, n), torch.ones(1, 1, k), stride=s)[0, 0]
        even = len(set(interior(counts, n, k, s).tolist())) == 1
        assert even == (k % s == 0), f"k={k}, s={s}: interior even={even}, but k % s = {k % s}"
# --8<-- [end:divisibility]
