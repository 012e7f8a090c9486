"""Read a Markdown page the way the harness needs it: its headings, its snippet
includes and its claims, each with the line it stands on.

A claim is an admonition of type ``claim`` whose title is the claim's sentence and
whose body includes one or more regions of the snippet that proves it::

    !!! claim "A `Conv2d(3, 64, 3)` layer has 1,792 parameters."

        ```python
        --8<-- "snippets/vision/cnn/conv_param_count.py:count"
        ```

``??? claim`` (collapsed) and ``???+ claim`` (open, collapsible) mark claims too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from whyitworks.layout import CHECKS_URL_DIR, DOCS, FAMILIES, ROOT, rel

# The single-line include form of pymdownx.snippets. A leading ';' escapes it.
INCLUDE_RE = re.compile(r'^(?P<indent>\s*)(?P<escape>;?)-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')
CLAIM_RE = re.compile(
    r'^(?P<indent> *)(?P<marker>!!!|\?\?\?\+?)\s+claim(?P<classes>(?:\s+[\w-]+)*)\s+"(?P<title>.*)"\s*$'
)

# What a claim is about: the first class after `claim`. The ledger counts claims by kind.
KINDS = ("count", "shape", "property", "behaviour", "failure-mode")
# The properties the comparison matrix has a column for: further classes after the kind.
PROPERTIES = {
    "translation-equivariance": "Translation equivariance",
    "permutation-equivariance": "Permutation equivariance",
    "causality": "Causality",
    "size-independent-parameters": "Parameters independent of input size",
    "cost-vs-length": "Cost as the input grows",
    "position-awareness": "Knows where things are",
    "long-range-memory": "Recalls a token far back",
    "layer-deletion": "Survives a deleted layer",
}
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
FENCE_RE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
MKDOCSTRINGS_RE = re.compile(r"^:::\s+(?P<identifier>[\w.]+)\s*$")


@dataclass(frozen=True)
class Include:
    """One ``--8<-- "file:section"`` line of a page."""

    page: str
    line: int
    target: str

    @property
    def file(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def section(self) -> str | None:
        parts = self.target.split(":", 1)
        return parts[1] if len(parts) == 2 else None


@dataclass
class Claim:
    """A sentence on a page and the snippet regions that prove it."""

    page: str
    line: int
    sentence: str
    includes: list[Include] = field(default_factory=list)
    end_line: int = 0  # the last non-blank line of the claim's body
    section: str = ""  # the `## ` heading the claim stands under
    classes: tuple[str, ...] = ()  # the words between `claim` and the sentence

    @property
    def kind(self) -> str | None:
        """count, shape, property, behaviour or failure-mode (None if not given)."""
        return self.classes[0] if self.classes and self.classes[0] in KINDS else None

    @property
    def relations(self) -> tuple[str, ...]:
        """The relations the claim's check establishes (see ``whyitworks.meaning``)."""
        from whyitworks.meaning import RELATIONS

        return tuple(c for c in self.classes if c in RELATIONS)

    @property
    def properties(self) -> tuple[str, ...]:
        """The comparison-matrix columns this claim is evidence for (``no-<property>``:
        evidence that the architecture lacks the property by design)."""
        return tuple(c.removeprefix("no-") for c in self.classes if c.removeprefix("no-") in PROPERTIES)

    def lacks(self, prop: str) -> bool:
        """True when the claim shows the architecture does not have ``prop``, by design."""
        return f"no-{prop}" in self.classes

    @property
    def files(self) -> list[str]:
        """The snippet files this claim includes, in order, each once."""
        return list(dict.fromkeys(inc.file for inc in self.includes))

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    def shown_lines(self, snippet) -> set[int]:
        """The lines of ``snippet`` (a parsed ``Snippet``) this claim shows on its page:
        the one place that decides which asserts and literals back the sentence."""
        return {
            number for inc in self.includes
            if inc.file == snippet.path and (inc.section is None or inc.section in snippet.sections)
            for number in snippet.lines_of(inc.section)
        }


@dataclass
class Heading:
    line: int
    level: int
    text: str


