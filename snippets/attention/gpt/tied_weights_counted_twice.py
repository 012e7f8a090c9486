"""Summing each module's own parameters counts GPT-2's tied embedding twice.

GPT-2 reads tokens in and writes logits out with one 50,257 × 768 matrix, held by two
modules (the token embedding and the output head). ``model.parameters()`` yields a
shared tensor once: 124,439,808. A tally that visits every module and adds up the
weights it holds, as some model-summary tools do, adds the matrix twice, and so does
summing the ``state_dict``, which stores it under both names: 163,037,184, that is
124,439,808 + 50,257·768, some 31% more parameters than the model has.

Assumption: each weight tensor belongs to one module, so a module-by-module sum is the model's size.
Broken by: weight tying, which puts one tensor in two modules.

Conditions: exact integer counts of the from-scratch GPT-2 small of ``_gpt.py`` on
the ``meta`` device; no training, no data.
"""

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig

# --8<-- [start:twice]
with torch.device("meta"):
    model = GPT(GPTConfig())  # GPT-2 small
assert model.lm_head.weight is model.wte.weight  # one tensor, two owners

unique = sum(p.numel() for p in model.parameters())
per_module = sum(p.numel() for m in model.modules() for p in m.parameters(recurse=False))
from_state_dict = sum(t.numel() for t in model.state_dict().values())

tied = 50257 * 768  # the shared matrix: vocabulary × width
assert unique == 124_439_808, f"parameters(): {unique:,}"
assert per_module == from_state_dict == 124_439_808 + tied == 163_037_184, (
    f"per module {per_module:,}, state_dict {from_state_dict:,}, expected {124_439_808 + tied:,}"
)
# --8<-- [end:twice]
