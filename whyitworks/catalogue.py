"""The failure-mode catalogue, generated from the pages and the snippets.

A *failure-mode snippet* is one whose name says it shows a failure (``..._fails.py``
or ``..._breaks_....py``). Its docstring names the assumption and what breaks it::

    \"\"\"With zero padding, translation equivariance holds only away from the border.

    Assumption: shifting the input shifts the features the same way.
    Broken by: zero padding, which makes the border special.
    ...
    \"\"\"

Every claim that includes such a snippet is a row here (``rows``); the catalogue shows
each snippet once, on its own topic's page, naming the lessons that show it again
(``whyitworks.generated.failure_catalogue``): the page, the assumption, what breaks it,
what happens (the claim's sentence, linked to the claim) and the check that
demonstrates it. Nothing is typed twice, so the catalogue cannot
drift from the pages.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from whyitworks.layout import ROOT
from whyitworks.pages import Claim, Page

FIELDS = ("Assumption", "Broken by")
FIELD_RE = re.compile(r"^(?P<field>Assumption|Broken by|Conditions):\s*(?P<text>.*)$")


def is_failure_snippet(path: str) -> bool:
    """True when the file's name says it demonstrates a failure."""
    stem = PurePosixPath(path).stem
    return stem.endswith("_fails") or "_breaks_" in f"{stem}_" or stem.startswith("breaks_")


@functools.lru_cache(maxsize=2048)
def module_docstring(source: str) -> str | None:
    """A module's docstring ("" if it has none, None if the code does not parse), parsed
    once per text: the prebuild reads every snippet's on each ``mkdocs serve`` rebuild."""
    try:
        return ast.get_docstring(ast.parse(source)) or ""
    except SyntaxError:
        return None


def docstring_fields(source: str) -> dict[str, str]:
    """The ``Assumption:``, ``Broken by:`` and ``Conditions:`` fields of a module docstring.

    A field runs from its label to the next blank line or the next field.
    """
    doc = module_docstring(source)
    if doc is None:
        return {}
    fields: dict[str, str] = {}
    current: str | None = None
    for line in doc.splitlines():
        match = FIELD_RE.match(line.strip())
        if match:
            current = match.group("field")
            fields[current] = match.group("text").strip()
        elif current and line.strip():
            fields[current] += " " + line.strip()
        else:
            current = None
    return fields


@dataclass
class Row:
    page: Page
    title: str
    claim: Claim
    snippet: str
    assumption: str
    broken_by: str


def page_title(page: Page, root: Path = ROOT) -> str:
    """The page's title (``Page.title``); ``root`` is kept for callers that pass it."""
    return page.title


def rows(pages: list[Page], root: Path = ROOT) -> list[Row]:
    """One row per (architecture page, claim, failure-mode snippet), in page order."""
    found = []
    for page in pages:
        if not page.is_architecture_page:
            continue
        title = page_title(page, root)
        for claim in page.claims:
            for file in claim.files:
                if not is_failure_snippet(file) or not (root / file).is_file():
                    continue
                fields = docstring_fields((root / file).read_text(encoding="utf-8"))
                found.append(Row(page, title, claim, file,
                                 fields.get("Assumption", ""), fields.get("Broken by", "")))
    return found
