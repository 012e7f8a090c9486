"""The tables the build writes from the pages: the claims ledger, the comparison
matrix and the failure-mode catalogue.

Each is a pure function of the parsed pages, so a claim added to any page appears in
all of them without anyone editing them. Links are made relative to the page the
table is written into (``from_uri``, the page's path under docs/).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path, PurePosixPath

from whyitworks import catalogue
from whyitworks.layout import CHECKS_URL_DIR, DOCS, ROOT, SNIPPETS
from whyitworks.pages import KINDS, PROPERTIES, Claim, Page

LEDGER_MARKER = "<!-- claims-ledger -->"
MATRIX_MARKER = "<!-- comparison-matrix -->"
CATALOGUE_MARKER = "<!-- failure-mode-catalogue -->"
GLOSSARY_MARKER = "<!-- glossary -->"
LIBRARY_MARKER = "<!-- library-modules -->"
ABBREVIATIONS = Path("includes") / "abbreviations.md"

# Families whose pages are architectures, and so rows of the comparison matrix.
MATRIX_FAMILIES = ("foundations", "vision", "sequence", "attention", "graphs")


def check_page_uri(snippet_path: str) -> str:
    """The page that shows a snippet in full, with its topic's other checks:
    ``checks/<family>/<topic>.md`` in the site's sources."""
    topic = PurePosixPath(snippet_path).relative_to(SNIPPETS).parent
    return f"{CHECKS_URL_DIR}/{topic.as_posix()}.md"


def check_link(snippet_path: str, from_uri: str) -> str:
    """A link from ``from_uri`` to a snippet's section of its topic's checks page."""
    return f"{relative(check_page_uri(snippet_path), from_uri)}#{PurePosixPath(snippet_path).stem}"


def claim_anchors(page: Page) -> dict[int, str]:
    """A stable anchor per claim (by line): its first snippet's name, numbered if repeated."""
    seen: Counter[str] = Counter()
    anchors = {}
    for claim in page.claims:
        stem = PurePosixPath(claim.files[0]).stem if claim.files else f"line-{claim.line}"
        seen[stem] += 1
        anchors[claim.line] = f"claim-{stem}" if seen[stem] == 1 else f"claim-{stem}-{seen[stem]}"
    return anchors


def relative(target_uri: str, from_uri: str) -> str:
    return os.path.relpath(target_uri, os.path.dirname(from_uri) or ".").replace(os.sep, "/")


def page_uri(page: Page) -> str:
    return page.path.removeprefix(f"{DOCS}/")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|") or "*not stated*"


def _claim_link(page: Page, claim: Claim, anchors: dict[int, str], from_uri: str) -> str:
    return f"{relative(page_uri(page), from_uri)}#{anchors[claim.line]}"