@dataclass
class Page:
    """Everything the harness reads from one Markdown file."""

    path: str
    family: str | None
    headings: list[Heading]
    includes: list[Include]
    claims: list[Claim]
    documented: list[tuple[int, str]]  # (line, identifier) of each ``::: module.name``
    lines: list[str] = field(default_factory=list)  # the page's text, line by line
    front_matter: dict = field(default_factory=dict)
    # Line -> the info string of the code fence it is inside ("python", "mermaid", ""),
    # for every line between a fence's delimiters; the delimiter lines themselves are in
    # ``fence_lines``. Every reader of a page asks here rather than tracking fences again.
    fenced: dict[int, str] = field(default_factory=dict)
    fence_lines: set[int] = field(default_factory=set)

    @property
    def title(self) -> str:
        """The front matter's title, else the first ``# `` heading, else the file's name."""
        if self.front_matter.get("title"):
            return str(self.front_matter["title"])
        first = next((h.text for h in self.headings if h.level == 1), None)
        return first or Path(self.path).stem.replace("_", " ").capitalize()

    @property
    def is_architecture_page(self) -> bool:
        return self.family in FAMILIES


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a YAML front matter block (0 if there is none)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def fences(lines: list[str], start: int = 0) -> tuple[dict[int, str], set[int]]:
    """The code fences of a page, as Python-Markdown's superfences reads them: a fence
    closes on a line of the same character, at least as long. Returns the lines inside a
    fence (1-based, with the fence's info string) and the delimiter lines."""
    inside: dict[int, str] = {}
    delimiters: set[int] = set()
    fence: str | None = None
    info = ""
    for index in range(start, len(lines)):
        number = index + 1
        match = FENCE_RE.match(lines[index])
        if match:
            token = match.group("fence")
            if fence is None:
                fence, info = token, lines[index].strip()[len(token):].strip()
                delimiters.add(number)
                continue
            if token.startswith(fence[0]) and len(token) >= len(fence):
                fence = None
                delimiters.add(number)
                continue
        if fence is not None:
            inside[number] = info
    return inside, delimiters


def _front_matter(lines: list[str]) -> dict:
    """The YAML front matter as a dict (empty if there is none or it does not parse)."""
    import yaml

    end = _front_matter_end(lines)
    if not end:
        return {}
    try:
        found = yaml.safe_load("\n".join(lines[1:end - 1]))
    except yaml.YAMLError:
        return {}
    return found if isinstance(found, dict) else {}


def parse_page(path: Path, root: Path = ROOT) -> Page:
    """Parse one page. Line numbers are 1-based, as an editor shows them."""
    return parse_markdown(path.read_text(encoding="utf-8"), rel(path, root))


def parse_markdown(markdown: str, name: str) -> Page:
    """Parse a page's text; ``name`` is its path from the repository root."""
    parts = Path(name).parts
    family = parts[1] if len(parts) > 2 and parts[0] == DOCS else None
    lines = markdown.splitlines()

    headings: list[Heading] = []
    includes: list[Include] = []
    claims: list[Claim] = []
    documented: list[tuple[int, str]] = []
    open_claim: Claim | None = None
    claim_indent = 0
    section = ""
    fenced, fence_lines = fences(lines, _front_matter_end(lines))

    for index in range(_front_matter_end(lines), len(lines)):
        text = lines[index]
        number = index + 1

        # A claim's body is every following line that is blank or indented deeper.
        if open_claim is not None and text.strip():
            indent = len(text) - len(text.lstrip(" "))
            if indent <= claim_indent:
                open_claim = None

        if open_claim is not None and text.strip():
            open_claim.end_line = number

        # Includes are expanded before Markdown is parsed, so they count even
        # inside code fences; that is how a claim shows its snippet.
        match = INCLUDE_RE.match(text)
        if match and not match.group("escape"):
            include = Include(name, number, match.group("target"))
            includes.append(include)
            if open_claim is not None:
                open_claim.includes.append(include)
            continue

        if number in fence_lines or number in fenced:
            continue

        match = CLAIM_RE.match(text)
        if match:
            open_claim = Claim(name, number, match.group("title").strip(), end_line=number,
                               section=section, classes=tuple(match.group("classes").split()))
            claim_indent = len(match.group("indent"))
            claims.append(open_claim)
            continue

        match = HEADING_RE.match(text)
        if match and open_claim is None:
            headings.append(Heading(number, len(match.group("hashes")), match.group("text")))
            if len(match.group("hashes")) == 2:
                section = match.group("text")
            continue

        match = MKDOCSTRINGS_RE.match(text.strip())
        if match:
            documented.append((number, match.group("identifier")))

    return Page(name, family, headings, includes, claims, documented, lines, _front_matter(lines),
                fenced, fence_lines)


def iter_pages(root: Path = ROOT) -> list[Page]:
    """Every Markdown page contributors write under docs/, sorted by path (not the
    checks pages ``python -m whyitworks.prebuild`` generates there)."""
    generated = root / DOCS / CHECKS_URL_DIR
    return [parse_page(p, root) for p in sorted((root / DOCS).rglob("*.md"))
            if generated not in p.parents]
