"""The lab's ALiBi Transformer cannot tell a sequence from its reverse; RoPE's and the
sinusoidal one can.

Reversing a sequence moves token i to position n - 1 - i. The ALiBi bias depends only on
|i - j|, which reversal keeps, so every token's attention scores, and with them its output,
are the same as before, only listed in the opposite order; the mean over tokens then
forgets the order entirely. Nothing else in the block knows where a token stands. RoPE
turns a query and a key by their signed offset, which reversal negates, and the
sinusoidal table adds each position's own vector, so both see the change.

This is structure, not training: it holds for any weights, so it is checked on freshly
built models. On the lab's task, whose answer does not depend on order, it costs nothing.

Conditions: the sequence lab's Transformer (snippets/lab/sequence/_lab.py), freshly built
with torch's initialisation, float32, in evaluation mode; 64 random sequences of 16 of
the lab's tokens, drawn under the run's seed. Seen on seeds 0-5: the ALiBi model's logits
moved by at most 1.2e-7 (float32 rounding), the RoPE model's by 0.016 to 0.018, the
sinusoidal model's by 0.050 to 0.087.
"""

import torch

from snippets.lab.sequence._lab import VOCAB, Transformer

TOL = 1e-5  # float32 rounding: the same sums, added in a different order
SEEN = 1e-3  # far above rounding

tokens = torch.randint(0, VOCAB, (64, 16))  # (batch, tokens)
reversed_tokens = tokens.flip(1)

# --8<-- [start:reverse]
with torch.no_grad():
    gap = {}
    for positions in ("alibi", "rope", "sinusoidal"):
        model = Transformer(positions).eval()
        gap[positions] = (model(tokens) - model(reversed_tokens)).abs().max().item()
assert gap["alibi"] < TOL, f"ALiBi's logits moved by {gap['alibi']:.2e} under reversal"
assert gap["rope"] > SEEN, f"RoPE's logits moved by only {gap['rope']:.2e}"
assert gap["sinusoidal"] > SEEN, f"the sinusoidal model's logits moved by only {gap['sinusoidal']:.2e}"
# --8<-- [end:reverse]
