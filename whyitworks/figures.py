"""Every figure in a page's prose is checked, cited or plainly set-up.

A reader cannot tell a number the suite checked from one typed in by hand, so every
number written in digits outside a claim's sentence must be one of:

* **checked** — it stands in the text of a link to a claim,
  ``[1,792 parameters](#claim-conv_param_count)``, and that claim's shown comparisons
  compare it (the same tie as a claim's own sentence, ``whyitworks.numbers``);
* **cited** — a published figure, written once in its topic's data file
  ``snippets/<family>/<topic>/published.toml`` with its source, and shown on the page as
  ``[[cite:KEY]]`` (or ``[[cite:<family>/<topic>:KEY]]``); the build renders the value
  with its source beside it, and a check that needs the figure reads the same file;
* **set-up** — a value the reader sees as chosen, in inline code or math (`` `300` ``
  steps, ``$k = 3$``) or in a diagram, which must be a literal of one of the snippets
  the page shows (0, 1 and 2 are free in math: exponents and constants of formulas).

Not figures: headings, years, numbers after "Table", "Figure", "Section", "Eq." and the
like, digits inside names (``ResNet-50``, ``float32``), ordered-list markers, link
targets, HTML attributes, footnotes and everything under ``## References``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from whyitworks.layout import DOCS, ROOT, SNIPPETS
from whyitworks.numbers import (
    CODE_RE,
    Number,
    backed_by,
    bounds_in,
    direction_mismatches,
    directions_in,
    numbers_in,
    strip_math,
)
from whyitworks.pages import Page, parse_page
from whyitworks.problems import Problem

PUBLISHED = "published.toml"
CITE_RE = re.compile(r"\[\[cite:(?:(?P<topic>[\w-]+/[\w-]+):)?(?P<key>[\w.-]+)\]\]")
LINK_RE = re.compile(r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
MATH_INLINE_RE = re.compile(r"\$(?P<body>[^$]+)\$|\\\((?P<body2>.+?)\\\)")
TAG_RE = re.compile(r"<[^>]+>")
REFERENCE_RE = re.compile(r"(?:\b(?:Tables?|Figures?|Figs?\.|Sections?|Eqs?\.|Equations?|pages?|pp?\.|"
                          r"Chapters?|Appendix|Algorithm|arXiv:?|version|v)|§)\s*$", re.IGNORECASE)
YEAR_RE = re.compile(r"^(19|20)\d\d$")
FREE_IN_MATH = {0.0, 1.0, 2.0}
CLAIM_HEADER_RE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+claim\b')
INCLUDE_RE = re.compile(r'^\s*-{1,}8<-{1,}\s')


@dataclass(frozen=True)
class Figure:
    """One number written on a page outside a claim's sentence."""

    line: int
    number: Number
    how: str  # "unmarked", "set-up", "checked" or "cited"
    target: str = ""  # the claim link's target, for a checked figure
    context: str = ""
    direction: str = ""  # "greater" after "above", "less" after "at most", … (else "")


def topic_of(page_path: str) -> str:
    """``docs/vision/cnn.md`` → ``vision/cnn``."""
    return PurePosixPath(page_path).relative_to(DOCS).with_suffix("").as_posix()


