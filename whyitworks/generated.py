"""The tables the build writes from the pages: the claims ledger, the comparison
matrix and the failure-mode catalogue.

Each is a pure function of the parsed pages, so a claim added to any page appears in
all of them without anyone editing them. Links are made relative to the page the
table is written into (``from_uri``, the page's path under docs/).
"""

from __future__ import annotations

import ast
import importlib
import os
import re
from collections import Counter
from pathlib import Path, PurePosixPath

from whyitworks import catalogue
from whyitworks.layout import CHECKS_URL_DIR, DOCS, ROOT, SNIPPETS
from whyitworks.pages import KINDS, PROPERTIES, Claim, Page

LEDGER_MARKER = "<!-- claims-ledger -->"
MATRIX_MARKER = "<!-- comparison-matrix -->"
LAB_MATRIX_MARKER = "<!-- lab-matrix -->"
CATALOGUE_MARKER = "<!-- failure-mode-catalogue -->"
GLOSSARY_MARKER = "<!-- glossary -->"
LIBRARY_MARKER = "<!-- library-modules -->"
SHARED_HELPERS_MARKER = "<!-- shared-helpers -->"
# The section of a topic's checks page that documents the topic's helper modules.
HELPERS_ANCHOR = "helper-modules"
REFERENCE_DIR = f"{DOCS}/reference/"
ABBREVIATIONS = Path("includes") / "abbreviations.md"

# Families whose pages are architectures, and so rows of the comparison matrix.
MATRIX_FAMILIES = ("foundations", "vision", "sequence", "attention", "graphs", "generative", "adaptation")


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
        "## Totals by page",
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
    out += ["", "## Every claim", "", "| Page | Claim | Kind | Check |", "|---|---|---|---|", *rows]
    return "\n".join(out)


GROWTH = (("quadratic", "grows quadratically"), ("linear", "grows linearly"), ("constant", "constant"))


def verdict(claims: list[Claim], column: str) -> tuple[str, Claim] | None:
    """One verdict for a cell from the claims tagged with its property, and the claim that
    decides it.

    For how cost grows with the input, the verdict is the fastest growth any of the claims
    establishes (*grows quadratically*, *grows linearly*, *constant*), or *counted* when they
    count a cost without naming how it grows. For every other property: *does not hold* if a
    claim shows the architecture lacks it by design; *holds, within limits* if claims show it
    holding and either a failure mode or the same claim (which also asserts a difference)
    shows where it stops; *breaks* if only failure modes are tagged; *holds* otherwise."""
    if not claims:
        return None
    if column == "cost-vs-length":
        for relation, word in GROWTH:
            grown = [c for c in claims if relation in c.relations]
            if grown:
                return word, grown[0]
        return "counted", claims[0]
    lacking = [c for c in claims if c.lacks(column)]
    if lacking:
        return "does not hold", lacking[0]
    failures = [c for c in claims if c.kind == "failure-mode"]
    holding = [c for c in claims if c.kind != "failure-mode"]
    limited = [c for c in holding if "differs" in c.relations]
    if failures and holding:
        return "holds, within limits", failures[0]
    if limited:
        return "holds, within limits", limited[0]
    if failures:
        return "breaks", failures[0]
    return "holds", holding[0]


def _lab_cells(pages: list[Page], from_uri: str, root: Path) -> dict[tuple[str, str], str]:
    """(page path, property) -> the cell the labs give it: the lab's verdict on the
    architecture under the condition that measures the property, with its mean accuracy,
    linked to the claim that bounds it."""
    cells: dict[tuple[str, str], str] = {}
    lab_dir = root / DOCS / "lab"
    for lab in sorted(p.stem for p in lab_dir.glob("*.md")) if lab_dir.is_dir() else []:
        module = lab_module(lab)
        record = module.results()
        claims = lab_claims(lab, pages, root)
        for prop, (condition, what) in getattr(module, "MATRIX", {}).items():
            for arch, page in module.PAGES.items():
                key = (f"{DOCS}/{page}", prop)
                if key in cells:
                    continue  # the first architecture of a page speaks for it
                accuracy = record["accuracy"][arch]
                word = lab_verdict(accuracy[condition], accuracy["in_distribution"], module.CHANCE)
                word = {"keeps": "holds"}.get(word, word)
                values = accuracy[condition]
                figure = f"{sum(values) / len(values):.2f}"
                text = f"{word}: {figure} with {what} (lab)"
                if condition in claims:
                    lab_page, claim = claims[condition]
                    text = (f"[{word}]({_claim_link(lab_page, claim, claim_anchors(lab_page), from_uri)} "
                            f"\"{cell(claim.sentence)}\"): {figure} with {what} (lab)")
                cells[key] = text
    return cells


