"""Failure mode: at a high learning rate with no warm-up, a post-norm stack does not learn
a task that the same stack in pre-norm learns.

Both stacks are the Llama block of ``_decoder.py`` (RMSNorm, RoPE, grouped-query
attention, SwiGLU), six deep, with the same initial weights and the same batches; the only
difference is where the norms sit. Pre-norm adds each sublayer's output to an untouched
residual stream, so the identity path from the loss to every layer is always open.
Post-norm normalises after every addition, so the gradient to an early layer passes
through every later norm, and at initialisation the gradients of the layers near the
output are large (Xiong et al. 2020, who show this is why post-norm needs warm-up); Adam
at a high learning rate takes full-size steps on all of them from the first update.
The task is the lag task of ``_lag_task.py``: say the previous token.

Conditions: trained 15 Adam steps (written out, torch's defaults) at learning rate 3e-2
with no warm-up, on fresh batches of 32 random 8-token sequences over 8 symbols; 6 blocks
of width 32, 4 query and 2 key/value heads; accuracy on 256 new sequences. Seeds 0-9, each
run alone: pre-norm 0.795 to 0.943, post-norm 0.107 to 0.321 (chance is 1/8); bounds 0.7
and 0.5. The same post-norm stack at learning rate 1e-2 reaches 0.861 to 0.968 at seeds
0-9 (bound 0.75).

Assumption: every layer's sublayer reaches the loss through an untouched residual
stream (pre-norm), so large early updates do not compound through the depth.
Broken by: moving the norms after the residual additions (post-norm) and training at a
high learning rate from the first step, with no warm-up.
"""

import os

import torch

from snippets.attention.modern_decoder._lag_task import VOCAB, small_stack, train

torch.set_num_threads(1)
SEED = int(os.environ.get("WHYITWORKS_SEED", "0"))

LEARNS = 0.7  # pre-norm reaches 0.795-0.943 at seeds 0-9
STALLS = 0.5  # post-norm stays at 0.107-0.321 at seeds 0-9 (chance 1/8)
GENTLER = 0.75  # post-norm at the lower learning rate reaches 0.861-0.968 at seeds 0-9

# --8<-- [start:check]
STEPS, LR = 15, 3e-2
accuracy = {}
for pre_norm in (True, False):
    torch.manual_seed(SEED)  # the same initial weights for both layouts
    model = small_stack(pre_norm=pre_norm, layers=6)
    accuracy[pre_norm] = train(model, STEPS, LR, seed=SEED, warmup=0)  # same batches, no warm-up
assert accuracy[True] > LEARNS, f"pre-norm reached only {accuracy[True]:.3f}"
assert accuracy[False] < STALLS, f"post-norm reached {accuracy[False]:.3f}; chance is {1 / VOCAB:.3f}"
# --8<-- [end:check]

# --8<-- [start:lower_lr]
torch.manual_seed(SEED)  # the same initial post-norm weights again
post_gentle = train(small_stack(pre_norm=False, layers=6), STEPS, lr=1e-2, seed=SEED, warmup=0)
assert post_gentle > GENTLER, f"post-norm at 1e-2 reached only {post_gentle:.3f}"
assert post_gentle > accuracy[False], "the lower learning rate should do better than 3e-2"
# --8<-- [end:lower_lr]
print(f"pre-norm {accuracy[True]:.3f}, post-norm {accuracy[False]:.3f}, post-norm at 1e-2 {post_gentle:.3f}")
