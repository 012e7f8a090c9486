"""Reading the output at one fixed position smuggles order into a model without positions.

The who-bites task of `self_attention_cannot_learn_word_order_fails.py`, with the same
model and training, no position embedding, but the read-out takes the output at the
first position instead of the mean over tokens. Self-attention is still
permutation-equivariant, but choosing which position to read is order information:
the first output belongs to “dog” in one sentence and to “man” in the other, so the
model can tell them apart and fits both.

Conditions: trained `150` full-batch Adam steps on the two sentences; embeddings of
width 16, one `nn.MultiheadAttention` with 2 heads, a linear read-out of the first
position's output, no positional information; float32; seeds 0-5.
"""

import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:first]
d_model, steps = 16, 150
sentences = torch.tensor([[0, 1, 2], [2, 1, 0]])  # (batch, tokens): dog bites man, man bites dog
labels = torch.tensor([1.0, 0.0])  # 1: the dog bites
embed = nn.Embedding(3, d_model)
attend = nn.MultiheadAttention(d_model, num_heads=2, batch_first=True)
readout = nn.Linear(d_model, 1)


def logits() -> torch.Tensor:
    x = embed(sentences)  # (batch, tokens, d_model): no positions added
    tokens = attend(x, x, x, need_weights=False)[0]  # (batch, tokens, d_model)
    return readout(tokens[:, 0]).squeeze(-1)  # (batch,): the first position only


optimiser = torch.optim.Adam([*embed.parameters(), *attend.parameters(), *readout.parameters()], lr=1e-2)
for _ in range(steps):
    loss = nn.functional.binary_cross_entropy_with_logits(logits(), labels)
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
with torch.no_grad():
    final_loss = nn.functional.binary_cross_entropy_with_logits(logits(), labels).item()
assert final_loss < 0.01, f"read at the first position, the loss is still {final_loss:.4f}"
# --8<-- [end:first]
