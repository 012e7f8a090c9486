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
from whyitworks.layout import CHECKS_URL_DIR, DOCS, FAMILIES, ROOT, SNIPPETS
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
HOME_MAP_MARKER = "<!-- home-map -->"
ABBREVIATIONS = Path("includes") / "abbreviations.md"

# Families whose pages are architectures, and so rows of the comparison matrix.
MATRIX_FAMILIES = ("foundations", "vision", "sequence", "attention", "graphs", "generative", "adaptation")


def plural(count: int, noun: str) -> str:
    """``1 claim``, ``2 claims``: a count and its noun, in the singular for one."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


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


INLINE_MATH = re.compile(r"(\$[^$]+\$)")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: a pipe in prose is escaped; in a formula,
    where the table would read ``\\|`` as an escaped pipe and split the cell, ``\\|`` is
    written ``\\Vert`` and ``|`` ``\\vert``, which KaTeX draws the same."""
    parts = INLINE_MATH.split(" ".join(text.split()))
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = part.replace("\\|", "\\Vert{}").replace("|", "\\vert{}")
        else:
            parts[i] = part.replace("|", "\\|")
    return "".join(parts) or "*not stated*"


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
        f"**{plural(total, 'claim')}** on {plural(len(by_page), 'page')}, proven by "
        f"{plural(len(checks), 'snippet')}: "
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
    out += ["", "## Every claim", "",
            "Grouped by page, each page folded: open one, or type in a column's filter box to see "
            "every claim that matches, on any page; a column's title sorts by it.", "",
            *wrapped("wiw-ledger", ["| Page | Claim | Kind | Check |", "|---|---|---|---|", *rows])]
    return "\n".join(out)


def wrapped(css_class: str, table: list[str]) -> list[str]:
    """A generated table in a block of its own class, so the site's style sheet and
    script (``docs/assets/``) find it: it scrolls sideways inside its box, never the page."""
    return [f'<div class="wiw-table {css_class}" markdown>', "", *table, "", "</div>"]


GROWTH = (("quadratic", "grows quadratically"), ("linear", "grows linearly"), ("constant", "constant"))


def verdict(claims: list[Claim], column: str) -> tuple[str, Claim] | None:
    """One verdict for a cell from the claims tagged with its property, and the claim that
    decides it.

    For how cost grows with the input, the verdict is the fastest growth any of the claims
    establishes for the page's own architecture (*grows quadratically*, *grows linearly*,
    *constant*), or *counted* when they count a cost without naming how it grows. A claim
    that compares two growths (the state-space page's "linear, while attention's is
    quadratic") names its own first in its header, and only that one counts.

    For every other property: *does not hold* if a claim shows the architecture lacks it by
    design; *holds within limits* if claims show it holding and either a failure mode or the
    same claim (which also asserts a difference) shows where it stops; *breaks* if only
    failure modes are tagged; *holds* otherwise."""
    if not claims:
        return None
    if column == "cost-vs-length":
        growths = [relation for relation, _ in GROWTH]

        def own(claim: Claim) -> str | None:  # the first growth its header names
            return next((r for r in claim.relations if r in growths), None)

        for relation, word in GROWTH:
            grown = [c for c in claims if own(c) == relation]
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
        return "holds within limits", failures[0]
    if limited:
        return "holds within limits", limited[0]
    if failures:
        return "breaks", failures[0]
    return "holds", holding[0]


def tip_cell(word: str, link: str | None, tip: str, tip_id: str, figure: str = "") -> str:
    """A matrix cell: one verdict (linked to the claim that decides it), the measured figure
    where there is one, and what the verdict rests on in a tip shown on hover and focus.

    The tip is Markdown, so the formulas of a claim's sentence are rendered like the
    page's own (a link's title attribute could only show their TeX); the link names it as
    its description, so a screen reader reads it too."""
    verdict = f"[{word}]({link}){{: aria-describedby=\"{tip_id}\" }}" if link else word
    shown = f"{verdict} **{figure}**" if figure else verdict
    # Out of the search index: the tip repeats a claim its own page already holds. (A
    # <small>, since material's indexer ends an exclusion at the first closing tag of the
    # excluded element's name, and a tip's formulas are made of <span>s.)
    return f'{shown}<small class="wiw-tip" role="tooltip" id="{tip_id}" data-search-exclude>{cell(tip)}</small>'


