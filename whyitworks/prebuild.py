"""Everything the site adds to the pages as written, made before any engine runs:
``python -m whyitworks.prebuild``.

``make serve``, ``make build`` and the test suite run it first; MkDocs and Zensical
then read ordinary files. It writes:

* ``docs/assets/vendor/``: KaTeX's style and fonts, mermaid and Tabulator (the claims
  ledger's sorting and filtering), copied from ``node_modules`` so that a page requests
  nothing from any other host;
* ``docs/figures/<family>/<topic>/<name>.svg``: every public function of a topic's
  ``_figures.py``, called (each draws what its topic's checks measure);
* ``docs/checks/<family>/<topic>.md``: one page per topic with each of its snippets in
  full, the claims each proves, and the commands that run it;
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
import sys
import time
from pathlib import Path, PurePosixPath

from whyitworks import catalogue, generated
from whyitworks.generated import check_page_uri, claim_anchors, page_uri, relative
from whyitworks.layout import CHECKS_URL_DIR, DOCS, GENERATED_DIRS, ROOT, TABLES
from whyitworks.pages import Claim, Page, iter_pages
from whyitworks.snippets import MARKER_RE, iter_snippets

# (file in node_modules, where the site serves it, under docs/)
VENDORED = [
    ("katex/dist/katex.min.css", "assets/vendor/katex/katex.min.css"),
    ("mermaid/dist/mermaid.min.js", "assets/vendor/mermaid/mermaid.min.js"),
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
            f"front-end assets are missing ({', '.join(missing)}): run `npm ci` in {out.root} "
            "(`make serve` and `make test` do it for you)"
        )
    for src, dest in VENDORED:
        out.write(f"{DOCS}/{dest}", (modules / src).read_bytes())
    fonts, dest = KATEX_FONTS
    for font in sorted((modules / fonts).glob("*.woff2")):
        out.write(f"{DOCS}/{dest}/{font.name}", font.read_bytes())


def figure_functions(root: Path = ROOT):
    """``(topic, name, function)`` for every figure: the public functions defined in a
    topic's ``_figures.py``."""
    for module_path in sorted((root / "snippets").rglob("_figures.py")):
        topic = module_path.parent.relative_to(root / "snippets").as_posix()
        module = importlib.import_module(f"snippets.{topic.replace('/', '.')}._figures")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                yield topic, name, function


def figures(out: Output) -> None:
    for topic, name, function in figure_functions(out.root):
        out.write(f"{DOCS}/figures/{topic}/{name}.svg", function())


def checks_page(topic_page: Page | None, snippets, claims_by_file, uri: str, root: Path) -> str:
    """The Markdown of one topic's checks page: every snippet of the topic in full."""
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
        lines += [
            f"Run it alone from the repository root, `.venv/bin/python -m {snippet.module}` (it prints "
            f"nothing when every assert holds), or with the harness, `.venv/bin/python -m pytest -k {snippet.stem}`.",
            "",
            f'````python title="{snippet.path}" linenums="1"',
            source,
            "````",
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
    for uri, snippets in sorted(by_topic.items()):
        topic_page = pages_by_uri.get(uri.removeprefix(f"{CHECKS_URL_DIR}/"))
        out.write(f"{DOCS}/{uri}", checks_page(topic_page, snippets, claims_by_file, uri, out.root))


def tables(out: Output, pages: list[Page]) -> None:
    """Each generated table, keyed by the page it goes into and the marker it replaces."""
    found: dict[str, dict[str, str]] = {}
    for page in pages:
        text = (out.root / page.path).read_text(encoding="utf-8")
        uri = page_uri(page)
        for marker in generated.markers_in(text):
            found.setdefault(uri, {})[marker] = generated.fill(marker, pages, uri, out.root)
    out.write(TABLES, json.dumps(found, indent=1, sort_keys=True) + "\n")


def run(root: Path = ROOT) -> Output:
    """Write everything; return what was written."""
    out = Output(root)
    pages = iter_pages(root)
    vendored(out)
    figures(out)
    checks_pages(out, pages)
    tables(out, pages)
    out.prune()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m whyitworks.prebuild", description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    start = time.perf_counter()
    out = run()
    print(f"prebuild: {len(out.written)} files, {out.changed} changed, "
          f"in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
