"""Figures of the vision lab, drawn at build time from the run its checks assert on."""

from statistics import mean

from snippets.lab.vision._lab import ARCHITECTURES, CONDITIONS, results
from whyitworks.svg import labelled_grid


def accuracy_grid() -> str:
    """Mean accuracy over the run's seeds, every architecture under every condition."""
    record = results()
    accuracy = record["accuracy"]
    values = [
        [None if None in accuracy[arch][c] else mean(accuracy[arch][c]) for c in CONDITIONS]
        for arch in ARCHITECTURES
    ]
    seeds = record["seeds"]
    rows, columns = list(ARCHITECTURES.values()), [c.replace("_", " ") for c in CONDITIONS]
    worst = min((v, r, c) for r, row in zip(rows, values) for c, v in zip(columns, row) if v is not None)
    return labelled_grid(
        rows, columns, values,
        title="The vision lab: mean accuracy under each condition",
        desc=f"Mean test accuracy over seeds {seeds[0]} to {seeds[-1]} of each architecture (rows) "
             f"under each condition (columns), darker for higher; the lowest is {worst[0]:.2f}, "
             f"{worst[1]} under {worst[2]}.",
        legend=f"mean accuracy over seeds {seeds[0]} to {seeds[-1]}; 1 is every answer right",
    )
