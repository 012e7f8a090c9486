"""A causal mask makes each position's output independent of later positions.

With the lower-triangular mask (query i may attend to keys 0..i), the weights above
the diagonal are exactly zero, and changing the tokens after position i leaves the
outputs at positions 0..i unchanged, bit for bit. Without the mask, the same change
moves every output: the future leaks into the past, which is what a language
model trained with teacher forcing must not see.

Conditions: the from-scratch attention with no learned weights (queries, keys and
values are the tokens themselves), 8 random Gaussian tokens of width 16, float32; the
masked outputs compared bit for bit, the unmasked ones moving by more than 1e-2;
seeds 0-5.
"""

import os

import torch

from snippets.attention.attention._attention import attention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

LEAK = 1e-2  # an unmasked output moves by far more than this when the future changes

# --8<-- [start:causal]
n, d, cut = 8, 16, 4  # positions 0..3 are the past, 4..7 the future
x = torch.randn(1, n, d)  # (batch, tokens, d)
x_new_future = x.clone()
x_new_future[:, cut:] = torch.randn(1, n - cut, d)  # rewrite only the future
causal = torch.ones(n, n, dtype=torch.bool).tril()  # (queries, keys)

out, weights = attention(x, x, x, mask=causal)  # (batch, tokens, d), (batch, queries, keys)
out_new, _ = attention(x_new_future, x_new_future, x_new_future, mask=causal)
above_diagonal = weights[0][~causal]
assert (above_diagonal == 0).all(), f"weight on a future key: {above_diagonal.max().item()}"
assert torch.equal(out[:, :cut], out_new[:, :cut]), "the past changed when the future did"

# Without the mask, the past's outputs move.
open_out, _ = attention(x, x, x)
open_new, _ = attention(x_new_future, x_new_future, x_new_future)
leak = (open_out[:, :cut] - open_new[:, :cut]).abs().max().item()
assert leak > LEAK, f"without the mask the past moved by only {leak:.2e}"
# --8<-- [end:causal]
