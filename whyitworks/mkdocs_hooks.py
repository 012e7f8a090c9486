"""MkDocs hooks: what the build adds to the pages the contributors write.

* The front-end assets (KaTeX's style and fonts, mermaid) are copied from
  ``node_modules`` into the site, so that a page requests nothing from any other host.
* Every formula is rendered by KaTeX at build time (``whyitworks.math``), so pages ship
  no math script and a formula KaTeX cannot parse stops the build.
* Every topic gets a checks page under ``checks/``: each of its snippets in full, the
  claims each proves with links back to them, and the commands that run it.
* Every claim gets an anchor and, under its code, a link to that page.
* Every public function of a topic's ``_figures.py`` draws the figure of the same
  name, ``figures/<family>/<topic>/<function>.svg``, with the code the checks use.

Nothing here decides whether a claim holds; that is the test suite's job.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import sys
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hook is loaded by path, before the package is importable
    sys.path.insert(0, str(ROOT))

from whyitworks import catalogue, generated, math, verification  # noqa: E402
from whyitworks.generated import check_link, check_page_uri, claim_anchors, page_uri, relative  # noqa: E402
from whyitworks.layout import CHECKS_URL_DIR, DOCS  # noqa: E402
from whyitworks.pages import Claim, iter_pages, parse_markdown  # noqa: E402
from whyitworks.snippets import MARKER_RE, iter_snippets  # noqa: E402

# (file in node_modules, where the site serves it)
VENDORED = [
    ("katex/dist/katex.min.css", "assets/vendor/katex/katex.min.css"),
    ("mermaid/dist/mermaid.min.js", "assets/vendor/mermaid/mermaid.min.js"),
]
KATEX_FONTS = "katex/dist/fonts"


def _vendored_files(config: MkDocsConfig) -> list[File]:
    modules = ROOT / "node_modules"
    missing = [src for src, _ in VENDORED if not (modules / src).is_file()]
    if missing:
        raise PluginError(
            f"front-end assets are missing ({', '.join(missing)}): run `npm ci` in {ROOT} "
            "(`make serve` and `make test` do it for you)"
        )
    files = [
        File.generated(config, dest, abs_src_path=str(modules / src)) for src, dest in VENDORED
    ]
    for font in sorted((modules / KATEX_FONTS).glob("*.woff2")):
        files.append(File.generated(
            config, f"assets/vendor/katex/fonts/{font.name}", abs_src_path=str(font)
        ))
    return files


def _checks_page(topic_page, snippets, claims_by_file, uri: str) -> str:
    """The Markdown of one topic's checks page: every snippet of the topic in full."""
    title = catalogue.page_title(topic_page, ROOT) if topic_page else uri.removesuffix(".md")
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


def _figure_files(config: MkDocsConfig) -> list[File]:
    """Draw every figure: one SVG per public function of each ``_figures.py``."""
    if str(ROOT) not in sys.path:  # the figure modules import snippets.* by name
        sys.path.insert(0, str(ROOT))
    drawn = []
    for module_path in sorted((ROOT / "snippets").rglob("_figures.py")):
        topic = module_path.parent.relative_to(ROOT / "snippets").as_posix()
        module = importlib.import_module(f"snippets.{topic.replace('/', '.')}._figures")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            drawn.append(File.generated(config, f"figures/{topic}/{name}.svg", content=function()))
    return drawn


# The pages as written, parsed once per build (``mkdocs serve`` rebuilds on each edit).
PAGES: list = []


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in _vendored_files(config) + _figure_files(config):
        files.append(file)

    PAGES[:] = iter_pages(ROOT)
    claims_by_file: dict[str, list[tuple[Claim, str]]] = {}
    for page in PAGES:
        anchors = claim_anchors(page)
        for claim in page.claims:
            anchor = anchors[claim.line]
            for name in claim.files:
                claims_by_file.setdefault(name, []).append((claim, anchor))

    # One checks page per topic; its snippets in the order the topic's page first shows them.
    order = {name: i for i, name in enumerate(
        dict.fromkeys(name for page in PAGES for claim in page.claims for name in claim.files)
    )}
    by_topic: dict[str, list] = {}
    for snippet in sorted(iter_snippets(ROOT), key=lambda s: (order.get(s.path, len(order)), s.path)):
        by_topic.setdefault(check_page_uri(snippet.path), []).append(snippet)
    pages_by_uri = {page_uri(page): page for page in PAGES}
    for uri, snippets in sorted(by_topic.items()):
        topic_page = pages_by_uri.get(uri.removeprefix(f"{CHECKS_URL_DIR}/"))
        file = File.generated(
            config, uri, content=_checks_page(topic_page, snippets, claims_by_file, uri)
        )
        file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
    return files


