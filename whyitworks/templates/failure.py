"""TODO: the failure, in one sentence, and the conditions under which it happens.

Assumption: TODO what the architecture assumes.
Broken by: TODO what breaks the assumption.
Conditions: TODO: trained (how, on what structured data), the sizes, the seeds it holds
for, the margin.

Rename this file after the failure, ending in `_fails.py` (`stride_drops_pixels_fails.py`),
and the include on the page with it.
"""

import os

import torch

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:check]
raise NotImplementedError(
    "write the check: break the assumption and assert that the failure happens "
    "(the error is raised and says so, or the output moves by more than a stated amount)"
)
failed = None
assert failed, "the failure should happen when the assumption is broken"
# --8<-- [end:check]
