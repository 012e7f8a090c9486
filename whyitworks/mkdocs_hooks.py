"""MkDocs hooks: what the build adds to the pages the contributors write.

* The front-end assets (KaTeX, mermaid) are copied from ``node_modules`` into the
  site, so that a page requests nothing from any other host.
* Every claim snippet gets a page of its own under ``checks/``: its full source, the
  claims it proves with links back to them, and the commands that run it.
* Every claim gets an anchor and, under its code, a link to that page.
* Every public function of a topic's ``_figures.py`` draws the figure of the same
  name, ``figures/<family>/<topic>/<function>.svg``, with the code the checks use.

Nothing here decides whether a claim holds; that is the test suite's job.
"""

from __future__ import annotations

import importlib
import inspect
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

from whyitworks import generated, verification  # noqa: E402
from whyitworks.generated import check_page_uri, claim_anchors, relative  # noqa: E402
from whyitworks.layout import CHECKS_URL_DIR, DOCS  # noqa: E402
from whyitworks.pages import Claim, iter_pages, parse_markdown  # noqa: E402
from whyitworks.snippets import MARKER_RE, iter_snippets  # noqa: E402

# (file in node_modules, where the site serves it)
VENDORED = [
    ("katex/dist/katex.min.js", "assets/vendor/katex/katex.min.js"),
    ("katex/dist/katex.min.css", "assets/vendor/katex/katex.min.css"),
    ("katex/dist/contrib/auto-render.min.js", "assets/vendor/katex/contrib/auto-render.min.js"),
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


def _check_page(snippet, claims: list[tuple[Claim, str]], uri: str) -> str:
    """The Markdown of one check's page."""
    source = "\n".join(
        line for line in snippet.source.splitlines() if not MARKER_RE.search(line)
    )
    fence = "````"
    lines = [
        "---",
        f"title: {snippet.stem}",
        "---",
        "",
        f"# `{snippet.path}`",
        "",
    ]
    if claims:
        lines += ["This check proves:", ""]
        for claim, anchor in claims:
            page_uri = claim.page.removeprefix(f"{DOCS}/")
            lines.append(f"- [{claim.sentence}]({relative(page_uri, uri)}#{anchor})")
        lines.append("")
    lines += [
        "Run it alone from the repository root; it prints nothing when every assert holds:",
        "",
        "```bash",
        f"python -m {snippet.module}",
        "```",
        "",
        f"or through the harness, which also checks the sentence against the asserts: "
        f"`python -m pytest -k {snippet.stem}`.",
        "",
        f'{fence}python title="{snippet.path}" linenums="1"',
        source,
        fence,
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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in _vendored_files(config) + _figure_files(config):
        files.append(file)

    claims_by_file: dict[str, list[tuple[Claim, str]]] = {}
    for page in iter_pages(ROOT):
        anchors = claim_anchors(page)
        for claim in page.claims:
            anchor = anchors[claim.line]
            for name in claim.files:
                claims_by_file.setdefault(name, []).append((claim, anchor))

    for snippet in iter_snippets(ROOT):
        uri = check_page_uri(snippet.path)
        file = File.generated(
            config, uri, content=_check_page(snippet, claims_by_file.get(snippet.path, []), uri)
        )
        file.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    """Give each claim an anchor and a link to its check's page; fill in the catalogue."""
    if page.file.src_uri.startswith(f"{CHECKS_URL_DIR}/"):
        # "Edit this page" on a check's page edits the snippet, not a generated file.
        if config.edit_uri and page.edit_url:
            snippet = "snippets/" + page.file.src_uri.removeprefix(f"{CHECKS_URL_DIR}/").removesuffix(".md") + ".py"
            page.edit_url = config.edit_uri.rstrip("/").removesuffix("/docs") + "/" + snippet
        return markdown
    markdown = generated.fill(markdown, iter_pages(ROOT), page.file.src_uri, ROOT)
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
            f"[full check: `{PurePosixPath(name).name}`]"
            f"({relative(check_page_uri(name), page.file.src_uri)})"
            for name in claim.files
        )
        insertions.append(
            (claim.end_line, ["", f"{indent}    {links}", f"{indent}    {{: .wiw-check-link }}"])
        )
        insertions.append((claim.line - 1, [f'{indent}<a id="{anchor}"></a>', ""]))
    for at, new in sorted(insertions, key=lambda item: item[0], reverse=True):
        lines[at:at] = new
    source_page = next((p for p in iter_pages(ROOT) if p.path == parsed.path), None)
    if source_page is not None:
        lines += ["", verification.status_line(source_page, ROOT), "{: .wiw-verified }"]
    return "\n".join(lines)


# Material's search (partials/search.html) has role="dialog" but no accessible name,
# which axe-core reports as aria-dialog-name; name it rather than fork the partial.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
MERMAID_SCRIPT = re.compile(r'<script src="[^"]*assets/vendor/mermaid/mermaid\.min\.js"></script>\s*')


def on_post_page(output: str, page: MkPage, config: MkDocsConfig) -> str:
    """Name the search dialog, and load mermaid (3.5 MB) only on pages with a diagram."""
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
    if 'class="mermaid"' not in output:
        output = MERMAID_SCRIPT.sub("", output, count=1)
    return output