def _conditions(claim: Claim) -> str:
    """What the claim's check was run under, from its snippets' ``Conditions:`` fields."""
    stated = []
    for name in claim.files:
        path = ROOT / name
        text = catalogue.docstring_fields(path.read_text(encoding="utf-8")).get("Conditions", "") \
            if path.is_file() else ""
        if text:
            label = f"`{PurePosixPath(name).name}`: " if len(claim.files) > 1 else ""
            stated.append(label + text.strip())
    return "**Checked under:** " + (" · ".join(stated) if stated else "*not stated*")


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    """Give each claim an anchor and a link to its check's page; fill in the catalogue."""
    if page.file.src_uri.startswith(f"{CHECKS_URL_DIR}/"):
        page.edit_url = None  # generated: each section names the snippet file to edit
        return markdown
    markdown = generated.fill(markdown, PAGES, page.file.src_uri, ROOT)
    parsed = parse_markdown(markdown, f"{DOCS}/{page.file.src_uri}")
    if not parsed.claims:
        return markdown
    lines = markdown.splitlines()
    anchors = claim_anchors(parsed)
    insertions: list[tuple[int, list[str]]] = []
    for claim in parsed.claims:
        anchor = anchors[claim.line]
        indent = " " * (len(lines[claim.line - 1]) - len(lines[claim.line - 1].lstrip()))
        links = " · ".join(
            f"[full check: `{PurePosixPath(name).name}`]({check_link(name, page.file.src_uri)})"
            for name in claim.files
        )
        conditions = _conditions(claim)
        insertions.append((claim.end_line, [
            "", f"{indent}    {conditions}", f"{indent}    {{: .wiw-conditions }}",
            "", f"{indent}    {links}", f"{indent}    {{: .wiw-check-link }}",
        ]))
        insertions.append((claim.line - 1, [f'{indent}<a id="{anchor}"></a>', ""]))
    for at, new in sorted(insertions, key=lambda item: item[0], reverse=True):
        lines[at:at] = new
    source_page = next((p for p in PAGES if p.path == parsed.path), None)
    if source_page is not None:
        lines += ["", verification.status_line(source_page, ROOT), "{: .wiw-verified }"]
    return "\n".join(lines)


# Code and diagram sources stay out of the search index: readers search for ideas in the
# prose, and every page load has the search worker index whatever the index holds.
UNSEARCHED = re.compile(r'<(div class="highlight"|pre class="mermaid")>')


def on_page_content(html: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    return UNSEARCHED.sub(lambda m: f'<{m.group(1)} data-search-exclude="code">', html)


# Material's search (partials/search.html) has role="dialog" but no accessible name,
# which axe-core reports as aria-dialog-name; name it rather than fork the partial.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
MERMAID_SCRIPT = re.compile(r'<script src="[^"]*assets/vendor/mermaid/mermaid\.min\.js"></script>\s*')


RENDERER = math.Renderer(ROOT)


def _formula_line(page: MkPage, tex: str) -> str:
    """Where a formula is written: the page's file and line, or the generated page's name."""
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    if source is None or not source.is_file():
        return f"{page.file.src_uri} (generated)"
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if tex in line:
            return f"{DOCS}/{page.file.src_uri}:{number}"
    return f"{DOCS}/{page.file.src_uri}"


def on_post_page(output: str, page: MkPage, config: MkDocsConfig) -> str:
    """Render the formulas, name the search dialog, and load mermaid (3.5 MB) only on
    pages with a diagram."""
    try:
        output = RENDERER.page(output)
    except math.MathError as error:
        raise PluginError(
            f"{_formula_line(page, error.tex)}: KaTeX cannot render the formula "
            f"`{error.tex}`: {error.message}. Fix the TeX (check it at https://katex.org/ "
            "or with `npx katex`), then rebuild."
        ) from None
    except RuntimeError as error:
        raise PluginError(str(error)) from None
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    if 'class="mermaid"' not in output:
        output = MERMAID_SCRIPT.sub("", output, count=1)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    RENDERER.close()


def on_build_error(error: Exception) -> None:
    RENDERER.close()
