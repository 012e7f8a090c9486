"""Without positional encodings, a trained encoder layer cannot tell which token came first.

The task: each sequence of 8 tokens holds one “a” and one “b” among filler tokens;
the label says whether “a” comes before “b”. The data come in twins: each sequence
and the same sequence with “a” and “b” swapped, which has the opposite label. A twin
is a permutation of its partner, so an encoder layer without positions, whose outputs
only shuffle when the tokens do, followed by a mean over the tokens, gives both twins
the same logit, however it is trained: one of the two is always wrong, the accuracy
is exactly one half, and the training loss cannot fall below ln 2. The same layer,
trained the same way with the paper's sinusoidal encodings added to the embeddings,
learns the task and generalises to twins it has never seen.

Assumption: order reaches the layer only through the positional encoding added to its input.
Broken by: leaving the positional encoding out, so a sequence and its reordering are the same input to the layer.

Conditions: trained `60` full-batch Adam steps (learning rate 1e-2) on 64 random twin
pairs, tested on 256 fresh pairs; embeddings of width 32, one
`nn.TransformerEncoderLayer(32, 4, 64)` without dropout, a mean over tokens and a linear
read-out; float32, twin logits equal to 1e-5, the training loss at ln 2 or above (to
1e-5) at every one of the steps; seeds 0-5.
"""

import math
import os

import torch
from torch import nn

from snippets.attention.transformer._positional import sinusoidal_encoding

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

TOL = 1e-5  # float32 round-off: twins sum the same terms in another order
A, B, VOCAB = 0, 1, 6  # tokens 2..5 are fillers


def twin_pairs(count: int, n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """``count`` sequences with one a and one b, then their twins with a and b swapped."""
    x = torch.randint(2, VOCAB, (count, n))  # (pairs, tokens): fillers
    where = torch.stack([torch.randperm(n)[:2] for _ in range(count)])  # (pairs, 2)
    rows = torch.arange(count)
    x[rows, where[:, 0]], x[rows, where[:, 1]] = A, B
    twins = x.clone()
    twins[rows, where[:, 0]], twins[rows, where[:, 1]] = B, A
    a_first = (where[:, 0] < where[:, 1]).float()  # (pairs,)
    return torch.cat([x, twins]), torch.cat([a_first, 1 - a_first])  # twin i sits at i + count


# --8<-- [start:order]
n, d, steps = 8, 32, 60
train_x, train_y = twin_pairs(64, n)  # (128, tokens), (128,)
test_x, test_y = twin_pairs(256, n)  # (512, tokens), (512,): twins the model never saw
pe = sinusoidal_encoding(n, d, dtype=torch.float32)  # (tokens, d_model)


def train(with_positions: bool) -> tuple[float, float, float]:
    embed = nn.Embedding(VOCAB, d)
    layer = nn.TransformerEncoderLayer(d, 4, 64, dropout=0.0, batch_first=True)
    readout = nn.Linear(d, 1)
    parts = nn.ModuleList([embed, layer, readout])

    def logits(x: torch.Tensor) -> torch.Tensor:
        h = embed(x) + (pe if with_positions else 0.0)  # (batch, tokens, d_model)
        return readout(layer(h).mean(dim=1)).squeeze(-1)  # (batch,)

    optimiser = torch.optim.Adam(parts.parameters(), lr=1e-2)
    losses = []  # the training loss at every step, and after the last one
    for _ in range(steps):
        loss = nn.functional.binary_cross_entropy_with_logits(logits(train_x), train_y)
        losses.append(loss.item())
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    with torch.no_grad():
        losses.append(nn.functional.binary_cross_entropy_with_logits(logits(train_x), train_y).item())
        train_loss = min(losses)  # the lowest the loss ever fell
        z = logits(test_x)  # (512,)
        accuracy = ((z > 0).float() == test_y).float().mean().item()
        twin_gap = (z[:256] - z[256:]).abs().max().item()  # each sequence against its twin
    return accuracy, train_loss, twin_gap


blind_accuracy, blind_loss, blind_gap = train(with_positions=False)
aware_accuracy, _, _ = train(with_positions=True)
assert blind_gap < TOL, f"without positions, twins' logits differ by {blind_gap:.2e}"
assert abs(blind_accuracy - 0.5) < TOL, f"without positions, accuracy {blind_accuracy:.3f}"
assert blind_loss >= math.log(2) - TOL, f"without positions, the loss fell to {blind_loss:.4f} < ln 2 during training"
assert aware_accuracy > 0.9, f"with sinusoidal encodings, accuracy only {aware_accuracy:.3f}"
# --8<-- [end:order]
