"""After the paper's 1000 linear steps, almost nothing of the data is left in x_T.

The signal's coefficient after t steps is sqrt(alpha_bar_t), and
``log alpha_bar_T = sum log(1 - beta_t)``, which is close to ``-sum beta_t`` while the
betas are small. So what decides how much of the data survives is the sum of the
betas, not their number: the toy's schedule, stretched to 50 steps with both ends
multiplied by 1000/50, has the same sum and ends as close to pure noise.

Conditions: no training, no data; the paper's T, beta_1 and beta_T read from
`published.toml`; float64 numpy; the sum of the betas checked against the arithmetic
series to 1e-9; the first-order estimate exp(-sum beta) within a 10% tolerance.
"""

import numpy as np

from snippets.generative.diffusion._schedule import (
    PAPER_BETA_1,
    PAPER_BETA_T,
    PAPER_T,
    alpha_bar,
    linear_betas,
)

TOL = 1e-9  # float64 rounding of a sum of 1000 terms
RATIO_TOL = 0.1  # how far the first-order estimate may be off: the betas are not infinitesimal

# --8<-- [start:paper]
betas = linear_betas(PAPER_T)  # (1000,)
total = betas.sum()
series = PAPER_T * (PAPER_BETA_1 + PAPER_BETA_T) / 2  # an arithmetic series, summed by hand
assert abs(total - series) < TOL, f"the betas add up to {total}, the series says {series}"

a_bar_T = alpha_bar(betas)[-1]  # the product of all 1000 (1 - beta_t)
estimate = np.exp(-series)  # log(1 - beta) ~ -beta
assert a_bar_T < estimate, f"log(1 - beta) < -beta, so {a_bar_T:.2e} should fall below {estimate:.2e}"
assert abs(a_bar_T / estimate - 1) < RATIO_TOL, f"alpha_bar_T {a_bar_T:.2e} vs exp(-sum) {estimate:.2e}"
signal = np.sqrt(a_bar_T)  # the coefficient of x_0 in x_T
assert signal < 0.01, f"x_T still carries {signal:.4f} of x_0"
# --8<-- [end:paper]

# --8<-- [start:toy]
toy_betas = linear_betas(50)  # both ends multiplied by 1000 / 50: 0.002 ... 0.4
assert abs(toy_betas.sum() - total) < TOL, f"the toy's betas add up to {toy_betas.sum()}, not {total}"
toy_signal = np.sqrt(alpha_bar(toy_betas)[-1])
assert toy_signal < signal, f"the toy keeps {toy_signal:.4f} of x_0, the paper {signal:.4f}"
# --8<-- [end:toy]
