"""Everything the site adds to the pages as written, made before any engine runs:
``python -m whyitworks.prebuild``.

``make serve``, ``make build`` and the test suite run it first; MkDocs and Zensical
then read ordinary files. It writes:

* ``docs/assets/vendor/``: KaTeX's style and fonts and Tabulator (the claims
  ledger's sorting and filtering), copied from ``node_modules`` so
  that a page requests nothing from any other host;
* ``build/diagrams/``: every mermaid diagram of the pages, drawn as SVG by mermaid in
  headless Chromium (only those new or edited since the last run; see
  ``whyitworks.diagrams``);
* ``docs/figures/<family>/<topic>/<name>.svg``: every public function of a topic's
  ``_figures.py``, called (each draws what its topic's checks measure);
* ``docs/checks/<family>/<topic>.md``: one page per topic with each of its snippets in
  full, the claims each proves, and the commands that run it, then the topic's helper
  modules (its ``_*.py`` but ``_figures.py``) documented from their docstrings, so that
  the reading page carries none of that API (see ``generated.helper_homes``);
* ``build/generated/tables.json``: for each page with a generated-table marker
  (``<!-- comparison-matrix -->``, ``<!-- lab-table: vision -->``...), the table that
  replaces it, its links relative to that page.

What must happen while a page is rendered (the claim boxes' anchors, conditions and
links; the formulas; the verification line) is ``whyitworks.markdown_ext``, a
Python-Markdown extension both engines run. All of these folders are build output:
they are ignored by git and rewritten only where their content changed, so that
``mkdocs serve`` does not reload for nothing.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import re
import sys
import time
from pathlib import Path, PurePosixPath

from whyitworks import catalogue, diagrams, generated
from whyitworks.generated import (
    HELPERS_ANCHOR,
    check_page_uri,
    claim_anchors,
    helper_blocks,
    helper_homes,
    page_uri,
    relative,
)
from whyitworks.layout import CHECKS_URL_DIR, DOCS, GENERATED_DIRS, ROOT, TABLES
from whyitworks.pages import Claim, Page, iter_pages
from whyitworks.snippets import MARKER_RE, iter_snippets

# A snippet that reports its numbers as it runs (the checks page says so).
PRINTS = re.compile(r"^\s*print\(", re.MULTILINE)
# (file in node_modules, where the site serves it, under docs/)
VENDORED = [
    ("katex/dist/katex.min.css", "assets/vendor/katex/katex.min.css"),
    # Sorts and filters the claims ledger; docs/assets/javascripts/tables.js loads it
    # on the pages that have one, and no other.
    ("tabulator-tables/dist/js/tabulator.min.js", "assets/vendor/tabulator/tabulator.min.js"),
    ("tabulator-tables/dist/css/tabulator.min.css", "assets/vendor/tabulator/tabulator.min.css"),
]
KATEX_FONTS = ("katex/dist/fonts", "assets/vendor/katex/fonts")


class Output:
    """The files one run writes; each is rewritten only if its bytes differ, and
    whatever an earlier run left in a generated folder that this run did not write is
    removed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[Path] = set()
        self.changed = 0

    def write(self, relative_path: str, content: bytes | str) -> None:
        path = self.root / relative_path
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.written.add(path)
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.changed += 1

    def prune(self) -> None:
        for folder in GENERATED_DIRS:
            base = self.root / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*"), reverse=True):
                if path.is_file() and path not in self.written:
                    path.unlink()
                    self.changed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()


def vendored(out: Output) -> None:
    modules = out.root / "node_modules"
    missing = [src for src, _ in VENDORED if not (modules / src).is_file()]
    if missing:
        raise SystemExit(
            f"front-end assets are missing ({', '.join(missing)}): run `npm ci --ignore-scripts` in {out.root} "
            "(`make serve` and `make test` do it for you)"
        )
    for src, dest in VENDORED:
        out.write(f"{DOCS}/{dest}", (modules / src).read_bytes())
    fonts, dest = KATEX_FONTS
    for font in sorted((modules / fonts).glob("*.woff2")):
        out.write(f"{DOCS}/{dest}/{font.name}", font.read_bytes())


def figure_functions(root: Path = ROOT, topics: set[str] | None = None):
    """``(topic, name, function)`` for every figure (of ``topics``, if given): the public
    functions defined in a topic's ``_figures.py``."""
    for module_path in sorted((root / "snippets").rglob("_figures.py")):
        topic = module_path.parent.relative_to(root / "snippets").as_posix()
        if topics is not None and topic not in topics:
            continue
        module = importlib.import_module(f"snippets.{topic.replace('/', '.')}._figures")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                yield topic, name, function


def figures(out: Output, topics: set[str] | None = None) -> None:
    """Draw every figure, or only those of ``topics`` (the others' files are kept)."""
    if topics is not None:
        kept = out.root / DOCS / "figures"
        for path in kept.rglob("*.svg") if kept.is_dir() else ():
            if path.parent.relative_to(kept).as_posix() not in topics:
                out.written.add(path)
    for topic, name, function in figure_functions(out.root, topics):
        out.write(f"{DOCS}/figures/{topic}/{name}.svg", function())


