"""Figures of the vision lab, drawn at build time from the run its checks assert on."""

from snippets import _lab_runner
from snippets.lab.vision._lab import ARCHITECTURES, CONDITIONS, results


def accuracy_grid() -> str:
    """Mean accuracy over the run's seeds, every architecture under every condition."""
    return _lab_runner.accuracy_grid("vision", results(), ARCHITECTURES, CONDITIONS)
