"""GPT-2 cannot read or generate past its last learned position.

Positions are rows of a learned table with ``n_positions`` rows (1,024 in GPT-2):
there is no row for the next one. The from-scratch model refuses such an input with a
message that names the limit, whether the sequence arrives whole or one token at a
time through the key/value cache; the cache lets generation walk into the limit
mid-sequence.

Assumption: every position of the input has a row in the learned position table.
Broken by: a sequence, or a generation loop, that runs past ``n_positions``.

Conditions: the from-scratch GPT of ``_gpt.py`` with a 16-position table (2 blocks,
width 32), random weights, random token ids, so the check runs instantly; the guard
is the same code path at 1,024 positions. The error is raised by the reference
implementation's own guard, not by the architecture.
"""

import os

import torch

from snippets.attention.gpt._gpt import GPT, GPTConfig

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:limit]
config = GPTConfig(vocab_size=64, n_positions=16, d_model=32, n_layers=2, n_heads=4)
model = GPT(config).eval()
fits = torch.randint(0, config.vocab_size, (1, config.n_positions))  # (batch, 16 tokens)
too_long = torch.randint(0, config.vocab_size, (1, config.n_positions + 1))  # one more

with torch.no_grad():
    logits, caches = model(fits)  # every position has a row: fine
    assert logits.shape == (1, 16, 64), logits.shape
    errors = []
    for call in (lambda: model(too_long), lambda: model(fits[:, :1], caches)):  # whole, then cached
        try:
            call()
        except ValueError as error:
            errors.append(str(error))
            assert "past the last learned position (15)" in str(error), str(error)
assert len(errors) == 2, f"expected both calls to raise, got {errors}"
# --8<-- [end:limit]
