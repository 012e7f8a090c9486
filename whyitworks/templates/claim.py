"""TODO: state the claim, and the conditions it holds under.

Conditions: TODO: trained (how, on what data) or at initialisation, the sizes, the seeds
it holds for, the tolerance.

Rename this file after the claim (`conv_param_count.py`) and the include on the page
with it.
"""

import os

import torch

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
raise NotImplementedError(
    "write the check: build the thing, measure it, and assert it against an expected "
    "value from a formula, a published figure or a second method"
)
got = expected = None  # measured, and from an independent source
assert got == expected, f"expected {expected}, got {got}"
# --8<-- [end:check]
