"""Generating with Mamba carries a state of fixed size, and its work per token is
constant, so the work grows linearly in the length; attention keeps a cache that grows
with every token, and its score products grow with the square of the length.

Each Mamba block carries, per channel, the last d_conv inputs of its convolution and N
state numbers, whatever the number of tokens read: for mamba-130m, 24 x 1,536 x (4 + 16)
= 737,280 numbers. A Transformer's key-value cache stores a key and a value vector per
token and layer; for a Transformer of the same width with half the layers (the README's
rule of two Mamba blocks per Transformer layer) that is 2 x 12 x 768 = 18,432 numbers
per token, so its cache outgrows Mamba's whole state at 40 tokens.

Conditions: no training, random weights; the state sizes of mamba-130m are read from
shapes on the meta device; the running model is a small one (width 32, two blocks, 16
and 64 tokens); operations are the floating-point operations of matrix products,
counted as torch's FLOP counter counts them (2·m·n·k each), elementwise work left out.
"""

import os
import tomllib
from pathlib import Path

import torch

from snippets.sequence.ssm._ssm import MambaLM, MatmulCounter

SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))
torch.manual_seed(SEED)
torch.set_num_threads(1)
PUBLISHED = tomllib.loads((Path(__file__).parent / "published.toml").read_text(encoding="utf-8"))


def published(key: str) -> int:
    return int(PUBLISHED[key]["value"].replace(",", ""))


def numel(states) -> int:
    return sum(t.numel() for state in states for t in state)


# --8<-- [start:state]
small = MambaLM(32, 2, 64, d_state=16, d_conv=4).eval()
carried = {}
with torch.no_grad():
    for length in (16, 64):
        states = [layer.empty_state(1) for layer in small.layers]
        for token in torch.randint(0, 64, (length,)):
            _, states = small.step(token.view(1), states)
        carried[length] = numel(states)
assert carried[16] == carried[64] == 2 * 64 * (4 + 16), carried  # layers x d_inner x (d_conv + N)

d, layers = published("mamba_130m_d_model"), published("mamba_130m_n_layer")
with torch.device("meta"):
    mamba = MambaLM(d, layers, published("mamba_130m_vocab_size"), d_state=published("mamba_d_state"),
                    d_conv=published("mamba_d_conv"), expand=published("mamba_expand"))
state = numel(layer.empty_state(1) for layer in mamba.layers)  # the same at every length
inner, N, conv = published("mamba_expand") * d, published("mamba_d_state"), published("mamba_d_conv")
assert state == layers * inner * (conv + N) == 737_280, f"mamba-130m carries {state:,} numbers"

attention_layers = layers // published("mamba_blocks_per_transformer_layer")
kv_per_token = 2 * attention_layers * d  # a key and a value per layer
assert attention_layers == 12 and kv_per_token == 18_432, (attention_layers, kv_per_token)
crossover = state // kv_per_token
assert crossover * kv_per_token == state and crossover == 40, crossover  # tokens
assert 41 * kv_per_token > state, "one token later, the cache is larger than the whole state"
# --8<-- [end:state]

# --8<-- [start:flops]
def flops(fn) -> int:
    with MatmulCounter() as counter:
        fn()
    return counter.flops


def mamba_over(length):
    states = [layer.empty_state(1) for layer in small.layers]
    for token in torch.randint(0, 64, (length,)):
        _, states = small.step(token.view(1), states)


def attention_over(length, width=64):
    q = k = v = torch.randn(length, width)  # (tokens, width)
    mask = torch.ones(length, length, dtype=torch.bool).tril()  # causal
    scores = (q @ k.T / width**0.5).masked_fill(~mask, float("-inf"))  # (tokens, tokens)
    return torch.softmax(scores, dim=-1) @ v


with torch.no_grad():
    mamba_growth = flops(lambda: mamba_over(64)) / flops(lambda: mamba_over(32))
    attention_growth = flops(lambda: attention_over(64)) / flops(lambda: attention_over(32))
assert mamba_growth == 2.0, f"Mamba: twice the tokens, {mamba_growth} times the work"
assert attention_growth == 4.0, f"attention: twice the tokens, {attention_growth} times the work"
# --8<-- [end:flops]
