"""Figures of the sequence lab, drawn at build time from the run its checks assert on."""

from statistics import mean

from snippets import _lab_runner
from snippets.lab.sequence import _recall
from snippets.lab.sequence._lab import ARCHITECTURES, CONDITIONS, results
from whyitworks.svg import measured_chart


def accuracy_grid() -> str:
    """Mean accuracy over the run's seeds, every architecture under every condition."""
    return _lab_runner.accuracy_grid("sequence", results(), ARCHITECTURES, CONDITIONS)


def recall_against_length() -> str:
    """Mean test accuracy over the run's seeds against the length trained and tested at,
    one series per network of the recall experiment (snippets/lab/sequence/_recall.py)."""
    record = _recall.results()
    accuracy = record["accuracy"]
    seeds = record["seeds"]
    lengths = list(_recall.LENGTHS)
    measured = {
        label: [mean(accuracy[variant][str(length)]) for length in lengths]
        for variant, label in _recall.VARIANTS.items()
    }
    longest = str(lengths[-1])
    best = max(_recall.VARIANTS, key=lambda v: mean(accuracy[v][longest]))
    return measured_chart(
        lengths, measured,
        title="Recall against distance: each network trained at each length",
        desc=f"Mean test accuracy over seeds {seeds[0]} to {seeds[-1]} of six recurrent networks, each "
             f"trained and tested at {len(lengths)} lengths from {lengths[0]} to {lengths[-1]} tokens, "
             f"on a log scale; at {lengths[-1]} tokens the highest is {_recall.VARIANTS[best]} at "
             f"{mean(accuracy[best][longest]):.2f}, and a guess scores {_recall.CHANCE:.2f}.",
        x_label="sequence length (the symbol to recall is length - 1 steps back)",
        y_label=f"mean accuracy over seeds {seeds[0]} to {seeds[-1]}",
        log_x=True,
        width=800,  # six series' names side by side in the legend
    )
