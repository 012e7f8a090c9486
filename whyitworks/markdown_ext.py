"""The Python-Markdown extension that renders what this site adds to a page while it is
read: listed under ``markdown_extensions`` in ``mkdocs.yml`` as
``whyitworks.markdown_ext``, so MkDocs and Zensical both run it.

* ``[[cite:KEY]]`` and ``[[cite:<family>/<topic>:KEY]]`` become the published figure,
  styled as cited, with its source beside it. The figure is written once, in its
  topic's ``snippets/<family>/<topic>/published.toml`` (see ``whyitworks.figures``),
  which the page and any check that needs it both read.
* A generated-table marker (``<!-- comparison-matrix -->``...) becomes its table, read
  from what ``python -m whyitworks.prebuild`` wrote.
* Every claim box gets an anchor, the conditions its check ran under (each snippet's
  ``Conditions:`` field) and a link to its check in full; the page ends with what the
  last test run verified of it (``whyitworks.verification``).
* A claim that shows more than ``LONG_CLAIM`` lines of code keeps its asserts in view
  and folds the set-up before them into a collapsed block whose summary says how many
  lines it hides and what they define (``fold_setup``).
* Every formula arithmatex marked is rendered by KaTeX, so pages ship no math script and
  a formula KaTeX cannot parse stops the build with the file and line to fix.
* A ``mermaid`` fence becomes the SVG the prebuild drew of it (``whyitworks.diagrams``):
  ``mkdocs.yml`` names ``diagram_fence`` as the fence's format, so no page loads mermaid.
* Code blocks and diagrams are kept out of the search index.

The extension needs to know which page it renders (links are relative to it). Neither
engine hands that to an extension, so ``page_uri`` reads it from the one processor each
engine registers with the page (see there).
"""

from __future__ import annotations

import ast
import atexit
import html
import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path, PurePosixPath

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from pymdownx.superfences import SuperFencesException

from whyitworks import catalogue, diagrams, generated, math, verification
from whyitworks.figures import CITE_RE, resolve_cite
from whyitworks.generated import check_link, claim_anchors
from whyitworks.layout import CHECKS_URL_DIR, DOCS, ROOT, TABLES
from whyitworks.pages import FENCE_RE, Claim, Include, parse_markdown, parse_page
from whyitworks.snippets import MARKER_RE, Snippet, parse_snippet


class BuildError(Exception):
    """Something in the sources stops the build; the message names the file and the fix."""


def page_uri(md) -> str | None:
    """The path under docs/ of the page ``md`` is rendering, or None (a docstring that
    mkdocstrings renders, say). MkDocs registers a tree processor that keeps the page's
    ``file``; Zensical a preprocessor that keeps its ``page``."""
    for processor in md.treeprocessors:
        file = getattr(processor, "file", None)
        if file is not None and isinstance(getattr(file, "src_uri", None), str):
            return file.src_uri
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        if page is not None and isinstance(getattr(page, "path", None), str):
            return PurePosixPath(page.path).as_posix().removeprefix(f"{DOCS}/")
    return None


class CiteProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        found = resolve_cite(m.group("topic"), m.group("key"))
        span = etree.Element("span")
        if found is None:
            span.set("class", "wiw-cited wiw-cited-missing")
            span.text = m.group(0)
            return span, m.start(0), m.end(0)
        _, entry = found
        source = str(entry.get("source", "")).strip()
        short = source.split(" (", 1)[0]  # "He et al. 2016, Table 4"; the rest on hover
        span.set("class", "wiw-cited")
        span.set("title", f"Cited, not checked: {source}")
        value = etree.SubElement(span, "span")
        value.set("class", "wiw-cited-value")
        value.text = str(entry.get("value", ""))
        note = etree.SubElement(span, "span")
        note.set("class", "wiw-cited-source")
        url = str(entry.get("url", "")).strip()
        if url:
            link = etree.SubElement(note, "a")
            link.set("href", html.escape(url, quote=True))
            link.text = short
            note.text, link.tail = " (", ")"
        else:
            note.text = f" ({short})"
        return span, m.start(0), m.end(0)


