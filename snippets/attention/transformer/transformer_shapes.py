"""Every sub-layer of the Transformer keeps the width d_model, on every token.

Traced with forward hooks through the default `nn.Transformer()` on the meta device
(shapes only, no arithmetic): self-attention, cross-attention and the feed-forward
net all map (batch, tokens, 512) to (batch, tokens, 512); only the feed-forward
net's hidden layer is wider, 2048. Cross-attention returns one vector per *target*
token, whatever the source length: the source sets what is read, the target sets
how many read it.

Conditions: shapes only, on the meta device (no arithmetic, no data, no
training), for the default `nn.Transformer()` of torch 2.13, 2 sequences of 10 source
and 7 target tokens; cross-attention also traced with sources of 3 and 25 tokens.
"""

import torch
from torch import nn

# --8<-- [start:trace]
batch, n_src, n_tgt = 2, 10, 7
model = nn.Transformer(batch_first=True, device="meta").eval()  # d_model 512, d_ff 2048
shapes = {}


def record(name: str):
    def hook(module, args, output):
        out = output[0] if isinstance(output, tuple) else output  # attention returns (out, weights)
        shapes[name] = tuple(out.shape)
    return hook


enc, dec = model.encoder.layers[0], model.decoder.layers[0]
for name, module in {
    "encoder self-attention": enc.self_attn, "encoder feed-forward hidden": enc.linear1,
    "encoder layer": enc, "memory": model.encoder,
    "decoder self-attention": dec.self_attn, "decoder cross-attention": dec.multihead_attn,
    "decoder feed-forward hidden": dec.linear1, "decoder output": model.decoder,
}.items():
    module.register_forward_hook(record(name))

src = torch.empty(batch, n_src, 512, device="meta")  # (batch, source tokens, d_model)
tgt = torch.empty(batch, n_tgt, 512, device="meta")  # (batch, target tokens, d_model)
model(src, tgt)  # masks change values, not shapes; a meta mask could not be inspected anyway

expected = {
    "encoder self-attention": (batch, n_src, 512),
    "encoder feed-forward hidden": (batch, n_src, 2048),
    "encoder layer": (batch, n_src, 512),
    "memory": (batch, n_src, 512),
    "decoder self-attention": (batch, n_tgt, 512),
    "decoder cross-attention": (batch, n_tgt, 512),  # one row per target token
    "decoder feed-forward hidden": (batch, n_tgt, 2048),
    "decoder output": (batch, n_tgt, 512),
}
for name, shape in expected.items():
    assert shapes[name] == shape, f"{name}: expected {shape}, got {shapes[name]}"
for other_src in (3, 25):  # other source lengths: the memory follows them, cross-attention does not
    model(torch.empty(batch, other_src, 512, device="meta"), tgt)
    assert shapes["memory"] == (batch, other_src, 512), f"memory: got {shapes['memory']}"
    assert shapes["decoder cross-attention"] == (batch, n_tgt, 512), (
        f"source of {other_src} tokens: cross-attention gave {shapes['decoder cross-attention']}"
    )
# --8<-- [end:trace]