@cache
def _published_file(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def published(topic: str, root: Path = ROOT) -> dict[str, dict]:
    """The published figures of a topic: key → {value, source, url}."""
    path = root / SNIPPETS / topic / PUBLISHED
    return _published_file(path) if path.is_file() else {}


def all_published(root: Path = ROOT) -> dict[str, list[tuple[str, dict]]]:
    """Every key of every topic's data file → [(topic, entry), …]."""
    found: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted((root / SNIPPETS).rglob(PUBLISHED)):
        topic = path.parent.relative_to(root / SNIPPETS).as_posix()
        for key, entry in _published_file(path).items():
            found.setdefault(key, []).append((topic, entry))
    return found


def resolve_cite(topic: str | None, key: str, root: Path = ROOT) -> tuple[str, dict] | None:
    """The (topic, entry) a ``[[cite:…]]`` names, or None."""
    if topic:
        entry = published(topic, root).get(key)
        return (topic, entry) if entry is not None else None
    matches = all_published(root).get(key, [])
    return matches[0] if len(matches) == 1 else None


def _strip_names(text: str) -> str:
    return TAG_RE.sub(" ", text)


def _prose_numbers(text: str, line: int, how: str, out: list[Figure], target: str = "") -> None:
    """Numbers of plain text, less years and references ("Table 4")."""
    for number in numbers_in(text, "prose"):
        before = text[:number.start] if number.start >= 0 else ""
        if YEAR_RE.match(number.text) or REFERENCE_RE.search(before):
            continue
        direction = next((d for n, d in directions_in(text) if n.start == number.start), "")
        out.append(Figure(line, number, how, target, text.strip()[:80], direction))


def _code_numbers(body: str, line: int, out: list[Figure], math: bool) -> None:
    for number in numbers_in(strip_math(body) if math else body, "code"):
        if math and abs(number.value) in FREE_IN_MATH:
            continue
        out.append(Figure(line, number, "set-up", context=body.strip()[:80]))


def scan_text(text: str, line: int, out: list[Figure], problems: list[Problem], page: str, root: Path) -> None:
    """The figures of one line of prose."""
    def cite(match: re.Match) -> str:
        found = resolve_cite(match.group("topic"), match.group("key"), root)
        own = topic_of(page)
        if found is None:
            problems.append(Problem(
                page, line, f"`{match.group(0)}` names no published figure",
                f"add [{match.group('key')}] with value and source to "
                f"{SNIPPETS}/{match.group('topic') or own}/{PUBLISHED}"
                + ("" if match.group("topic") else ", or name the topic: [[cite:<family>/<topic>:KEY]]"),
            ))
        elif not match.group("topic") and found[0] != own:
            problems.append(Problem(
                page, line, f"`{match.group(0)}` is a figure of {found[0]}, not of this page's topic",
                f"write it as [[cite:{found[0]}:{match.group('key')}]]",
            ))
        return " "

    text = CITE_RE.sub(cite, text)

    def link(match: re.Match) -> str:
        target = match.group("target")
        if match.group("image"):
            return " "
        if "#claim-" in target:
            inner = CODE_RE.sub(" ", MATH_INLINE_RE.sub(" ", match.group("text")))
            _prose_numbers(_strip_names(inner), line, "checked", out, target)
            for code in CODE_RE.finditer(match.group("text")):
                for number in numbers_in(code.group("body"), "code"):
                    out.append(Figure(line, number, "checked", target, match.group("text")[:80]))
            return " "
        return match.group("text")

    text = LINK_RE.sub(link, text)
    text = CODE_RE.sub(lambda m: (_code_numbers(m.group("body"), line, out, False), " ")[1], text)
    text = MATH_INLINE_RE.sub(
        lambda m: (_code_numbers(m.group("body") or m.group("body2"), line, out, True), " ")[1], text)
    text = re.sub(r"\[\^[^\]]+\]", " ", text)  # footnote references
    text = re.sub(r"\{:[^}]*\}|\{\s*#[^}]*\}", " ", text)  # attribute lists
    text = re.sub(r"^\s*(?:\d+\.|[-*+])\s", " ", text)  # list markers
    text = re.sub(r"^\s*(?:!!!|\?\?\?\+?)\s+\w+", " ", text)  # an admonition's type
    _prose_numbers(_strip_names(text), line, "unmarked", out)


def scan(page: Page, root: Path = ROOT) -> tuple[list[Figure], list[Problem]]:
    """Every figure a page writes outside its claims' sentences."""
    lines = page.lines
    figures: list[Figure] = []
    problems: list[Problem] = []
    index = 0
    if lines and lines[0].strip() == "---":
        index = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    display_math = False
    comment = False
    in_references = False
    in_api = False  # the options under a `::: module` line of mkdocstrings
    while index < len(lines):
        text = lines[index]
        number = index + 1
        index += 1
        stripped = text.strip()
        if comment:
            comment = "-->" not in stripped
            continue
        if stripped.startswith(":::"):
            in_api = True
            continue
        if in_api and (text.startswith((" ", "\t")) or not stripped):
            continue
        in_api = False
        if stripped.startswith("<!--"):
            comment = "-->" not in stripped
            continue
        if number in page.fence_lines:
            continue
        if number in page.fenced:
            if page.fenced[number].startswith("mermaid"):  # a diagram's labels: shapes are
                # set-up, its formulas' 0, 1, 2 free
                _code_numbers(re.sub(r"<[^>]+>", " ", text), number, figures, True)
            continue
        if stripped.startswith("#"):
            heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
            if heading and len(heading.group(1)) == 2:
                in_references = heading.group(2).strip() == "References"
            continue
        if in_references:
            continue
        if display_math:
            display_math = "$$" not in stripped
            _code_numbers(stripped.replace("$$", " "), number, figures, True)
            continue
        if stripped.startswith("$$"):
            display_math = stripped.count("$$") == 1
            _code_numbers(stripped.replace("$$", " "), number, figures, True)
            continue
        if (CLAIM_HEADER_RE.match(text) or INCLUDE_RE.match(text) or stripped.startswith(("*[", "[^"))
                or re.match(r"^\|?[\s:|-]+\|?$", stripped) and "-" in stripped):
            continue
        scan_text(text, number, figures, problems, page.path, root)
    return figures, problems


def _setup_literals(page: Page, root: Path) -> set[float]:
    """The numeric literals of every snippet the page shows and of its topic's helpers."""
    from whyitworks.snippets import parse_snippet

    files = {inc.file for inc in page.includes if inc.file.endswith(".py")}
    topic_dir = root / SNIPPETS / topic_of(page.path)
    if topic_dir.is_dir():
        files |= {p.relative_to(root).as_posix() for p in topic_dir.glob("*.py")}
    literals: set[float] = set()
    for file in files:
        if (root / file).is_file():
            snippet = parse_snippet(root / file, root)
            literals |= snippet.literals | {v for vs in snippet.literals_by_line.values() for v in vs}
    return literals


def _claim_for(target: str, page: Page, root: Path):
    """The claim a link like ``../vision/cnn.md#claim-x`` points to, or None."""
    from whyitworks.generated import claim_anchors

    path_part, _, anchor = target.partition("#")
    linked = page.path if not path_part else os.path.normpath(
        os.path.join(os.path.dirname(page.path), path_part)).replace(os.sep, "/")
    if not (root / linked).is_file():
        return None
    other = page if linked == page.path else parse_page(root / linked, root)
    by_anchor = {a: line for line, a in claim_anchors(other).items()}
    line = by_anchor.get(anchor)
    return next((c for c in other.claims if c.line == line), None)


def check_page(page: Page, root: Path = ROOT, seed: int = 0) -> list[Problem]:
    """The figures contract for one page (see the module's docstring)."""
    from whyitworks.runner import run_cached
    from whyitworks.snippets import parse_snippet

    if not (page.is_architecture_page or page.path == f"{DOCS}/index.md"):
        return []  # the harness's own pages quote numbers as examples of its rules
    figures, problems = scan(page, root)
    literals = None
    for figure in figures:
        where = f"'{figure.number.text}' in \"{figure.context}\""
        if figure.how == "unmarked":
            problems.append(Problem(
                page.path, figure.line, f"the figure {where} is neither checked, cited nor set-up",
                "link it to the claim that asserts it ([…](#claim-NAME)), cite it as [[cite:KEY]] from "
                f"{SNIPPETS}/{topic_of(page.path)}/{PUBLISHED}, write a chosen value as `code` that a "
                "snippet of the page uses, or write a small count as a word",
            ))
        elif figure.how == "set-up":
            if literals is None:
                literals = _setup_literals(page, root)
            if figure.number.value not in literals and -figure.number.value not in literals:
                problems.append(Problem(
                    page.path, figure.line,
                    f"the set-up value {where} is used by none of the page's snippets",
                    "use the value in the snippet that makes the point, link the number to the claim "
                    "that asserts it, or cite it",
                ))
        elif figure.how == "checked":
            claim = _claim_for(figure.target, page, root)
            if claim is None:
                problems.append(Problem(
                    page.path, figure.line, f"the link around {where} points to no claim ({figure.target})",
                    "link to a claim's anchor: #claim-<its first snippet's name>",
                ))
                continue
            asserted, shown_literals, bounds = [], set(), []
            for file in claim.files:
                if not (root / file).is_file():
                    continue
                snippet = parse_snippet(root / file, root)
                run = run_cached(root / file, seed, root)
                shown = claim.shown_lines(snippet)
                asserted += [v for line, vs in run.values_by_line.items() if line in shown for v in vs]
                shown_literals |= snippet.literals_in(shown)
                bounds += bounds_in(snippet.source, shown)
            wrong = direction_mismatches([(figure.number, figure.direction)], bounds) if figure.direction else []
            if wrong:
                problems.append(Problem(
                    page.path, figure.line,
                    f"the figure {where} links to the claim at {claim.where}, and says {wrong[0]}",
                    "make the word before the number say which side of it the check keeps the value",
                ))
            elif backed_by([figure.number], asserted, shown_literals):
                problems.append(Problem(
                    page.path, figure.line,
                    f"the figure {where} links to the claim at {claim.where}, whose check never compares it",
                    "write the value the check compares, or assert this one in the claim's shown code",
                ))
    return problems
