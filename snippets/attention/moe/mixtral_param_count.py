"""Mixtral 8x7B holds 46,702,792,704 parameters, of which a token uses 12,879,925,248.

The decoder is built from the published configuration (read from ``published.toml``,
the values of the official config.json) on the ``meta`` device, counted, and compared
with the count written out by hand, part by part. The active count takes away, in
every layer, the experts a token is not sent to. Both counts round to the figures
Mistral AI and the paper published. A last check doubles the number of experts: the
total grows by one expert and one router row per layer for each expert added, the
active count only by the router rows.

Conditions: exact integer counts on the meta device, no training, no data; Mixtral
8x7B's published configuration (width 4,096, 32 layers, 8 experts of hidden width
14,336, top-2, 32 query and 8 key-value heads, vocabulary 32,000, untied head);
RMSNorm with a gain only and no biases anywhere, as in the released checkpoints.
"""

from dataclasses import replace

import torch

from snippets.attention.moe._moe import (
    MoEConfig,
    MoEDecoder,
    active_parameters,
    count,
    published_number,
)

torch.set_num_threads(1)  # counting only: no work for a second thread
c = MoEConfig.mixtral_8x7b()

# --8<-- [start:total]
d, f, L, V = c.hidden_size, c.intermediate_size, c.num_hidden_layers, c.vocab_size
E, k = c.num_local_experts, c.num_experts_per_tok
head_dim = d // c.num_attention_heads
with torch.device("meta"):  # shapes without storage: counting costs nothing
    model = MoEDecoder(c)
got = count(model)

attention = 2 * d * (c.num_attention_heads * head_dim) + 2 * d * (c.num_key_value_heads * head_dim)  # q, o; k, v
expert = 3 * d * f  # w1 and w3: d -> f, w2: f -> d
router = d * E  # one score per expert
norms = 2 * d  # two RMSNorm gains per layer
per_layer = attention + router + E * expert + norms
expected = 2 * V * d + L * per_layer + d  # token table, untied head, layers, final norm
assert (E, k, L) == (8, 2, 32), f"Mixtral 8x7B: {E} experts, top-{k}, {L} layers"
assert expert == count(model.layers[0].block_sparse_moe.experts[0]) == 176_160_768, f"one expert: {expert:,}"
assert got == expected == 46_702_792_704, f"expected {expected:,}, got {got:,}"
# --8<-- [end:total]

# --8<-- [start:active]
got_active = active_parameters(model)
expected_active = expected - L * (E - k) * expert  # each layer skips E - k experts
assert got_active == expected_active == 12_879_925_248, f"expected {expected_active:,}, got {got_active:,}"
share = got_active / got
assert round(share, 3) == 0.276, f"a token uses {share:.1%} of the parameters"
assert round(E * expert * L / got, 3) == 0.966, "the experts' share of the model"
# --8<-- [end:active]

# --8<-- [start:published]
# Mistral AI's release post rounds to 0.1B; the paper's abstract to whole billions.
assert round(got / 1e9, 1) * 1e9 == published_number("mixtral_total_params_release"), f"{got:,}"
assert round(got_active / 1e9, 1) * 1e9 == published_number("mixtral_active_params_release"), f"{got_active:,}"
assert round(got / 1e9) * 1e9 == published_number("mixtral_total_params_paper"), f"{got:,}"
assert round(got_active / 1e9) * 1e9 == published_number("mixtral_active_params_paper"), f"{got_active:,}"
# --8<-- [end:published]

# --8<-- [start:experts]
n = 2 * E  # sixteen experts per layer, still top-2
with torch.device("meta"):
    doubled = MoEDecoder(replace(c, num_local_experts=n))
total_n, active_n = count(doubled), active_parameters(doubled)
assert total_n == got + L * (n - E) * (expert + d), f"total {total_n:,}"  # an expert and a router row each
assert active_n == got_active + L * (n - E) * d, f"active {active_n:,}"  # only the router rows
total_ratio = total_n / got
active_growth = active_n / got_active - 1
assert round(total_ratio, 2) == 1.97, f"16 experts hold {total_ratio:.2f} times as many parameters"
assert active_growth < 0.0001, f"while a token uses {active_growth:.4%} more"
# --8<-- [end:experts]
