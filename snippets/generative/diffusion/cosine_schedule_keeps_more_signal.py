"""The cosine schedule keeps far more of the signal halfway, and less at the very end.

Nichol and Dhariwal define the cosine schedule by its alpha_bar, a squared cosine of
t / T with a small offset, and clip every beta at 0.999; the linear schedule is defined
by its betas. Halfway (t = 500 of 1000) the two differ by a large factor; at t = T the
cosine's formula itself falls to zero (cos(pi / 2)), and only the clip of its last beta
at 0.999 keeps a thousandth of what the step before had.

Conditions: no training, no data; T, the linear schedule's ends and the cosine's offset
and clip read from `published.toml`; float64 numpy; the cosine's alpha_bar computed from
its betas and from its defining formula agree to 1e-9.
"""

import math

from snippets.generative.diffusion._schedule import (
    COSINE_MAX_BETA,
    COSINE_OFFSET,
    PAPER_T,
    alpha_bar,
    cosine_betas,
    linear_betas,
)

TOL = 1e-9  # float64 rounding of a product of 500 terms

# --8<-- [start:check]
half = PAPER_T // 2  # t = 500
linear, cosine = alpha_bar(linear_betas(PAPER_T)), alpha_bar(cosine_betas(PAPER_T))


def f(u: float) -> float:  # the cosine schedule's definition, alpha_bar(t) = f(t / T) / f(0)
    return math.cos((u + COSINE_OFFSET) / (1 + COSINE_OFFSET) * math.pi / 2) ** 2


by_formula = f(half / PAPER_T) / f(0)
assert abs(cosine[half - 1] - by_formula) < TOL, f"{cosine[half - 1]} from the betas, {by_formula} by formula"

cos_half, lin_half = cosine[half - 1], linear[half - 1]
assert cos_half > lin_half, f"cosine keeps {cos_half:.3f}, linear {lin_half:.3f}"
ratio = cos_half / lin_half
assert ratio > 6, f"halfway the cosine schedule keeps only {ratio:.1f} times as much"

cos_end, lin_end = cosine[-1], linear[-1]
assert cos_end < lin_end, f"at t = T cosine keeps {cos_end:.1e}, linear {lin_end:.1e}"
assert f(1.0) / f(0) < 1e-30, f"the formula leaves {f(1.0) / f(0):.1e} at t = T"  # cos(pi / 2) = 0
assert cosine_betas(PAPER_T)[-1] == COSINE_MAX_BETA, "the last beta is the clipped one"
assert abs(cos_end - cosine[-2] * (1 - COSINE_MAX_BETA)) < TOL, "only the clip keeps anything"
# --8<-- [end:check]
