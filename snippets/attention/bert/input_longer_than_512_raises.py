"""BERT reads at most 512 positions: a longer input raises an error.

Positions are rows of a learned table with 512 rows, and there is no row 512. The
from-scratch model checks the length first and raises a ``ValueError`` that names the
limit. Without that check the failure comes from the lookup itself, as an
``IndexError`` whose message ("index out of range in self") says nothing about
positions: the message many users of BERT meet first.

Assumption: every position of the input has a row in the learned position table.
Broken by: an input of more than 512 tokens.

Conditions: the from-scratch BERT of ``_bert.py`` with the released 512 positions
and tiny widths (one layer of width 16), random weights, random token ids, so that the
check runs instantly; torch 2.13's message for the bare lookup. The ValueError is the
reference implementation's own guard, not a property of the architecture.
"""

import torch

from snippets.attention.bert._bert import BertConfig, BertModel

# --8<-- [start:limit]
config = BertConfig(vocab_size=100, max_positions=512, d_model=16, n_layers=1, n_heads=2, d_ff=32)
model = BertModel(config).eval()
fits = torch.randint(0, config.vocab_size, (1, 512))  # (batch, tokens): exactly the limit
too_long = torch.randint(0, config.vocab_size, (1, 513))  # (batch, tokens): one more

with torch.no_grad():
    hidden, _ = model(fits)
    assert hidden.shape == (1, 512, 16), hidden.shape
    message = ""
    try:
        model(too_long)
    except ValueError as error:
        message = str(error)
        assert "513 positions" in message and "512 only" in message, f"got: {message!r}"
assert message, "expected a ValueError for 513 tokens"

# The bare table, asked for row 512, fails with a message that does not say why.
raw = ""
try:
    model.embeddings.position(torch.arange(513))
except IndexError as error:
    raw = str(error)
    assert raw == "index out of range in self", f"got: {raw!r}"
assert raw, "expected an IndexError from the bare lookup"
# --8<-- [end:limit]
