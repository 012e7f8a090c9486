"""The two GELUs BERT is run with differ, by less than 5e-4.

GELU is x·Φ(x), with Φ the standard normal CDF. The current TensorFlow code of BERT
(google-research/bert, ``modeling.py``, function ``gelu``) computes the tanh
approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))); its first release computed
the exact form with erf, and so does Hugging Face's ``BertModel`` with
``hidden_act="gelu"``, which loads the same checkpoints. The two are not the same
function, but on a fine grid they never differ by more than 5e-4; a port that must
match one implementation bit for bit needs that implementation's form.

Conditions: no model, no training; the two formulas in float64 on 200,001 evenly
spaced points of [-10, 10]; the largest gap is about 4.7e-4, near |x| = 2.7.
"""

import math

import torch
import torch.nn.functional as F

# --8<-- [start:gap]
x = torch.linspace(-10, 10, 200_001, dtype=torch.float64)  # a grid with step 1e-4, float64
exact = x * 0.5 * (1 + torch.erf(x / math.sqrt(2)))  # x·Φ(x), written out
tanh_form = 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))  # modeling.py
assert torch.allclose(exact, F.gelu(x), atol=1e-12), "the exact form is torch's default GELU"
assert torch.allclose(tanh_form, F.gelu(x, approximate="tanh"), atol=1e-12), "the tanh form is torch's"
gap = (exact - tanh_form).abs().max().item()
assert gap > 1e-4, f"the two forms should differ, largest gap {gap:.2g}"
assert gap < 5e-4, f"largest gap {gap:.2g}"
# --8<-- [end:gap]
