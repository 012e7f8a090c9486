"""An LSTM's work grows linearly with sequence length and runs as one step after another.

Step t needs the state of step t-1, so the recurrent matrix product cannot start
before the previous one has finished. Recording the matrix products `nn.LSTM` issues
(on the CPU, with oneDNN off so that torch's own loop runs) shows the split: the
input half of the work, W_ih x_t for every t, is a single product over all time steps
at once; the recurrent half, W_hh h_{t-1}, is one product per step, T in a row. The
floating-point operations add up to 2·batch·T·4h(i + h): linear in T.

Conditions: random weights at initialisation (no training), white-noise inputs, batch 2, 10 features, hidden size 20; exact counts of the matrix products and floating-point operations torch 2.13 issues on the CPU with oneDNN off (a fused kernel would hide them); seeds 0-5.
"""

import os
import warnings

import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils.flop_counter import FlopCounterMode

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)


class MatmulLog(TorchDispatchMode):
    """Record the shape of the left operand of every matrix product torch runs."""

    def __init__(self) -> None:
        super().__init__()
        self.lefts: list[tuple[int, ...]] = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        if func is torch.ops.aten.addmm.default:
            self.lefts.append(tuple(args[1].shape))  # addmm(bias, left, right)
        return func(*args, **(kwargs or {}))


batch, i, h = 2, 10, 20
lstm = nn.LSTM(i, h)

# --8<-- [start:matmuls]
for seq_len in (3, 30):
    x = torch.randn(seq_len, batch, i)  # (time, batch, features)
    log = MatmulLog()
    with warnings.catch_warnings(action="ignore"):  # the oneDNN switch warns about Intel GPUs
        with torch.backends.mkldnn.flags(enabled=False), log:
            lstm(x)
    input_products = [s for s in log.lefts if s == (seq_len * batch, i)]  # all steps at once
    recurrent_products = [s for s in log.lefts if s == (batch, h)]  # one per step
    assert len(input_products) == 1, f"input products: {len(input_products)}"
    assert len(recurrent_products) == seq_len, (
        f"T={seq_len}: {len(recurrent_products)} recurrent products"
    )
# --8<-- [end:matmuls]

# --8<-- [start:flops]
flops = {}
for seq_len in (16, 64):
    x = torch.randn(seq_len, batch, i)  # (time, batch, features)
    with warnings.catch_warnings(action="ignore"):
        with torch.backends.mkldnn.flags(enabled=False), FlopCounterMode(display=False) as counter:
            lstm(x)
    flops[seq_len] = counter.get_total_flops()
    expected = 2 * batch * seq_len * 4 * h * (i + h)  # 2 flops per multiply-add, 4 gates
    assert flops[seq_len] == expected, (
        f"T={seq_len}: expected {expected:,}, counted {flops[seq_len]:,}"
    )
assert flops[64] / flops[16] == 4.0, f"4x the length, {flops[64] / flops[16]:.2f}x the work"
# --8<-- [end:flops]

# --8<-- [start:depends]
x = torch.randn(6, 1, i, requires_grad=True)  # (time, batch, features)
outputs, _ = lstm(x)  # (time, batch, hidden)
t = 3
(grad,) = torch.autograd.grad(outputs[t].sum(), x)  # how h_t responds to every input
reach = grad.abs().sum(dim=(1, 2))  # (time,)
# every step: a non-zero gradient from each input up to t, an exact zero from each after it
assert (reach != 0).tolist() == [step <= t for step in range(len(x))], (
    f"h_{t} should depend on inputs 0..{t} and on none after: {reach.tolist()}"
)
# --8<-- [end:depends]
