"""Routing Mixtral 8x7B's tokens to one expert instead of two leaves its size unchanged
and cuts what a token uses from 12,879,925,248 to 7,242,780,672 parameters.

The configuration is the published one (read from ``published.toml``) with only
``num_experts_per_tok`` changed from 2 to 1, as in Switch Transformer's top-1 routing.
Both models are built on the ``meta`` device; the expected counts are written out
from the parts of a layer.

Conditions: exact integer counts on the meta device, no training, no data; Mixtral
8x7B's published configuration with top-1 in place of top-2.
"""

from dataclasses import replace

import torch

from snippets.attention.moe._moe import MoEConfig, MoEDecoder, active_parameters, count

torch.set_num_threads(1)  # counting only: no work for a second thread
c = MoEConfig.mixtral_8x7b()
d, f, L = c.hidden_size, c.intermediate_size, c.num_hidden_layers

# --8<-- [start:check]
with torch.device("meta"):
    top2 = MoEDecoder(c)
    top1 = MoEDecoder(replace(c, num_experts_per_tok=1))
expert = 3 * d * f  # one SwiGLU expert: w1, w3 (d -> f) and w2 (f -> d)
assert count(top1) == count(top2) == 46_702_792_704, "the same weights are stored"
assert active_parameters(top2) == 12_879_925_248, f"top-2: {active_parameters(top2):,}"
assert active_parameters(top1) == active_parameters(top2) - L * expert == 7_242_780_672, (
    f"top-1 drops one expert per layer: {active_parameters(top1):,}"
)
assert active_parameters(top1) < active_parameters(top2), "fewer parameters per token"
ratio = active_parameters(top1) / active_parameters(top2)
assert round(ratio, 2) == 0.56, f"a token uses {ratio:.0%} of what it used"  # not half: attention and tables stay
# --8<-- [end:check]
