"""Figures of the mixture-of-experts page, drawn at build time with the code its checks use."""

import torch

from snippets.attention.moe._moe import train_top1_moe
from whyitworks.svg import labelled_grid


def expert_loads() -> str:
    """The share of held-out tokens each expert receives, after training with and without balancing."""
    torch.set_num_threads(1)
    untrained = train_top1_moe(0, alphas=(0.0,), replicas=5, steps=0)  # the same routers before any step
    run = train_top1_moe(0, alphas=(0.0, 0.3), replicas=5, steps=100)  # the failure check's runs, seed 0
    loads = torch.cat([untrained.load, run.load]).sort(-1, descending=True).values  # (3, replicas, experts)
    rows, values = [], []
    for condition, name in enumerate(("untrained", "no balancing", "balancing loss")):
        for r in range(loads.shape[1]):
            rows.append(f"{name}, run {r + 1}")
            values.append([round(v, 2) for v in loads[condition, r].tolist()])
    return labelled_grid(
        rows,
        [f"expert {rank + 1}" for rank in range(loads.shape[2])],
        values,
        title="Where the tokens go before and after training, busiest expert first",
        desc="Share of held-out tokens sent to each of eight experts, sorted from busiest to idlest, "
             "for five untrained routers, the same five trained without the load-balancing loss and "
             "trained with it: untrained, the tokens (which share an offset) already favour a few "
             "experts; trained without the loss two experts keep most of the tokens on average; "
             "with it the tokens spread over most of the eight.",
        legend="share of tokens per expert (columns sorted by load; 0.125 each is perfect balance)",
    )
