"""Per time step a GRU does three quarters of an LSTM's arithmetic and carries half its state.

Both layers spend their time in the same two matrix products per step, W_ih x_t and
W_hh h_{t-1}; the GRU's are 3h rows tall where the LSTM's are 4h, so it does 3/4 of
the multiply-adds. Between steps the LSTM passes two h-wide vectors, h and the cell
state c; the GRU passes one, h, which is both its memory and its output.

Conditions: random weights at initialisation (no training), white-noise input of 12 steps × 2 sequences × 10 features, hidden size 20; exact counts of the floating-point operations torch 2.13's FlopCounterMode reports on the CPU (the LSTM with oneDNN off, whose fused kernel would hide its products); seeds 0-5.
"""

import os
import warnings

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)

# --8<-- [start:flops]
seq_len, batch, i, h = 12, 2, 10, 20
x = torch.randn(seq_len, batch, i)  # (time, batch, features)
gru, lstm = nn.GRU(i, h), nn.LSTM(i, h)

with FlopCounterMode(display=False) as counter:
    gru(x)
gru_flops = counter.get_total_flops()
with warnings.catch_warnings(action="ignore"):  # the oneDNN switch warns about Intel GPUs
    # oneDNN's fused LSTM kernel hides its products from the counter; torch's own loop does not
    with torch.backends.mkldnn.flags(enabled=False), FlopCounterMode(display=False) as counter:
        lstm(x)
lstm_flops = counter.get_total_flops()

assert gru_flops == 2 * batch * seq_len * 3 * h * (i + h), f"GRU: {gru_flops:,}"
assert lstm_flops == 2 * batch * seq_len * 4 * h * (i + h), f"LSTM: {lstm_flops:,}"
assert gru_flops / lstm_flops == 0.75, f"GRU/LSTM work: {gru_flops / lstm_flops:.3f}"
with FlopCounterMode(display=False) as counter:
    gru(torch.randn(4 * seq_len, batch, i))  # four times the length
assert counter.get_total_flops() == 4 * gru_flops, f"GRU at 4T: {counter.get_total_flops():,}"
# --8<-- [end:flops]

# --8<-- [start:state]
_, gru_state = gru(x)  # h_n: (layers, batch, hidden)
_, lstm_state = lstm(x)  # (h_n, c_n): two of them
gru_carried = gru_state.numel() // batch
lstm_carried = sum(s.numel() for s in lstm_state) // batch
assert gru_carried == h and lstm_carried == 2 * h, f"GRU {gru_carried}, LSTM {lstm_carried}"
# --8<-- [end:state]
