"""ALiBi's slopes: one fixed number per head, a geometric sequence that starts at
2^(−8/n) and shrinks by the same factor, for n heads.

Press et al. chose the slopes before training and never learn them: for 8 heads
1/2, 1/4, …, 1/256; for 16 heads the sequence that starts at 1/√2 with ratio 1/√2.
The check builds the slopes three ways (the helper's 2^(−8h/n), the recipe of the
official code, and the published endpoints read from published.toml) and compares them.

Conditions: exact arithmetic on a handful of floats, no model, no data; equal to 1e-12;
independent of the seed.
"""

import math
import tomllib
from pathlib import Path

from snippets.attention.positions._positions import alibi_slopes

PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))
TOL = 1e-12  # float64 round-off of a power of two


def published(key: str) -> float:
    """A slope written as "1/2^k" in published.toml."""
    numerator, power = PUBLISHED[key]["value"].split("/2^")
    return float(numerator) / 2.0 ** float(power)


# --8<-- [start:slopes]
for heads in (8, 16):
    ours = alibi_slopes(heads)  # 2^(-8h/heads), h = 1..heads
    start = 2.0 ** (-(2.0 ** -(math.log2(heads) - 3)))  # the official code's first slope
    official = [start * start**h for h in range(heads)]  # and its ratio: the same number
    assert max(abs(a - b) for a, b in zip(ours.tolist(), official)) < TOL, f"{heads} heads: {ours} vs {official}"
    ratios = ours[1:] / ours[:-1]
    assert (ratios - ours[0]).abs().max() < TOL, f"{heads} heads: not geometric with ratio 2^(-8/n): {ratios}"

eight, sixteen = alibi_slopes(8), alibi_slopes(16)
assert abs(eight[0] - published("alibi_first_slope_8_heads")) < TOL, f"first of 8: {eight[0]}"
assert abs(eight[-1] - published("alibi_last_slope_8_heads")) < TOL, f"last of 8: {eight[-1]}"
assert abs(sixteen[0] - published("alibi_first_slope_16_heads")) < TOL, f"first of 16: {sixteen[0]}"
# every other slope of the 16 heads is a slope of the 8: the 8 heads' sequence, refined
assert (sixteen[1::2] - eight).abs().max() < TOL, f"{sixteen[1::2]} vs {eight}"
# --8<-- [end:slopes]
