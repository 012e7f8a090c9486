"""The same sources, two engines: what a Zensical build of this site must share with the
MkDocs build that gates it.

MkDocs with Material builds the site the suite checks in a browser. Zensical, by the same
team, reads the same ``mkdocs.yml`` and runs the same Python-Markdown extensions but no
hooks; since everything the site adds is made by ``python -m whyitworks.prebuild`` and
``whyitworks.markdown_ext``, a Zensical build must carry the same content. ``compare``
reads both built sites and returns each way they differ in what a reader gets:

* a page one site has and the other lacks;
* a page whose text (its ``<article>``, where both themes put the page's own content)
  is less than ``SIMILARITY`` alike, word by word;
* a generated table (a table of a page with a generated-table marker) whose text differs;
* a formula left unrendered, or a different number of rendered formulas;
* a figure one site shows on a page and the other does not;
* a claim anchor or a link to a claim's check that one site has and the other lacks;
* a request for a script, style, image or font that would go to another host.

What differs by design, the themes' own markup outside ``<article>`` (header,
navigation, footer, search) and the engines' own files (``sitemap.xml``, search
indexes, theme assets), is not compared; ``BY_DESIGN`` names it.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from whyitworks.layout import ROOT
from whyitworks.math import FORMULA

SIMILARITY = 0.98
ZENSICAL_CONFIG = ".zensical.yml"  # written for a build, then removed
BY_DESIGN = (
    "the themes' markup outside each page's <article>: header, navigation, table of contents, "
    "footer and search dialog",
    "each engine's own files: search index, sitemap, theme scripts, styles and fonts",
    "Zensical runs no hooks, so its pages keep material's unnamed search dialog and load "
    "the search index with the page (see whyitworks/mkdocs_hooks.py)",
)
# Elements whose text is not the page's own prose: permalink anchors.
_REQUEST = re.compile(
    r"""<(?:script|link|img|source|iframe|video|audio)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']*)["']""",
    re.I,
)
_CSS_URL = re.compile(r"""(?:@import\s+|url\()\s*["']?(https?:)?//""", re.I)


class _Article(HTMLParser):
    """The words of a page's ``<article>``, its tables' words, and what it shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0  # inside a permalink anchor or a script
        self.words: list[str] = []
        self.tables: list[list[str]] = []
        self.table_depth = 0
        self.katex = 0
        self.figures: list[str] = []
        self.anchors: list[str] = []
        self.check_links = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        classes = (attrs.get("class") or "").split()
        if self.skip or (tag == "a" and "headerlink" in classes) or tag in ("script", "style"):
            self.skip += 1
            return
        if tag == "table":
            self.table_depth += 1
            if self.table_depth == 1:
                self.tables.append([])
        if "katex" in classes:
            self.katex += 1
        if tag == "img" and "/figures/" in "/" + (attrs.get("src") or ""):
            self.figures.append(re.sub(r"^(\.\./)+", "", attrs["src"]))
        if tag == "a" and (attrs.get("id") or "").startswith("claim-"):
            self.anchors.append(attrs["id"])
        if "wiw-check-link" in classes:
            self.check_links += 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if self.skip:
            self.skip -= 1
            return
        if tag == "table":
            self.table_depth -= 1
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            words = data.split()
            self.words += words
            if self.table_depth:
                self.tables[-1] += words


def read(path: Path) -> _Article:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def pages(site: Path) -> set[str]:
    """The site's HTML pages, as paths under it (``vision/cnn/index.html``)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def foreign_requests(site: Path) -> list[str]:
    """Every script, style, image, font or frame a page or stylesheet of the site would
    fetch from another host: ``"<file>: <url>"``."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            found += [f"{where}: {url}" for url in _REQUEST.findall(text)
                      if re.match(r"(https?:)?//", url)]
        if path.suffix == ".css":
            found += [f"{where}: {m.group(0)}" for m in _CSS_URL.finditer(text)]
    return found


@dataclass
class Parity:
    """How a Zensical build differs from the MkDocs build of the same sources."""

    pages: int = 0
    only_mkdocs: list[str] = field(default_factory=list)
    only_zensical: list[str] = field(default_factory=list)
    dissimilar: list[str] = field(default_factory=list)  # "page: 0.953"
    tables: list[str] = field(default_factory=list)
    math: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    lowest: tuple[float, str] = (1.0, "")
    formulas: int = 0
    figure_count: int = 0
    table_count: int = 0

    def problems(self) -> list[str]:
        out = [f"only in the MkDocs build: {p}" for p in self.only_mkdocs]
        out += [f"only in the Zensical build: {p}" for p in self.only_zensical]
        out += [f"text less than {SIMILARITY} alike: {p}" for p in self.dissimilar]
        out += self.tables + self.math + self.figures + self.claims
        out += [f"a request to another host: {r}" for r in self.foreign]
        return out


def compare(mkdocs_site: Path, zensical_site: Path) -> Parity:
    result = Parity()
    mk, zs = pages(mkdocs_site), pages(zensical_site)
    # The 404 page is each theme's own.
    mk.discard("404.html")
    zs.discard("404.html")
    result.only_mkdocs, result.only_zensical = sorted(mk - zs), sorted(zs - mk)
    for name in sorted(mk & zs):
        a, b = read(mkdocs_site / name), read(zensical_site / name)
        result.pages += 1
        ratio = difflib.SequenceMatcher(None, a.words, b.words, autojunk=False).ratio() \
            if (a.words or b.words) else 1.0
        result.lowest = min(result.lowest, (round(ratio, 4), name))
        if ratio < SIMILARITY:
            result.dissimilar.append(f"{name}: {ratio:.3f}")
        if a.tables != b.tables:
            result.tables.append(f"{name}: its tables differ ({len(a.tables)} in MkDocs', {len(b.tables)} in Zensical's)")
        result.table_count += len(a.tables)
        unrendered = FORMULA.search((zensical_site / name).read_text(encoding="utf-8")) is not None
        if a.katex != b.katex or unrendered:
            result.math.append(f"{name}: {a.katex} KaTeX elements in MkDocs', {b.katex} in Zensical's"
                               + (", and TeX left unrendered" if unrendered else ""))
        result.formulas += b.katex
        if sorted(a.figures) != sorted(b.figures):
            result.figures.append(f"{name}: figures {sorted(a.figures)} against {sorted(b.figures)}")
        for figure in b.figures:
            if not (zensical_site / name).parent.joinpath(figure).resolve().is_file() and \
                    not (zensical_site / figure).is_file():
                result.figures.append(f"{name}: Zensical's site lacks the figure {figure}")
        result.figure_count += len(b.figures)
        if a.anchors != b.anchors or a.check_links != b.check_links:
            result.claims.append(f"{name}: {len(a.anchors)} claim anchors and {a.check_links} check links "
                                 f"in MkDocs', {len(b.anchors)} and {b.check_links} in Zensical's")
    result.foreign = foreign_requests(zensical_site) + foreign_requests(mkdocs_site)
    return result


def zensical() -> str | None:
    """The Zensical command installed beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("zensical")
    return str(beside) if beside.is_file() else shutil.which("zensical")


def build_zensical(site: Path, root: Path = ROOT) -> subprocess.CompletedProcess:
    """Build ``root``'s site with Zensical into ``site``, a folder under ``root`` (Zensical
    writes only inside the project), from a copy of ``mkdocs.yml`` that names it; the copy
    sits beside the original, since both engines read paths relative to it."""
    command = zensical()
    if command is None:
        raise RuntimeError("Zensical is not installed: `make setup` installs it from constraints.txt")
    derived = root / ZENSICAL_CONFIG
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    relative = site.resolve().relative_to(root.resolve()).as_posix()
    derived.write_text(text.replace("docs_dir: docs", f"docs_dir: docs\nsite_dir: {relative}", 1),
                       encoding="utf-8")
    try:
        return subprocess.run([command, "build", "--clean", "-f", str(derived)], cwd=root,
                              capture_output=True, text=True, timeout=900)
    finally:
        derived.unlink(missing_ok=True)