def _tables(root: Path) -> dict[str, dict[str, str]]:
    path = root / TABLES
    if not path.is_file():
        raise BuildError(f"{TABLES} is missing: run `.venv/bin/python -m whyitworks.prebuild` before building "
                         "(`make build`, `make serve` and the tests do it for you)")
    return json.loads(path.read_text(encoding="utf-8"))


def conditions(claim: Claim, root: Path = ROOT) -> str:
    """What the claim's check was run under, from its snippets' ``Conditions:`` fields."""
    stated = []
    for name in claim.files:
        path = root / name
        text = catalogue.docstring_fields(path.read_text(encoding="utf-8")).get("Conditions", "") \
            if path.is_file() else ""
        if text:
            label = f"`{PurePosixPath(name).name}`: " if len(claim.files) > 1 else ""
            stated.append(label + text.strip())
    return "**Checked under:** " + (" · ".join(stated) if stated else "*not stated*")


# A claim showing more lines of code than this folds its set-up away...
LONG_CLAIM = 12
# ...if the set-up it would fold is at least this long (fewer lines read faster than a click).
MIN_FOLDED = 5


def _line_spec(numbers: list[int]) -> str:
    """Lines as pymdownx.snippets selects them: ``3:9,12:20`` (1-based, inclusive)."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ",".join(f"{a}:{b}" for a, b in spans)


def _outermost(node: ast.AST, lines: set[int]):
    """The statements under ``node`` that start on ``lines`` and sit in no other such statement."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt) and child.lineno in lines:
            yield child
        else:
            yield from _outermost(child, lines)