def matrix(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Architectures against the properties that matter when choosing one.

    A cell gives one verdict. Where a lab measured the property for the architecture, the
    lab's verdict and mean accuracy fill it (see ``lab_verdict``); otherwise the claims
    tagged with the property on the architecture's page decide it (see ``verdict``), linked
    to the claim that decides it, whose link title says how many checks the cell rests on.
    A cell with neither says so.
    """
    columns = list(PROPERTIES)
    measured = _lab_cells(pages, from_uri, root)
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
            if (page.path, column) in measured:
                cells.append(measured[(page.path, column)])
                continue
            found = [claim for claim in tagged if column in claim.properties]
            decided = verdict(found, column)
            if decided is None:
                cells.append("no check yet")
                continue
            word, claim = decided
            more = f" ({len(found)} checks)" if len(found) > 1 else ""
            cells.append(f"[{word}]({_claim_link(page, claim, anchors, from_uri)} "
                         f"\"{cell(claim.sentence)}{more}\")")
        title = catalogue.page_title(page, root)
        out.append(f"| [{cell(title)}]({relative(page_uri(page), from_uri)}) | " + " | ".join(cells) + " |")
    return "\n".join(out)


def lab_verdict(values: list, in_distribution: list, chance: float) -> str:
    """One word for a lab cell, from mean accuracies: *keeps* at least nine tenths of the
    in-distribution accuracy; *breaks* when less than half of the margin over chance is
    left; *degrades* in between; *cannot run* when the network could not take the input."""
    if any(v is None for v in values):
        return "cannot run"
    mean, base = sum(values) / len(values), sum(in_distribution) / len(in_distribution)
    if mean >= 0.9 * base:
        return "keeps"
    if mean - chance < 0.5 * (base - chance):
        return "breaks"
    return "degrades"


def lab_matrix(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Each lab's architectures against its stresses: a verdict and the mean accuracy per
    cell, linked to the claim that bounds it, each row linked to its architecture's page."""
    out = []
    for lab in sorted(p.stem for p in (root / DOCS / "lab").glob("*.md")):
        module = lab_module(lab)
        record = module.results()
        claims = lab_claims(lab, pages, root)
        stresses = [c for c in module.CONDITIONS if c != "in_distribution"]
        title = catalogue.page_title(next(p for p in pages if p.path == f"{DOCS}/lab/{lab}.md"), root)
        out += [f"**[{cell(title)}]({relative(f'lab/{lab}.md', from_uri)})**", "",
                "| Architecture | in distribution | " + " | ".join(c.replace("_", " ") for c in stresses) + " |",
                "|---|---:|" + "---:|" * len(stresses)]
        for arch, label in module.ARCHITECTURES.items():
            accuracy = record["accuracy"][arch]
            base = accuracy["in_distribution"]
            cells = [f"{sum(base) / len(base):.2f}"]
            for stress in stresses:
                values = accuracy[stress]
                word = lab_verdict(values, base, module.CHANCE)
                text = word if word == "cannot run" else f"{word} {sum(values) / len(values):.2f}"
                if stress in claims:
                    page, claim = claims[stress]
                    text = f"[{text}]({_claim_link(page, claim, claim_anchors(page), from_uri)})"
                cells.append(text)
            page_link = relative(module.PAGES[arch], from_uri)
            out.append(f"| [{cell(label)}]({page_link}) | " + " | ".join(cells) + " |")
        seeds = record["seeds"]
        out += ["", f"Mean accuracy over seeds {seeds[0]} to {seeds[-1]}; chance is {module.CHANCE:.3g}.", ""]
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


def helper_topic(module: str) -> str | None:
    """The topic folder a helper module belongs to (``vision/cnn`` for
    ``snippets.vision.cnn._shift``), or None for a shared one (``snippets._jacobian``):
    the folders above its first name with a leading underscore."""
    parts = module.split(".")[1:]
    private = next((i for i, part in enumerate(parts) if part.startswith("_")), len(parts))
    return "/".join(parts[:private]) or None


def helper_homes(pages: list[Page], snippets, root: Path = ROOT) -> dict[str, str | None]:
    """Where each helper's docstrings are published, as a path under docs/, or None where
    nowhere. The build decides, so that no contributor has to remember it:

    * a helper that a reference page (``docs/reference/``) documents with ``::: module``
      is published there, and only there;
    * any other helper of a topic, on the topic's checks page, under "Helper modules"
      (``python -m whyitworks.prebuild`` writes it there), if the topic has a claim
      snippet and so a checks page;
    * any other shared helper (``snippets/_*.py``), on the page that holds the
      ``<!-- shared-helpers -->`` marker (the Reference index).

    Figure modules (``_figures.py``) are drawn, not documented, and are left out.
    """
    from whyitworks.snippets import iter_library_modules

    reference = [p for p in pages if p.path.startswith(REFERENCE_DIR)]
    checks = {check_page_uri(s.path) for s in snippets}
    shared_page = next((page_uri(p) for p in pages
                        if any(line.strip() == SHARED_HELPERS_MARKER for line in p.lines)), None)
    homes: dict[str, str | None] = {}
    for module in iter_library_modules(root):
        if module.endswith("._figures"):
            continue
        chosen = [page_uri(p) for p in reference
                  if any(i == module or i.startswith(module + ".") for _, i in p.documented)]
        topic = helper_topic(module)
        if chosen:
            homes[module] = chosen[0]
        elif topic is None:
            homes[module] = shared_page
        else:
            uri = f"{CHECKS_URL_DIR}/{topic}.md"
            homes[module] = uri if uri in checks else None
    return homes


def helper_blocks(modules: list[str]) -> str:
    """The mkdocstrings blocks that document ``modules``, one heading level under a
    section's ``##``."""
    return "\n\n".join(f"::: {module}\n    options:\n      heading_level: 3" for module in modules)


def shared_helpers(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """The shared helpers (``snippets/_*.py``) that no reference page documents by name."""
    from whyitworks.snippets import iter_snippets

    homes = helper_homes(pages, iter_snippets(root), root)
    return helper_blocks([m for m, home in homes.items() if home == from_uri and helper_topic(m) is None])


def library_modules(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Every helper and reference implementation, its summary and where it is documented."""
    from whyitworks.snippets import iter_snippets

    by_uri = {page_uri(p): p for p in pages}
    out = ["| Module | What it is | Documented on |", "|---|---|---|"]
    for module, home in helper_homes(pages, iter_snippets(root), root).items():
        path = root / (module.replace(".", "/") + ".py")
        doc = catalogue.module_docstring(path.read_text(encoding="utf-8")) or ""
        summary = doc.strip().split("\n\n")[0].replace("\n", " ")
        if home is None:
            where = "nowhere yet"
        else:
            topic_page = by_uri.get(home.removeprefix(f"{CHECKS_URL_DIR}/"))
            if home.startswith(f"{CHECKS_URL_DIR}/") and topic_page is not None:
                title = f"Checks: {catalogue.page_title(topic_page, root)}"
            else:
                title = catalogue.page_title(by_uri[home], root) if home in by_uri else home
            # The heading mkdocstrings gives the module, or the first member a reference
            # page documents of it.
            named = [i for _, i in by_uri[home].documented if i == module or i.startswith(module + ".")] \
                if home in by_uri else []
            where = f"[{cell(title)}]({relative(home, from_uri)}#{named[0] if named else module})"
        out.append(f"| `{module}` | {cell(summary)} | {where} |")
    return "\n".join(out)


LAB_MARKER_RE = re.compile(r"<!-- lab-table: (?P<lab>[a-z_]+) -->")


def lab_module(lab: str):
    """A lab's code, ``snippets/lab/<lab>/_lab.py``: its architectures, its conditions and
    ``results()``, the numbers of the run the checks assert on."""
    return importlib.import_module(f"snippets.lab.{lab}._lab")


def lab_condition(snippet: Path) -> str | None:
    """The lab condition a claim's snippet bounds: its module-level ``CONDITION = "..."``."""
    if not snippet.is_file():
        return None
    for node in ast.parse(snippet.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "CONDITION"
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return node.value.value
    return None


def lab_claims(lab: str, pages: list[Page], root: Path = ROOT) -> dict[str, tuple[Page, Claim]]:
    """condition -> (page, claim) for each claim on the lab's page that bounds one."""
    out = {}
    for page in pages:
        if page.path != f"{DOCS}/lab/{lab}.md":
            continue
        for claim in page.claims:
            for file in claim.files:
                condition = lab_condition(root / file)
                if condition is not None:
                    out.setdefault(condition, (page, claim))
    return out


def lab_table(lab: str, pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """The lab's results: a row per architecture, a column per condition, each cell the
    lowest and highest accuracy over the run's seeds, linked to the claim that bounds it."""
    module = lab_module(lab)
    record = module.results()
    claims = lab_claims(lab, pages, root)
    conditions = list(module.CONDITIONS)
    out = [
        "| Architecture | " + " | ".join(c.replace("_", " ") for c in conditions) + " |",
        "|---|" + "---:|" * len(conditions),
    ]
    for arch, label in module.ARCHITECTURES.items():
        cells = []
        for condition in conditions:
            values = record["accuracy"][arch][condition]
            if any(v is None for v in values):
                text = "cannot run"
            else:
                text = f"{min(values):.2f}–{max(values):.2f}"
            if condition in claims:
                page, claim = claims[condition]
                text = f"[{text}]({_claim_link(page, claim, claim_anchors(page), from_uri)})"
            cells.append(text)
        out.append(f"| {cell(label)} | " + " | ".join(cells) + " |")
    seeds = record["seeds"]
    out += ["", f"Lowest–highest accuracy over seeds {seeds[0]} to {seeds[-1]}, "
            "measured by the run the suite made of this lab; each cell links to the claim that bounds it.",
            "{: .wiw-lab-caption }"]
    return "\n".join(out)


def markers_in(markdown: str) -> list[str]:
    """The generated-table markers of a page, each once, in order: a marker counts only on
    a line of its own (one quoted in prose or code, as in a docstring, is text)."""
    found = [line.strip() for line in markdown.splitlines()
             if line.strip() in MARKER_TABLES or LAB_MARKER_RE.fullmatch(line.strip())]
    return list(dict.fromkeys(found))


def fill(markdown: str, pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Replace each generated-table marker in ``markdown`` by its table."""
    markdown = LAB_MARKER_RE.sub(lambda m: lab_table(m.group("lab"), pages, from_uri, root), markdown)
    for marker, make in MARKER_TABLES.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make(pages, from_uri, root))
    return markdown


# Each fixed marker and the table that replaces it (``<!-- lab-table: NAME -->`` is the
# one marker with an argument, read by ``LAB_MARKER_RE``).
MARKER_TABLES = {LEDGER_MARKER: ledger, MATRIX_MARKER: matrix, LAB_MATRIX_MARKER: lab_matrix,
          CATALOGUE_MARKER: failure_catalogue, GLOSSARY_MARKER: glossary, LIBRARY_MARKER: library_modules,
          SHARED_HELPERS_MARKER: shared_helpers}
