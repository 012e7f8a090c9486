"""A contract violation, phrased as an instruction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one place: what is wrong and what to do about it.

    Attributes:
        path: the file, relative to the repository root.
        line: the 1-based line the mistake is on (1 when it concerns the whole file).
        what: what is wrong, in one sentence.
        fix: what to do, in one sentence, as an instruction.
    """

    path: str
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}\n    how to fix: {self.fix}"


def report(problems: list[Problem]) -> str:
    """All problems, one block each, ready for an assertion message."""
    head = f"{len(problems)} problem(s):"
    return "\n".join([head, *(str(p) for p in problems)])
