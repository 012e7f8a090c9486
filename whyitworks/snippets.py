"""Read a snippet file: its section markers, its asserts and the numbers in its code.

A *snippet* is a ``.py`` file under ``snippets/`` that proves claims; it runs top to
bottom and asserts. A *library module* is a file under ``snippets/`` with a leading
underscore in its name or in one of its folders (``_shift.py``, ``_shared/``): a
helper or a reference implementation that snippets import. Library modules are not
run as checks; they are documented on a page with mkdocstrings instead.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from whyitworks.layout import ROOT, SNIPPETS, rel

MARKER_RE = re.compile(r"--8<--\s*\[(?P<kind>start|end):(?P<name>[^\]]+)\]")


@dataclass
class Section:
    name: str
    start: int  # line of the start marker
    end: int | None = None  # line of the end marker


@dataclass
class Snippet:
    """What the harness knows about one snippet file before running it."""

    path: str
    source: str
    sections: dict[str, Section] = field(default_factory=dict)
    marker_problems: list[tuple[int, str]] = field(default_factory=list)
    assert_lines: list[int] = field(default_factory=list)
    literals: set[float] = field(default_factory=set)
    literals_by_line: dict[int, set[float]] = field(default_factory=dict)
    syntax_error: tuple[int, str] | None = None

    @property
    def module(self) -> str:
        """The dotted name to run it with: ``python -m <module>``."""
        return self.path.removesuffix(".py").replace("/", ".")

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    def literals_in(self, lines) -> set[float]:
        """The numeric literals written on ``lines`` (a negated literal counts as negative)."""
        return {v for line in lines for v in self.literals_by_line.get(line, ())}

    def lines_of(self, section: str | None) -> range:
        """The 1-based lines a page shows for ``section`` (the whole file for None)."""
        if section is None:
            return range(1, self.source.count("\n") + 2)
        found = self.sections[section]
        return range(found.start + 1, found.end or found.start + 1)


def is_library(path: str) -> bool:
    """True for helpers and reference implementations, false for claim snippets."""
    return any(part.startswith("_") for part in Path(path).parts[1:])


def parse_snippet(path: Path, root: Path = ROOT) -> Snippet:
    source = path.read_text(encoding="utf-8")
    snippet = Snippet(rel(path, root), source)

    for number, text in enumerate(source.splitlines(), start=1):
        for match in MARKER_RE.finditer(text):
            name = match.group("name")
            if match.group("kind") == "start":
                if name in snippet.sections:
                    snippet.marker_problems.append(
                        (number, f"section '{name}' starts twice (first on line "
                                 f"{snippet.sections[name].start})")
                    )
                else:
                    snippet.sections[name] = Section(name, number)
            else:
                section = snippet.sections.get(name)
                if section is None:
                    snippet.marker_problems.append(
                        (number, f"section '{name}' ends here but never starts")
                    )
                elif section.end is not None:
                    snippet.marker_problems.append((number, f"section '{name}' ends twice"))
                else:
                    section.end = number
    for section in snippet.sections.values():
        if section.end is None:
            snippet.marker_problems.append(
                (section.start, f"section '{section.name}' starts here but never ends")
            )

    syntax_error, assert_lines, by_line = _code_facts(snippet.path, source)
    if syntax_error:
        snippet.syntax_error = syntax_error
        return snippet
    snippet.assert_lines = list(assert_lines)
    for number, values in by_line:
        for value, negated in values:
            snippet.literals_by_line.setdefault(number, set()).add(-value if negated else value)
            if not negated:
                snippet.literals.add(value)
    return snippet


@functools.lru_cache(maxsize=2048)
def _code_facts(path: str, source: str):
    """What the code of one snippet says, parsed once per text (``mkdocs serve`` and the
    lint read every snippet on each pass): ``(syntax error or None, assert lines,
    ((line, ((literal, negated), ...)), ...))``."""
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as error:
        return (error.lineno or 1, error.msg), (), ()
    asserts: list[int] = []
    by_line: dict[int, list[tuple[float, bool]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            asserts.append(node.lineno)
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            by_line.setdefault(node.lineno, []).append((node.value, False))
        elif (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
              and isinstance(node.operand, ast.Constant) and type(node.operand.value) in (int, float)):
            by_line.setdefault(node.lineno, []).append((node.operand.value, True))
    return None, tuple(sorted(asserts)), tuple((line, tuple(v)) for line, v in sorted(by_line.items()))


def iter_snippet_paths(root: Path = ROOT) -> list[Path]:
    """Every ``.py`` file under snippets/ (claim snippets and library modules)."""
    return sorted(
        p for p in (root / SNIPPETS).rglob("*.py")
        if "__pycache__" not in p.parts and p.name != "__init__.py"
    )


def iter_snippets(root: Path = ROOT) -> list[Snippet]:
    """Every claim snippet, parsed, sorted by path."""
    return [
        parse_snippet(p, root) for p in iter_snippet_paths(root)
        if not is_library(rel(p, root))
    ]


def iter_library_modules(root: Path = ROOT) -> list[str]:
    """The dotted names of every library module under snippets/."""
    return [
        rel(p, root).removesuffix(".py").replace("/", ".")
        for p in iter_snippet_paths(root) if is_library(rel(p, root))
    ]
