"""Tiled attention's largest tensor grows linearly with the length; the naive one's, quadratically.

Every tensor a torch operation returns is recorded (a ``TorchFunctionMode`` sees each
call and its result) while one head of attention runs on n tokens. The textbook
formula materialises the n×n score matrix (and its softmax), so its largest tensor
quadruples when n doubles. The tiled version holds one tile of scores at a time, a
fixed size, and its largest tensor is the n×d output itself, which doubles. The
arithmetic is another matter: the same recorder adds up the FLOPs of every matrix
product it sees (2·m·k·n for an (m, k) by (k, n) product, from the shapes actually
multiplied), and both paths come to the 4·n²·d that the formula gives by hand;
tiling changes where the scores live, not how many are computed. (On a GPU that is
the point: FlashAttention's gain is in memory traffic, not in arithmetic.)

A ``TorchFunctionMode`` sees the tensors that the Python code's torch calls return,
not buffers a fused kernel might allocate inside one call; both attention functions
here are written in plain tensor operations, so every intermediate is such a return
value. It is used rather than a ``TorchDispatchMode`` or torch's ``FlopCounterMode``
because both of those import ``torch._dynamo`` on first use, about 1.5 s of CPU in a
fresh process, more than the whole measurement.

Conditions: no training; one head of width 64, white-noise inputs of 128, 256 and
512 tokens, float32, tiles of 64 queries by 32 keys, no mask; forward pass only;
torch 2.13 on the CPU. Exact byte and FLOP counts (FLOPs of matrix products only).
These are the sizes of the largest single tensor a torch call returns, not the
process's peak memory and not memory traffic. They do not depend on the seed.
"""

import os

import torch
from torch.overrides import TorchFunctionMode

from snippets.attention.efficient_attention._attention import blocked_attention, naive_attention

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)  # tiny tensors: threads cost more than they save

MATMULS = ("matmul", "__matmul__")  # `a @ b` arrives as Tensor.matmul


class Recorder(TorchFunctionMode):
    """Records the largest tensor any torch operation returns, and the FLOPs of matrix products."""

    def __init__(self) -> None:
        super().__init__()
        self.largest, self.flops = 0, 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for t in out if isinstance(out, (tuple, list)) else (out,):
            if isinstance(t, torch.Tensor):
                self.largest = max(self.largest, t.numel() * t.element_size())
        if getattr(func, "__name__", "") in MATMULS:  # (..., m, k) @ (..., k, n): m·n outputs, k multiply-adds each
            self.flops += 2 * out.numel() * args[0].shape[-1]
        return out


d = 64  # width of one head
lengths = (128, 256, 512)
inputs = {n: torch.randn(3, 1, n, d) for n in lengths}  # q, k, v: each (batch, tokens, d)
runs = {}  # (path, n) -> the recorder of one forward pass
for n, (q, k, v) in inputs.items():
    for path, attend in (("naive", naive_attention),
                         ("tiled", lambda q, k, v: blocked_attention(q, k, v, block_q=64, block_k=32))):
        with Recorder() as seen:
            attend(q, k, v)
        runs[path, n] = seen

# --8<-- [start:memory]
naive_bytes = {n: runs["naive", n].largest for n in lengths}
tiled_bytes = {n: runs["tiled", n].largest for n in lengths}
for n in lengths:
    assert naive_bytes[n] == n * n * 4, f"n={n}: naive largest {naive_bytes[n]:,} B, the n×n scores"
    assert tiled_bytes[n] == n * d * 4, f"n={n}: tiled largest {tiled_bytes[n]:,} B, the n×d output"
for n in (256, 512):
    assert naive_bytes[n] / naive_bytes[n // 2] == 4, f"naive grew {naive_bytes[n] / naive_bytes[n // 2]}×"
    assert tiled_bytes[n] / tiled_bytes[n // 2] == 2, f"tiled grew {tiled_bytes[n] / tiled_bytes[n // 2]}×"
assert naive_bytes[512] / 2**20 == 1 and tiled_bytes[512] / 2**10 == 128, (naive_bytes, tiled_bytes)
# --8<-- [end:memory]

# --8<-- [start:flops]
flops = {}
for n in lengths:
    naive, tiled = runs["naive", n].flops, runs["tiled", n].flops  # counted from the shapes multiplied
    assert naive == tiled == 4 * n * n * d, f"n={n}: naive {naive:,}, tiled {tiled:,} FLOPs"
    flops[n] = tiled
for n in (256, 512):
    assert flops[n] / flops[n // 2] == 4, f"doubling n to {n} multiplied the FLOPs by {flops[n] / flops[n // 2]}"
# --8<-- [end:flops]
