"""MkDocs hooks: what the build adds to the pages the contributors write.

* The front-end assets (KaTeX, mermaid) are copied from ``node_modules`` into the
  site, so that a page requests nothing from any other host.
* Every claim snippet gets a page of its own under ``checks/``: its full source, the
  claims it proves with links back to them, and the commands that run it.
* Every claim gets an anchor and, under its code, a link to that page.

Nothing here decides whether a claim holds; that is the test suite's job.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hook is loaded by path, before the package is importable
    sys.path.insert(0, str(ROOT))

from whyitworks import catalogue  # noqa: E402
from whyitworks.layout import CHECKS_URL_DIR, DOCS, SNIPPETS  # noqa: E402
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


def check_page_uri(snippet_path: str) -> str:
    """Where the page of a snippet lives in the site's sources: checks/<family>/<topic>/<claim>.md."""
    inner = PurePosixPath(snippet_path).relative_to(SNIPPETS).with_suffix(".md")
    return f"{CHECKS_URL_DIR}/{inner.as_posix()}"


def claim_anchor(claim: Claim, seen: dict[str, int]) -> str:
    """A stable anchor for a claim: its first snippet's name, numbered if repeated on the page."""
    stem = PurePosixPath(claim.files[0]).stem if claim.files else f"line-{claim.line}"
    seen[stem] = seen.get(stem, 0) + 1
    return f"claim-{stem}" if seen[stem] == 1 else f"claim-{stem}-{seen[stem]}"


def _relative(target_uri: str, from_uri: str) -> str:
    return os.path.relpath(target_uri, os.path.dirname(from_uri) or ".").replace(os.sep, "/")


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
            lines.append(f"- [{claim.sentence}]({_relative(page_uri, uri)}#{anchor})")
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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in _vendored_files(config):
        files.append(file)

    claims_by_file: dict[str, list[tuple[Claim, str]]] = {}
    for page in iter_pages(ROOT):
        seen: dict[str, int] = {}
        for claim in page.claims:
            anchor = claim_anchor(claim, seen)
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


CATALOGUE_MARKER = "<!-- failure-mode-catalogue -->"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "*not stated*"


def catalogue_table(from_uri: str) -> str:
    """The failure-mode catalogue as a Markdown table, with links relative to ``from_uri``."""
    pages = iter_pages(ROOT)
    anchors: dict[tuple[str, int], str] = {}
    for page in pages:
        seen: dict[str, int] = {}
        for claim in page.claims:
            anchors[(page.path, claim.line)] = claim_anchor(claim, seen)
    lines = [
        "| Page | Assumption | Broken by | What happens | Check |",
        "|---|---|---|---|---|",
    ]
    for row in catalogue.rows(pages, ROOT):
        page_uri = row.page.path.removeprefix(f"{DOCS}/")
        link = _relative(page_uri, from_uri)
        anchor = anchors[(row.page.path, row.claim.line)]
        check = _relative(check_page_uri(row.snippet), from_uri)
        lines.append(
            f"| [{_cell(row.title)}]({link}) | {_cell(row.assumption)} | {_cell(row.broken_by)} "
            f"| [{_cell(row.claim.sentence)}]({link}#{anchor}) "
            f"| [`{PurePosixPath(row.snippet).name}`]({check}) |"
        )
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    """Give each claim an anchor and a link to its check's page; fill in the catalogue."""
    if page.file.src_uri.startswith(f"{CHECKS_URL_DIR}/"):
        return markdown
    if CATALOGUE_MARKER in markdown:
        markdown = markdown.replace(CATALOGUE_MARKER, catalogue_table(page.file.src_uri))
    parsed = parse_markdown(markdown, f"{DOCS}/{page.file.src_uri}")
    if not parsed.claims:
        return markdown
    lines = markdown.splitlines()
    seen: dict[str, int] = {}
    insertions: list[tuple[int, list[str]]] = []
    for claim in parsed.claims:
        anchor = claim_anchor(claim, seen)
        indent = " " * (len(lines[claim.line - 1]) - len(lines[claim.line - 1].lstrip()))
        links = " · ".join(
            f"[full check: `{PurePosixPath(name).name}`]"
            f"({_relative(check_page_uri(name), page.file.src_uri)})"
            for name in claim.files
        )
        insertions.append(
            (claim.end_line, ["", f"{indent}    {links}", f"{indent}    {{: .wiw-check-link }}"])
        )
        insertions.append((claim.line - 1, [f'{indent}<a id="{anchor}"></a>', ""]))
    for at, new in sorted(insertions, key=lambda item: item[0], reverse=True):
        lines[at:at] = new
    return "\n".join(lines)
