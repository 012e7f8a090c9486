"""Padding a short sequence and running the LSTM over the pads changes its final state.

Batching sequences of different lengths means padding the short ones to the longest.
`nn.LSTM` does not know where a sequence ends: fed a padded batch, it keeps stepping
through the pads, and the h_n it returns for the short sequence is the state after
the padding, not after the sequence's last real step. Zero pads are not neutral: even
a zero input moves the state through the biases and the recurrent weights.
`pack_padded_sequence` tells the LSTM each length, and its h_n is then the state
after each sequence's own last step.

Assumption: every step the LSTM reads belongs to the sequence.
Broken by: zero padding fed to the LSTM as if it were data, without pack_padded_sequence.

Conditions: random weights at initialisation (no training); two white-noise sequences of 20 and 4 steps × 4 features, zero-padded, hidden size 16; seeds 0-5; more than 10% of the norm moved (26% to 125% measured), packing recovers it to 1e-6.
"""

import os

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# float32 rounding; the padded state is off by orders of magnitude more
TOL = 1e-6
# Sixteen zero pads move the short sequence's final state by 26% to 125% of its norm
# (seeds 0..15); 10% is far above rounding and well below what the pads do.
BROKEN = 0.1

# --8<-- [start:pad]
i, h = 4, 16
lstm = nn.LSTM(i, h)
long_seq, short_seq = torch.randn(20, i), torch.randn(4, i)  # (time, features)
padded = torch.zeros(20, 2, i)  # (time, batch, features): zero-padded to the longest
padded[:, 0], padded[:4, 1] = long_seq, short_seq

with torch.no_grad():
    _, (h_alone, _) = lstm(short_seq.unsqueeze(1))  # the short sequence on its own
    _, (h_padded, _) = lstm(padded)  # stepped through 16 pads after its end
    packed = pack_padded_sequence(padded, lengths=[20, 4])
    _, (h_packed, _) = lstm(packed)

moved = ((h_padded[0, 1] - h_alone[0, 0]).norm() / h_alone[0, 0].norm()).item()
assert moved > BROKEN, f"the pads moved h_n by only {moved:.1%} of its norm"
assert (h_packed[0, 1] - h_alone[0, 0]).abs().max() < TOL, "packing did not recover h_n"
# --8<-- [end:pad]
