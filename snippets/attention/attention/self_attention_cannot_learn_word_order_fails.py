"""Trained without positions, self-attention cannot learn who bites whom.

Two sentences, “dog bites man” and “man bites dog”, labelled by which animal bites.
A model made of token embeddings, one self-attention layer, a mean over the tokens
and a linear read-out is trained on both. Without positional information the second
sentence is a permutation of the first, so self-attention gives every word the same
output in both (permutation equivariance), the mean over tokens is the same, and so is
the prediction: whatever the training does, one of the two labels is missed and the
binary cross-entropy of the pair can never fall below ln 2. The same model with a
learned position embedding added to the tokens fits both sentences.

Assumption: order is supplied from outside the attention (positional information).
Broken by: training on an order-dependent task with no positional encoding, so the two word orders are the same input to the model.

Conditions: trained `150` full-batch Adam steps on the two sentences; embeddings of
width 16, one `nn.MultiheadAttention` with 2 heads, mean over the three tokens, a
linear read-out; float32, equalities to 1e-5, the blind model's loss at ln 2 or above
(to 1e-5) at every step; seeds 0-5.
"""

import math
import os

import torch
from torch import nn

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off: the two runs sum the same terms in another order

# --8<-- [start:train]
d_model, steps = 16, 150
vocab = {"dog": 0, "bites": 1, "man": 2}
sentences = torch.tensor([[0, 1, 2], [2, 1, 0]])  # (batch, tokens): dog bites man, man bites dog
labels = torch.tensor([1.0, 0.0])  # 1: the dog bites


def train(with_positions: bool) -> tuple[torch.Tensor, torch.Tensor, list[float]]:
    embed = nn.Embedding(len(vocab), d_model)
    position = nn.Embedding(3, d_model)  # one learned vector per position, used or not
    attend = nn.MultiheadAttention(d_model, num_heads=2, batch_first=True)
    readout = nn.Linear(d_model, 1)
    parts = nn.ModuleList([embed, position, attend, readout])

    def forward() -> tuple[torch.Tensor, torch.Tensor]:
        x = embed(sentences)  # (batch, tokens, d_model)
        if with_positions:
            x = x + position.weight  # position i gets position.weight[i]
        tokens = attend(x, x, x, need_weights=False)[0]  # (batch, tokens, d_model)
        return tokens, readout(tokens.mean(dim=1)).squeeze(-1)  # (batch,) logits

    optimiser = torch.optim.Adam(parts.parameters(), lr=1e-2)
    losses = []  # the loss at every step, and after the last one
    for _ in range(steps):
        loss = nn.functional.binary_cross_entropy_with_logits(forward()[1], labels)
        losses.append(loss.item())
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    with torch.no_grad():
        tokens, logits = forward()
        losses.append(nn.functional.binary_cross_entropy_with_logits(logits, labels).item())
    return tokens, logits, losses


blind_tokens, blind_logits, blind_losses = train(with_positions=False)
_, _, aware_losses = train(with_positions=True)
blind_loss = min(blind_losses)  # the lowest the loss ever fell, at any step
aware_loss = aware_losses[-1]  # the loss after training

dog_gap = (blind_tokens[0, 0] - blind_tokens[1, 2]).abs().max().item()  # “dog”: first, then last
logit_gap = (blind_logits[0] - blind_logits[1]).abs().item()
assert dog_gap < TOL, f"after training, “dog” differs between the two sentences by {dog_gap:.2e}"
assert logit_gap < TOL, f"after training, the two sentences' logits differ by {logit_gap:.2e}"
assert blind_loss >= math.log(2) - TOL, f"without positions the loss fell to {blind_loss:.4f} < ln 2"
assert aware_loss < 0.01, f"with positions the loss is still {aware_loss:.4f}"
# --8<-- [end:train]