def setup_summary(tree: ast.Module, lines: list[int], count: int) -> str:
    """What a folded set-up holds, in a line: its length, whether it imports, and the
    names its statements define (``Set-up, 14 lines: imports; defines `x`, `y``)."""
    imports, names = False, []
    for node in _outermost(tree, set(lines)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports = True
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        else:
            targets = {ast.Assign: lambda n: n.targets, ast.AnnAssign: lambda n: [n.target],
                       ast.AugAssign: lambda n: [n.target], ast.For: lambda n: [n.target],
                       ast.With: lambda n: [i.optional_vars for i in n.items if i.optional_vars]}
            for kind, read in targets.items():
                if isinstance(node, kind):
                    names += [n.id for target in read(node) for n in ast.walk(target) if isinstance(n, ast.Name)]
    names = [name for name in dict.fromkeys(names) if name != "_"]
    parts = ["imports"] if imports else []
    if names:
        shown = ", ".join(f"`{name}`" for name in names[:5])
        parts.append("defines " + shown + (f" and {len(names) - 5} more" if len(names) > 5 else ""))
    return f"Set-up, {count} lines" + (": " + "; ".join(parts) if parts else "")


def setup_split(snippet: Snippet, section: str) -> tuple[list[int], list[int]] | None:
    """The lines of a shown section to fold (the set-up) and to keep in view (from the
    statement holding the first assert, with the comments right above it), or None when
    the section is short enough to show whole."""
    text = snippet.source.splitlines()
    shown = [n for n in snippet.lines_of(section) if n <= len(text) and not MARKER_RE.search(text[n - 1])]
    asserts = [n for n in snippet.assert_lines if n in shown]
    if len(shown) <= LONG_CLAIM or not asserts or snippet.syntax_error:
        return None
    tree = ast.parse(snippet.source)
    # The outermost statement inside the section that holds the first assert: a loop or a
    # `with` around an assert stays whole.
    split = min(node.lineno for node in ast.walk(tree) if isinstance(node, ast.stmt)
                and shown[0] <= node.lineno <= asserts[0] <= (node.end_lineno or node.lineno))
    while split - 1 in shown and text[split - 2].strip().startswith("#"):
        split -= 1
    folded = [n for n in shown if n < split]
    kept = [n for n in shown if n >= split]
    while folded and not text[folded[-1] - 1].strip():
        folded.pop()
    while kept and not text[kept[0] - 1].strip():
        kept.pop(0)
    if sum(1 for n in folded if text[n - 1].strip()) < MIN_FOLDED:
        return None
    return folded, kept


def fold_setup(lines: list[str], include: Include, root: Path = ROOT) -> list[str] | None:
    """The fenced include of a long claim region, rewritten as a collapsed block of its
    set-up followed by its asserts in view; None if it stays as written. ``lines`` are the
    page's, and the include must be alone in its fence."""
    path = root / include.file
    opener, closer = include.line - 2, include.line
    if (include.section is None or not path.is_file() or opener < 0 or closer >= len(lines)
            or not FENCE_RE.match(lines[opener]) or not FENCE_RE.match(lines[closer])):
        return None
    snippet = parse_snippet(path, root)
    if include.section not in snippet.sections:
        return None  # reported by the includes contract
    split = setup_split(snippet, include.section)
    if split is None:
        return None
    folded, kept = split
    text = snippet.source.splitlines()
    count = sum(1 for n in folded if text[n - 1].strip())
    summary = setup_summary(ast.parse(snippet.source), folded, count)
    indent = lines[opener][:len(lines[opener]) - len(lines[opener].lstrip())]
    fence = lines[opener].strip()
    language = FENCE_RE.match(fence).group("fence")
    info = fence[len(language):].split()[0] if fence[len(language):].split() else ""
    return [
        f'{indent}??? wiw-setup "{summary}"',
        "",
        f"{indent}    {language}{info}",
        f'{indent}    --8<-- "{include.file}:{_line_spec(folded)}"',
        f"{indent}    {language}",
        "",
        lines[opener],
        f'{indent}--8<-- "{include.file}:{_line_spec(kept)}"',
        lines[closer],
    ]


def render_page(markdown: str, uri: str, root: Path = ROOT) -> str:
    """A page's Markdown (front matter removed) as the engine should read it: generated
    tables filled in, each claim anchored and followed by its conditions and its link,
    and the verification line at the end."""
    if uri.startswith(f"{CHECKS_URL_DIR}/"):
        return markdown
    tables = None
    for marker in generated.markers_in(markdown):
        tables = tables if tables is not None else _tables(root)
        table = tables.get(uri, {}).get(marker)
        if table is None:
            raise BuildError(f"{DOCS}/{uri}: the table for {marker} was not generated: run "
                             "`.venv/bin/python -m whyitworks.prebuild` again")
        markdown = "\n".join(table if line.strip() == marker else line for line in markdown.split("\n"))
    parsed = parse_markdown(markdown, f"{DOCS}/{uri}")
    if not parsed.claims:
        return markdown
    lines = markdown.splitlines()
    anchors = claim_anchors(parsed)
    # (where, how many lines it replaces, the new lines), applied from the bottom up.
    insertions: list[tuple[int, int, list[str]]] = []
    for claim in parsed.claims:
        for include in claim.includes:
            folded = fold_setup(lines, include, root)
            if folded is not None:
                insertions.append((include.line - 2, 3, folded))
        indent = " " * (len(lines[claim.line - 1]) - len(lines[claim.line - 1].lstrip()))
        links = " · ".join(
            f"[full check: `{PurePosixPath(name).name}`]({check_link(name, uri)})"
            for name in claim.files
        )
        insertions.append((claim.end_line, 0, [
            "", f"{indent}    {conditions(claim, root)}", f"{indent}    {{: .wiw-conditions }}",
            "", f"{indent}    {links}", f"{indent}    {{: .wiw-check-link }}",
        ]))
        insertions.append((claim.line - 1, 0, [f'{indent}<a id="{anchors[claim.line]}"></a>', ""]))
    for at, replaced, new in sorted(insertions, key=lambda item: item[0], reverse=True):
        lines[at:at + replaced] = new
    source = root / DOCS / uri
    if source.is_file():
        lines += ["", verification.status_line(parse_page(source, root), root), "{: .wiw-verified }"]
    return "\n".join(lines)


class PagePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        uri = page_uri(self.md)
        if uri is None:
            return lines
        return render_page("\n".join(lines), uri).split("\n")


# Code stays out of the search index (diagrams do too, see ``diagrams.figure``): readers
# search for ideas in the prose, and the search worker indexes whatever the index holds.
UNSEARCHED = re.compile(r'<(div class="highlight"|details class="wiw-setup")>')
SCROLLING_CODE = re.compile(r'(<div class="highlight"[^>]*><pre[^>]*>(?:<span></span>)?)<code>')
# Pygments wraps every plain name in code in <span class="n">, which Material colours with
# the code's own colour (--md-code-hl-name-color is --md-code-fg-color): the same text
# unwrapped looks the same and is a fifth fewer elements on a page of claims.
PLAIN_NAME = re.compile(r'<span class="n">([^<]*)</span>')

RENDERER = math.Renderer(ROOT)
atexit.register(RENDERER.close)
# True under `mkdocs serve` (set by whyitworks/mkdocs_hooks.py): a formula KaTeX cannot
# render is then shown on the page instead of stopping the preview.
PREVIEW = False


def formula_line(uri: str | None, tex: str, root: Path = ROOT) -> str:
    """Where a formula is written: the page's file and line, or the generated page's name."""
    source = root / DOCS / uri if uri else None
    if source is None or not source.is_file():
        return f"{uri or 'a docstring'} (generated)"
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if tex in line:
            return f"{DOCS}/{uri}:{number}"
    return f"{DOCS}/{uri}"


def render_math(text: str, uri: str | None, root: Path = ROOT) -> str:
    """``text`` with every formula rendered by KaTeX; a formula KaTeX cannot render stops
    the build with the file and line it is written on."""
    try:
        return RENDERER.page(text)
    except math.MathError as error:
        message = (f"{formula_line(uri, error.tex, root)}: KaTeX cannot render the formula "
                   f"`{error.tex}`: {error.message}. Fix the TeX (check it at https://katex.org/ "
                   "or with `npx katex`), then rebuild.")
        if not PREVIEW:
            raise BuildError(message) from None
        return ('<div class="admonition failure"><p class="admonition-title">A formula on this page '
                "cannot be rendered (shown by the preview only: the build stops on it)</p>"
                f"<p>{html.escape(message)}</p></div>\n" + text)


def diagram_fence(source, language, class_name, options, md, **kwargs) -> str:
    """pymdownx.superfences' format for a ``mermaid`` fence: the drawing the prebuild made
    of it. A diagram not drawn yet stops the build with the page and the command to run."""
    shown = diagrams.figure(source)
    if shown is None:
        uri = page_uri(md)
        first = diagrams.normalise(source).split("\n", 1)[0]
        raise SuperFencesException(
            f"{f'{DOCS}/{uri}' if uri else 'a docstring'}: the diagram that starts `{first}` has not been "
            "drawn: run `.venv/bin/python -m whyitworks.prebuild` (it draws every diagram of the pages "
            "under docs/), then build again")
    return shown


class PagePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        text = render_math(text, page_uri(self.md))
        text = UNSEARCHED.sub(lambda m: f'<{m.group(1)} data-search-exclude="code">', text)
        # A code block may scroll sideways: its code takes the keyboard's focus, as axe asks.
        return PLAIN_NAME.sub(r"\1", SCROLLING_CODE.sub(r'\1<code tabindex="0">', text))


class WhyItWorksExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.inlinePatterns.register(CiteProcessor(CITE_RE.pattern, md), "wiw-cite", 175)
        # Before pymdownx.snippets (32) expands the includes a claim is made of.
        md.preprocessors.register(PagePreprocessor(md), "wiw-page", 40)
        # After the raw HTML is put back (30), so the formulas are in the text.
        md.postprocessors.register(PagePostprocessor(md), "wiw-math", 5)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown's entry point
    return WhyItWorksExtension(**kwargs)