def _lab_cells(pages: list[Page], from_uri: str, root: Path) -> dict[tuple[str, str], tuple]:
    """(page path, property) -> what the labs give the cell: the lab's verdict on the
    architecture under the condition that measures the property, its mean accuracy, the
    tip that says what was measured, and the link to the claim that bounds it (or None)."""
    cells: dict[tuple[str, str], tuple] = {}
    lab_dir = root / DOCS / "lab"
    for lab in sorted(p.stem for p in lab_dir.glob("*.md")) if lab_dir.is_dir() else []:
        module = lab_module(lab)
        record = module.results()
        claims = lab_claims(lab, pages, root)
        seeds = record["seeds"]
        for prop, (condition, what) in getattr(module, "MATRIX", {}).items():
            for arch, page in module.PAGES.items():
                key = (f"{DOCS}/{page}", prop)
                if key in cells or arch not in getattr(module, "MATRIX_ARCHITECTURES", module.PAGES):
                    continue  # the first architecture of a page speaks for it, if it may
                accuracy = record["accuracy"][arch]
                word = lab_verdict(accuracy[condition], accuracy["in_distribution"], module.CHANCE)
                word = {"keeps": "holds"}.get(word, word)
                values, base = accuracy[condition], accuracy["in_distribution"]
                figure = "" if word == "cannot run" else f"{sum(values) / len(values):.2f}"
                tip = (f"Measured in the {lab} lab, on its {module.ARCHITECTURES[arch]}: mean accuracy "
                       f"{figure or 'none (the network cannot take the input)'} with {what}, against "
                       f"{sum(base) / len(base):.2f} in distribution, over seeds {seeds[0]} to {seeds[-1]}.")
                link = None
                if condition in claims:
                    lab_page, claim = claims[condition]
                    link = _claim_link(lab_page, claim, claim_anchors(lab_page), from_uri)
                    tip += f" The claim: {claim.sentence}"
                cells[key] = (word, link, tip, figure)
    return cells


