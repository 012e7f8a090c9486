"""A small token task and a training loop for comparing decoder stacks.

The task: a sequence of random tokens, and at every position the answer is the token
``lag`` places earlier. No position can answer it from its own token: it has to find
the right earlier token by its offset, which is exactly what attention with RoPE can
express. Every training batch is fresh, so there is nothing to memorise.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from snippets.attention.modern_decoder._decoder import Decoder, DecoderConfig

VOCAB, LENGTH, LAG = 8, 8, 1  # small, so that a pre-norm stack learns it in a few Adam steps
IGNORE = -100  # the first LAG positions have no answer


def batch(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` random sequences and their answers.

    Args:
        n: sequences in the batch.
        generator: the source of randomness.

    Returns:
        Tokens and answers, both shaped (n, LENGTH); an answer is the token ``LAG``
        places earlier, or ``IGNORE`` where there is none.
    """
    tokens = torch.randint(0, VOCAB, (n, LENGTH), generator=generator)
    answers = torch.roll(tokens, LAG, dims=1)
    answers[:, :LAG] = IGNORE
    return tokens, answers


def small_stack(pre_norm: bool, layers: int = 8) -> Decoder:
    """A tiny Llama-style decoder (width 32, 4 query heads, 2 key/value heads).

    Args:
        pre_norm: the Llama block (``True``) or the same block with post-norm.
        layers: depth of the stack.

    Returns:
        The decoder, freshly initialised from torch's global generator.
    """
    return Decoder(DecoderConfig(vocab_size=VOCAB, hidden_size=32, intermediate_size=88, num_hidden_layers=layers,
                                 num_attention_heads=4, num_key_value_heads=2, pre_norm=pre_norm))


def train(model: Decoder, steps: int, lr: float, seed: int, warmup: int = 0) -> float:
    """Train with Adam on fresh batches of 32; return the accuracy on 256 new sequences.

    Adam is written out (torch's default betas 0.9 and 0.999, epsilon 1e-8, no weight
    decay): the same update as ``torch.optim.Adam``, without the import of
    ``torch._dynamo`` that constructing it triggers, about 1.5 s of CPU in a fresh process.

    Args:
        model: the decoder to train.
        steps: optimiser steps.
        lr: the peak learning rate.
        seed: seeds the data, so that two models compared see the same batches.
        warmup: steps over which the learning rate ramps linearly up to ``lr``;
            ``0`` starts at full rate.

    Returns:
        The share of answered positions whose most likely token is the answer.
    """
    generator = torch.Generator().manual_seed(seed)
    params = list(model.parameters())
    first = [torch.zeros_like(p) for p in params]  # running mean of the gradient
    second = [torch.zeros_like(p) for p in params]  # running mean of its square
    for step in range(1, steps + 1):
        rate = lr * min(1.0, step / warmup) if warmup else lr
        tokens, answers = batch(32, generator)
        logits = model(tokens)  # (32, LENGTH, VOCAB)
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), answers.reshape(-1), ignore_index=IGNORE)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g, m, v in zip(params, grads, first, second):
                m.mul_(0.9).add_(g, alpha=0.1)
                v.mul_(0.999).addcmul_(g, g, value=0.001)
                p.sub_(rate * (m / (1 - 0.9**step)) / ((v / (1 - 0.999**step)).sqrt() + 1e-8))
    tokens, answers = batch(256, generator)
    with torch.no_grad():
        guesses = model(tokens).argmax(dim=-1)  # (256, LENGTH)
    answered = answers != IGNORE
    return (guesses[answered] == answers[answered]).float().mean().item()