def ledger(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Every claim on the site, with totals by page and by kind."""
    rows, by_page, by_kind = [], [], Counter()
    for page in pages:
        if not page.claims or page.path.startswith(f"{DOCS}/{CHECKS_URL_DIR}/"):
            continue
        anchors = claim_anchors(page)
        title = catalogue.page_title(page, root)
        kinds = Counter(c.kind or "unclassified" for c in page.claims)
        by_kind.update(kinds)
        by_page.append((page, title, kinds))
        for claim in page.claims:
            checks = ", ".join(
                f"[`{PurePosixPath(f).name}`]({check_link(f, from_uri)})" for f in claim.files
            )
            rows.append(
                f"| [{cell(title)}]({relative(page_uri(page), from_uri)}) "
                f"| [{cell(claim.sentence)}]({_claim_link(page, claim, anchors, from_uri)}) "
                f"| {claim.kind or 'unclassified'} | {checks} |"
            )
    kinds = [k for k in (*KINDS, "unclassified") if by_kind[k]]
    total = sum(by_kind.values())
    checks = {f for page, _, _ in by_page for c in page.claims for f in c.files}
    out = [
        f"**{total} claims** on {len(by_page)} pages, proven by {len(checks)} snippets: "
        + ", ".join(f"{by_kind[k]} {k}" for k in kinds) + ". A claim shown on two pages "
        "(a lesson that reuses an architecture's check) is counted on each.",
        "",
        "### Totals by page",
        "",
        "| Page | " + " | ".join(kinds) + " | all |",
        "|---|" + "---:|" * (len(kinds) + 1),
    ]
    for page, title, counts in by_page:
        out.append(
            f"| [{cell(title)}]({relative(page_uri(page), from_uri)}) | "
            + " | ".join(str(counts[k]) for k in kinds) + f" | {sum(counts.values())} |"
        )
    out.append("| **all pages** | " + " | ".join(f"**{by_kind[k]}**" for k in kinds) + f" | **{total}** |")
    out += ["", "### Every claim", "", "| Page | Claim | Kind | Check |", "|---|---|---|---|", *rows]
    return "\n".join(out)


def _label(claim: Claim, column: str) -> str:
    if claim.lacks(column):
        return "does not hold"
    return "breaks" if claim.kind == "failure-mode" else "holds"


def matrix(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Architectures against the properties that matter when choosing one.

    A cell lists the claims tagged with that property on that page: *holds* for a
    claim that shows the property, *breaks* for a failure-mode claim that shows where
    it stops holding, *does not hold* for a claim tagged ``no-<property>`` that shows
    the architecture lacks it by design. A cell with no tagged claim says so.
    """
    columns = list(PROPERTIES)
    out = [
        "| Architecture | " + " | ".join(PROPERTIES[c] for c in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for page in pages:
        if page.family not in MATRIX_FAMILIES or not page.claims:
            continue
        tagged = [c for c in page.claims if c.properties]
        if page.family == "foundations" and not tagged:
            continue  # a foundations page that is not an architecture has no row
        anchors = claim_anchors(page)
        cells = []
        for column in columns:
            links = [
                f"[{_label(claim, column)}]"
                f"({_claim_link(page, claim, anchors, from_uri)} \"{cell(claim.sentence)}\")"
                for claim in tagged if column in claim.properties
            ]
            cells.append(", ".join(links) if links else "no check yet")
        title = catalogue.page_title(page, root)
        out.append(f"| [{cell(title)}]({relative(page_uri(page), from_uri)}) | " + " | ".join(cells) + " |")
    return "\n".join(out)


def failure_catalogue(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """The failure-mode catalogue: one row per claim that shows a failure-mode snippet."""
    anchors = {page.path: claim_anchors(page) for page in pages}
    out = [
        "| Page | Assumption | Broken by | What happens | Check |",
        "|---|---|---|---|---|",
    ]
    for row in catalogue.rows(pages, root):
        link = relative(page_uri(row.page), from_uri)
        check = check_link(row.snippet, from_uri)
        out.append(
            f"| [{cell(row.title)}]({link}) | {cell(row.assumption)} | {cell(row.broken_by)} "
            f"| [{cell(row.claim.sentence)}]({link}#{anchors[row.page.path][row.claim.line]}) "
            f"| [`{PurePosixPath(row.snippet).name}`]({check}) |"
        )
    return "\n".join(out)


def glossary_terms(root: Path = ROOT) -> list[tuple[str, str]]:
    """(term, definition) pairs of the abbreviations file, in its order."""
    terms = []
    for line in (root / ABBREVIATIONS).read_text(encoding="utf-8").splitlines():
        if line.startswith("*[") and "]:" in line:
            term, definition = line[2:].split("]:", 1)
            terms.append((term, definition.strip()))
    return terms


def glossary(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """The glossary as a definition list, alphabetical."""
    out = []
    for term, definition in sorted(glossary_terms(root), key=lambda t: t[0].lower()):
        out += [f"{term}", f":   {definition}", ""]
    return "\n".join(out)


def library_modules(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Every helper and reference implementation, its summary and where it is documented."""
    import ast

    from whyitworks.snippets import iter_library_modules

    out = ["| Module | What it is | Documented on |", "|---|---|---|"]
    for module in iter_library_modules(root):
        if module.endswith("._figures"):
            continue
        path = root / (module.replace(".", "/") + ".py")
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        summary = doc.strip().split("\n\n")[0].replace("\n", " ")
        where = [p for p in pages if any(i == module or i.startswith(module + ".") for _, i in p.documented)]
        links = ", ".join(
            f"[{cell(catalogue.page_title(p, root))}]({relative(page_uri(p), from_uri)})" for p in where
        ) or "nowhere yet"
        out.append(f"| `{module}` | {cell(summary)} | {links} |")
    return "\n".join(out)


def fill(markdown: str, pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Replace each generated-table marker in ``markdown`` by its table."""
    for marker, make in (
        (LEDGER_MARKER, ledger), (MATRIX_MARKER, matrix), (CATALOGUE_MARKER, failure_catalogue),
        (GLOSSARY_MARKER, glossary), (LIBRARY_MARKER, library_modules),
    ):
        if marker in markdown:
            markdown = markdown.replace(marker, make(pages, from_uri, root))
    return markdown