def checks_page(topic_page: Page | None, snippets, claims_by_file, uri: str, root: Path,
                helpers: list[str] = ()) -> str:
    """The Markdown of one topic's checks page: every snippet of the topic in full, then
    the helper modules ``helpers`` documented from their docstrings."""
    title = catalogue.page_title(topic_page, root) if topic_page else uri.removesuffix(".md")
    topic = PurePosixPath(uri).stem
    lines = [
        "---",
        f"title: {json.dumps('Checks: ' + title)}",
        f"description: {json.dumps(f'Every check of the {title} page in full: the claims each proves and the command that runs it.')}",
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# Checks: {title}",
        "",
    ]
    if topic_page is not None:
        lines.append(
            f"The [{title}]({relative(page_uri(topic_page), uri)}) page shows the lines of each "
            "check that prove a claim; here each check is in full, with the claims it proves."
        )
    lines += [
        f"Every one runs as a test: `.venv/bin/python -m pytest -k {topic}` runs them all, with the "
        "checks that each claim's numbers are the ones its asserts compare.",
        "",
    ]
    for snippet in snippets:
        source = "\n".join(
            line for line in snippet.source.splitlines() if not MARKER_RE.search(line)
        )
        lines += [f"## `{PurePosixPath(snippet.path).name}` {{ #{snippet.stem} }}", ""]
        claims = claims_by_file.get(snippet.path, [])
        if claims:
            lines += ["It proves:", ""]
            for claim, anchor in claims:
                page = claim.page.removeprefix(f"{DOCS}/")
                lines.append(f"- [{claim.sentence}]({relative(page, uri)}#{anchor})")
            lines.append("")
        prints = ("prints the values it measured and exits without an error" if PRINTS.search(source)
                  else "prints nothing")
        lines += [
            f"Run it alone from the repository root, `.venv/bin/python -m {snippet.module}` (it {prints} "
            f"when every assert holds), or with the harness, `.venv/bin/python -m pytest -k {snippet.stem}`.",
            "",
            f'````python title="{snippet.path}" linenums="1"',
            source,
            "````",
            "",
        ]
    if helpers:
        names = ", ".join(f"`{PurePosixPath(m.replace('.', '/')).name}.py`" for m in helpers)
        lines += [
            f"## Helper modules {{ #{HELPERS_ANCHOR} }}",
            "",
            f"The checks above use {names}, this topic's helpers and reference code"
            + (". It is not run as a check: the checks that import it test it. What follows is "
               "its documentation, from its docstrings." if len(helpers) == 1 else
               ". They are not run as checks: the checks that import them test them. What follows "
               "is their documentation, from their docstrings."),
            "",
            helper_blocks(helpers),
            "",
        ]
    return "\n".join(lines)


def checks_pages(out: Output, pages: list[Page]) -> None:
    claims_by_file: dict[str, list[tuple[Claim, str]]] = {}
    for page in pages:
        anchors = claim_anchors(page)
        for claim in page.claims:
            for name in claim.files:
                claims_by_file.setdefault(name, []).append((claim, anchors[claim.line]))
    # One checks page per topic; its snippets in the order the topic's page first shows them.
    order = {name: i for i, name in enumerate(
        dict.fromkeys(name for page in pages for claim in page.claims for name in claim.files)
    )}
    by_topic: dict[str, list] = {}
    for snippet in sorted(iter_snippets(out.root), key=lambda s: (order.get(s.path, len(order)), s.path)):
        by_topic.setdefault(check_page_uri(snippet.path), []).append(snippet)
    pages_by_uri = {page_uri(page): page for page in pages}
    homes = helper_homes(pages, [s for group in by_topic.values() for s in group], out.root)
    for uri, snippets in sorted(by_topic.items()):
        topic_page = pages_by_uri.get(uri.removeprefix(f"{CHECKS_URL_DIR}/"))
        helpers = sorted(m for m, home in homes.items() if home == uri)
        out.write(f"{DOCS}/{uri}", checks_page(topic_page, snippets, claims_by_file, uri, out.root, helpers))


def tables(out: Output, pages: list[Page]) -> None:
    """Each generated table, keyed by the page it goes into and the marker it replaces."""
    found: dict[str, dict[str, str]] = {}
    for page in pages:
        text = (out.root / page.path).read_text(encoding="utf-8")
        uri = page_uri(page)
        for marker in generated.markers_in(text):
            found.setdefault(uri, {})[marker] = generated.fill(marker, pages, uri, out.root)
    out.write(TABLES, json.dumps(found, indent=1, sort_keys=True) + "\n")


def run(root: Path = ROOT, topics: set[str] | None = None) -> Output:
    """Write everything; return what was written. ``topics`` (``{"vision/cnn"}``) limits
    the figures drawn to those topics': ``mkdocs serve`` redraws only the figures of the
    topics whose snippets changed."""
    out = Output(root)
    pages = iter_pages(root)
    vendored(out)
    diagrams.draw(out)
    figures(out, topics)
    checks_pages(out, pages)
    tables(out, pages)
    out.prune()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m whyitworks.prebuild", description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    start = time.perf_counter()
    out = run()
    print(f"prebuild: {len(out.written)} files, {out.changed} changed, "
          f"in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