def matrix(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """Architectures against the properties that matter when choosing one.

    A cell gives one verdict. Where a lab measured the property for the architecture, the
    lab's verdict and mean accuracy fill it (see ``lab_verdict``); otherwise the claims
    tagged with the property on the architecture's page decide it (see ``verdict``), linked
    to the claim that decides it. Each verdict's tip (``tip_cell``) gives the claim, with
    its formulas rendered, and how many checks the cell rests on. A cell with neither says so.
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
            tip_id = f"wiw-tip-{page_uri(page).removesuffix('.md').replace('/', '-')}-{column}"
            if (page.path, column) in measured:
                word, link, tip, figure = measured[(page.path, column)]
                cells.append(tip_cell(word, link, tip, tip_id, figure))
                continue
            found = [claim for claim in tagged if column in claim.properties]
            decided = verdict(found, column)
            if decided is None:
                cells.append("no check yet")
                continue
            word, claim = decided
            more = f" One of {len(found)} checks tagged with this property." if len(found) > 1 else ""
            cells.append(tip_cell(word, _claim_link(page, claim, anchors, from_uri),
                                  f"{claim.sentence}{more}", tip_id))
        title = catalogue.page_title(page, root)
        out.append(f"| [{cell(title)}]({relative(page_uri(page), from_uri)}) | " + " | ".join(cells) + " |")
    return "\n".join(wrapped("wiw-matrix", out))


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
    """The failure-mode catalogue: one row per failure-mode check, on the page of its own
    topic (a lesson that shows it again is named in the row, not given a row of its own),
    the check under the claim's sentence, so that its file name gets the widest column."""
    anchors = {page.path: claim_anchors(page) for page in pages}
    order = {page.path: i for i, page in enumerate(pages)}
    by_snippet: dict[str, list[catalogue.Row]] = {}
    for row in catalogue.rows(pages, root):
        by_snippet.setdefault(row.snippet, []).append(row)
    chosen = []
    for snippet, shown in by_snippet.items():
        home = f"{DOCS}/{PurePosixPath(snippet).relative_to(SNIPPETS).parent.as_posix()}.md"
        row = next((r for r in shown if r.page.path == home), shown[0])
        others = list({r.page.path: r for r in reversed(shown) if r.page.path != row.page.path}.values())[::-1]
        chosen.append((order[row.page.path], row.claim.line, row, others))
    out = [
        "| Page | Assumption | Broken by | What happens, and the check that shows it |",
        "|---|---|---|---|",
    ]
    for _, _, row, others in sorted(chosen, key=lambda item: (item[0], item[1], item[2].snippet)):
        link = relative(page_uri(row.page), from_uri)
        check = check_link(row.snippet, from_uri)
        also = "".join(f" · also on [{cell(other.title)}]({relative(page_uri(other.page), from_uri)}"
                       f"#{anchors[other.page.path][other.claim.line]})" for other in others)
        out.append(
            f"| [{cell(row.title)}]({link}) | {cell(row.assumption)} | {cell(row.broken_by)} "
            f"| [{cell(row.claim.sentence)}]({link}#{anchors[row.page.path][row.claim.line]})"
            f'<br><span class="wiw-check">check: [`{PurePosixPath(row.snippet).name}`]({check}){also}</span> |'
        )
    return "\n".join(wrapped("wiw-catalogue", out))


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


# What the home page's map calls each family (a folder under docs/); a family missing
# here is named after its folder.
FAMILY_NAMES = {"foundations": "Foundations", "vision": "Vision", "sequence": "Sequence",
                "attention": "Attention and Transformers", "graphs": "Graphs",
                "generative": "Generative models", "adaptation": "Adaptation",
                "lessons": "Lessons across architectures", "lab": "Labs: architectures side by side"}
NAV_ENTRY_RE = re.compile(r"^\s*-\s.*?:\s*(?P<uri>[\w./-]+\.md)\s*$")


def nav_order(root: Path = ROOT) -> dict[str, int]:
    """Each page's position in the navigation of ``mkdocs.yml`` (path under docs/)."""
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines() if config.is_file() else []
    found = [m.group("uri") for m in map(NAV_ENTRY_RE.match, lines) if m]
    return {uri: i for i, uri in enumerate(dict.fromkeys(found))}


def home_map(pages: list[Page], from_uri: str, root: Path = ROOT) -> str:
    """The home page's map: a card per family, each of its pages linked with the
    inductive biases its front matter tags it with, which are what it assumes of the
    data. Pages are in the order of the navigation; a page not in it yet comes last, so
    a new page appears here without anyone editing the home page."""
    order = nav_order(root)
    by_family: dict[str, list[Page]] = {}
    for page in pages:
        if page.family in FAMILIES:
            by_family.setdefault(page.family, []).append(page)
    out = ['<div class="grid cards wiw-map" markdown>', ""]
    for family in FAMILIES:
        members = sorted(by_family.get(family, []), key=lambda p: (order.get(page_uri(p), len(order)), p.path))
        if not members:
            continue
        out += [f"-   **{FAMILY_NAMES.get(family, family.capitalize())}**", ""]
        for page in members:
            tags = [str(t) for t in page.front_matter.get("tags") or []]
            assumes = f' <span class="wiw-assumes">{cell(", ".join(tags))}</span>' if tags else ""
            out.append(f"    - [{cell(page.title)}]({relative(page_uri(page), from_uri)}){assumes}")
        out.append("")
    out.append("</div>")
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
          SHARED_HELPERS_MARKER: shared_helpers,
          HOME_MAP_MARKER: home_map}
