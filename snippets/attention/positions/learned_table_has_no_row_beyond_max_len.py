"""A learned position table is a lookup: asked for a position at or beyond its number
of rows, it raises an error instead of giving an answer.

Sinusoids, RoPE and ALiBi are formulas of the position and give a value for every
integer; a learned table has exactly the rows it was built with. (A table built larger
than the training sequences has rows for the longer ones, but training never touches
them: see the trained check on the page.)

Conditions: torch's nn.Embedding with 16 rows of width 32 at initialisation, no
training, no data; torch raises IndexError on CPU (on a GPU the same lookup fails with a
device-side assertion instead); any seed.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:lookup]
max_len = 16
table = nn.Embedding(max_len, 32)  # one learned row per position 0..15
inside = table(torch.arange(max_len))  # (16, 32): every trained position has a vector
assert inside.shape == (16, 32), f"{tuple(inside.shape)}"
try:
    table(torch.tensor([max_len]))  # position 16: the 17th token
    answered = True
except IndexError:
    answered = False
assert answered is False, "a 16-row table should have nothing for position 16"
# --8<-- [end:lookup]
