"""The contracts between pages and snippets. Each check returns a list of
``whyitworks.problems.Problem``; an empty list means the contract holds.

Every message names the file and line and says what to do, because the person who
reads it is a contributor who has not read this module.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from whyitworks.layout import ROOT, SKELETON, SNIPPETS
from whyitworks.numbers import (
    bounds_in,
    direction_mismatches,
    directions_in_sentence,
    overused_bounds,
    unbounded,
    unmatched,
)
from whyitworks.pages import Claim, Page
from whyitworks.problems import Problem
from whyitworks.runner import RunResult
from whyitworks.snippets import Snippet, is_library, parse_snippet

MARKER_HELP = "mark the region in the snippet with `# --8<-- [start:NAME]` and `# --8<-- [end:NAME]`"


def _snippet_or_none(file: str, root: Path) -> Snippet | None:
    path = root / file
    return parse_snippet(path, root) if path.is_file() else None


def check_includes(pages: list[Page], root: Path = ROOT) -> list[Problem]:
    """Every ``--8<--`` include names an existing file and, if given, an existing section."""
    problems = []
    for page in pages:
        for inc in page.includes:
            snippet = _snippet_or_none(inc.file, root) if inc.file.endswith(".py") else None
            if not (root / inc.file).is_file():
                problems.append(Problem(
                    page.path, inc.line,
                    f'the include "{inc.target}" names {inc.file}, which does not exist',
                    "create that file, or correct the path: paths start at the repository "
                    f"root, like {SNIPPETS}/vision/cnn/conv_param_count.py",
                ))
                continue
            if inc.section is None:
                continue
            if inc.section.replace(":", "").replace("-", "").isdigit():
                problems.append(Problem(
                    page.path, inc.line,
                    f'the include "{inc.target}" selects lines by number, which drift when the file changes',
                    f"{MARKER_HELP} and include it as \"{inc.file}:NAME\"",
                ))
                continue
            if snippet is not None and inc.section not in snippet.sections:
                known = ", ".join(sorted(snippet.sections)) or "none yet"
                problems.append(Problem(
                    page.path, inc.line,
                    f"{inc.file} has no section '{inc.section}' (its sections: {known})",
                    f"{MARKER_HELP.replace('NAME', inc.section)}, or include one of its sections",
                ))
    return problems


def check_markers(snippets: list[Snippet]) -> list[Problem]:
    """Section markers pair up: each starts once and ends once."""
    return [
        Problem(s.path, line, what, f"{MARKER_HELP}; each name once")
        for s in snippets for line, what in s.marker_problems
    ]


def check_every_snippet_shown(pages: list[Page], snippets: list[Snippet]) -> list[Problem]:
    """Every claim snippet is included by at least one page."""
    shown = {inc.file for page in pages for inc in page.includes}
    return [
        Problem(
            s.path, 1, "no page shows this snippet, so no reader sees what it proves",
            f'include a region of it in a claim on its page (`--8<-- "{s.path}:NAME"` inside '
            "a `!!! claim` admonition), or delete it",
        )
        for s in snippets if s.path not in shown
    ]


def check_every_snippet_asserts(snippets: list[Snippet]) -> list[Problem]:
    """Every claim snippet contains an ``assert``: code that cannot fail proves nothing."""
    problems = []
    for s in snippets:
        if s.syntax_error:
            line, message = s.syntax_error
            problems.append(Problem(s.path, line, f"the snippet does not parse: {message}",
                                    "fix the syntax error"))
        elif not s.assert_lines:
            problems.append(Problem(
                s.path, 1, "the snippet asserts nothing, so it cannot fail",
                'end it with an assert that compares the measured value with an independent '
                'expected one, e.g. `assert got == expected, f"expected {expected:,}, got {got:,}"`',
            ))
    return problems


def check_skeleton(pages: list[Page]) -> list[Problem]:
    """Every architecture page has the headings of HOUSE_STYLE.md, in order."""
    problems = []
    for page in pages:
        if not page.is_architecture_page:
            continue
        found = [(h.line, h.text) for h in page.headings if h.level == 2]
        texts = [text for _, text in found]
        position = 0
        line = found[0][0] if found else 1  # where the missing heading belongs
        for wanted in SKELETON:
            if wanted in texts[position:]:
                position = texts.index(wanted, position) + 1
                line = found[position - 1][0]
                continue
            if wanted in texts:
                what = f"the heading '## {wanted}' is out of order"
            else:
                what = f"the page lacks the heading '## {wanted}'"
            problems.append(Problem(
                page.path, line, what,
                "architecture pages carry, in this order: "
                + ", ".join(f"## {h}" for h in SKELETON)
                + " (see HOUSE_STYLE.md and docs/contributing.md)",
            ))
            break  # one missing heading at a time reads better than a cascade
    return problems


def check_claims_shape(pages: list[Page], root: Path = ROOT) -> list[Problem]:
    """Each claim includes a region of a claim snippet, and that region shows an assert."""
    problems = []
    for page in pages:
        for claim in page.claims:
            if not claim.includes:
                problems.append(Problem(
                    page.path, claim.line,
                    f'the claim "{claim.sentence}" shows no snippet, so nothing proves it',
                    'indent an include of the region that proves it under the claim: '
                    '`--8<-- "snippets/<family>/<topic>/<claim>.py:NAME"` inside a ```python fence',
                ))
                continue
            shown_asserts = False
            for inc in claim.includes:
                if is_library(inc.file):
                    problems.append(Problem(
                        page.path, inc.line,
                        f"the claim includes {inc.file}, a library module, which is never run as a check",
                        "include a region of the snippet that asserts the claim instead",
                    ))
                    continue
                snippet = _snippet_or_none(inc.file, root)
                if snippet is None or (inc.section and inc.section not in snippet.sections):
                    continue  # reported by check_includes
                if claim.shown_lines(snippet) & set(snippet.assert_lines):
                    shown_asserts = True
            if not shown_asserts and not any(is_library(i.file) for i in claim.includes):
                problems.append(Problem(
                    page.path, claim.line,
                    f'the claim "{claim.sentence}" shows no assert: the reader cannot see what is checked',
                    "widen the included section so that it contains the assert that proves the claim",
                ))
    return problems


def check_library_documented(pages: list[Page], snippets: list[Snippet], root: Path = ROOT) -> list[Problem]:
    """Every helper and reference implementation is published somewhere: the build puts
    a topic's helpers on its checks page and the shared ones on the Reference index (see
    ``generated.helper_homes``); this catches the helpers it cannot place."""
    from whyitworks.generated import SHARED_HELPERS_MARKER, helper_homes, helper_topic

    problems = []
    for module, home in helper_homes(pages, snippets, root).items():
        if home is not None:
            continue
        path = module.replace(".", "/") + ".py"
        topic = helper_topic(module)
        if topic is None:
            what = "this shared helper is documented on no page: no page holds the shared-helpers marker"
            fix = (f"put `{SHARED_HELPERS_MARKER}` back on a line of its own in docs/reference/index.md, "
                   "where the build documents every shared helper")
        else:
            what = (f"this helper is documented on no page: {SNIPPETS}/{topic}/ holds no claim snippet, "
                    "so the build writes no checks page to document it on")
            fix = ("move it into the topic whose checks import it (the build documents a topic's helpers "
                   f"on its checks page), or add `::: {module}` to a page under docs/reference/")
        problems.append(Problem(path, 1, what, fix))
    return problems


def check_no_api_on_reading_pages(pages: list[Page]) -> list[Problem]:
    """A reading page holds the page's own text, not a helper's API: no mkdocstrings
    block (``::: module``) outside docs/reference/. The build documents helpers on the
    checks pages and the Reference index, where their members stay out of the reading
    page's table of contents."""
    from whyitworks.generated import (
        HELPERS_ANCHOR,
        REFERENCE_DIR,
        SHARED_HELPERS_MARKER,
        check_page_uri,
        helper_topic,
        relative,
    )
    from whyitworks.layout import DOCS

    problems = []
    for page in pages:
        if page.path.startswith(REFERENCE_DIR):
            continue
        uri = page.path.removeprefix(f"{DOCS}/")
        found = list(page.documented) + [(n, SHARED_HELPERS_MARKER) for n, line in enumerate(page.lines, 1)
                                         if line.strip() == SHARED_HELPERS_MARKER]
        for line, identifier in found:
            if identifier == SHARED_HELPERS_MARKER or helper_topic(identifier) is None:
                where = relative("reference/index.md", uri)
                home = f"the Reference index, [shared helpers]({where}#shared-helpers)"
            else:
                topic = helper_topic(identifier)
                where = relative(check_page_uri(f"{SNIPPETS}/{topic}/x.py"), uri)
                home = f"its topic's checks page, [the helpers]({where}#{HELPERS_ANCHOR})"
            problems.append(Problem(
                page.path, line,
                f"the page documents `{identifier}` here: a helper's API does not belong on a reading page",
                f"delete the block (the `:::` line and its indented options); the build documents it on "
                f"{home}: link there if the reader needs it",
            ))
    return problems


def check_claim_numbers(claim: Claim, runs: list[RunResult], snippets: list[Snippet]) -> list[Problem]:
    """Every number in the claim's sentence is one its snippets assert (see ``numbers``)."""
    failed = [r for r in runs if not r.passed]
    if failed:
        return [Problem(
            claim.page, claim.line,
            f'cannot check the numbers of "{claim.sentence}": {failed[0].path} fails',
            f"make {failed[0].path} pass first (its own test shows why it fails)",
        )]
    # Only the asserts the claim shows count: a number asserted elsewhere in the file
    # backs some other sentence, not this one.
    by_file = {s.path: s for s in snippets}
    asserted = []
    literals: set[float] = set()
    bounds: list[tuple[float, str]] = []  # written as constants, read from the code
    computed: list[tuple[float, str]] = []  # computed (``x < most``), read from the run
    for run in runs:
        snippet = by_file.get(run.path)
        if snippet is None:
            continue
        shown = claim.shown_lines(snippet)
        asserted += [v for line, values in run.values_by_line.items() if line in shown for v in values]
        literals |= snippet.literals_in(shown)
        bounds += bounds_in(snippet.source, shown)
        computed += [tuple(b) for line, found in run.bounds_by_line.items() if line in shown for b in found]
    missing = unmatched(claim.sentence, asserted, literals)
    if not missing:
        said = directions_in_sentence(claim.sentence)
        # Each tie of a bound word to the check, in order: the first that fails is reported.
        ties = [
            (unbounded(said, bounds + computed),
             "a number after 'above', 'below', 'at most'… is a bound: assert against it "
             "(`assert min(acc) > 0.9` for 'above 0.9'), or say the value without the bound word"),
            (direction_mismatches(said, bounds + computed),
             "make the word before the number say which side of it the check keeps the value "
             "(`x > 0.9` is 'above 0.9', `x < 0.6` is 'below 0.6'), or change the assert"),
            (overused_bounds(said, bounds),
             "each bound the sentence states answers to one comparison of its own: give each "
             "its own assert, or state the bound once for everything that one assert covers"),
        ]
        for found, fix in ties:
            if found:
                return [Problem(claim.page, claim.line,
                                f'the claim "{claim.sentence}" says {"; ".join(dict.fromkeys(found))}', fix)]
        return []
    files = ", ".join(claim.files)
    listed = ", ".join(f"{n.text} ({'a result' if n.kind == 'prose' else 'set-up, in code or math'})"
                       for n in missing)
    return [Problem(
        claim.page, claim.line,
        f'the claim "{claim.sentence}" states {listed}, but {files} never asserts it',
        "make the sentence say what the snippet asserts, or assert the number in the snippet "
        "(results in prose must be values that a comparison the claim shows compares, sign "
        "included, N% meaning N/100; set-up numbers in `code` or $math$ must be literals of the "
        "shown code)" + _nearest(missing, asserted),
    )]


def _nearest(missing, asserted) -> str:
    """The values the check does compare, nearest to the first missing number first."""
    values = sorted({v for v in asserted if isinstance(v, (int, float))},
                    key=lambda v: abs(v - missing[0].value))[:6]
    if not values:
        return "; the shown asserts compare no number"
    shown = ", ".join(f"{v:,}" if isinstance(v, int) else f"{v:.6g}" for v in values)
    return f"; the shown asserts compare, nearest first: {shown}"


def check_failure_modes(pages: list[Page], root: Path = ROOT) -> list[Problem]:
    """Every architecture page demonstrates a failure, and every failure-mode snippet
    names the assumption it breaks, so the catalogue can be generated from it."""
    from whyitworks.catalogue import FIELDS, docstring_fields, is_failure_snippet

    problems = []
    for page in pages:
        if not page.is_architecture_page or page.path.endswith("lessons/failure_modes.md"):
            continue
        shown = [f for c in page.claims for f in c.files if is_failure_snippet(f)]
        if not shown:
            line = next((h.line for h in page.headings if h.text == "Failure modes"), 1)
            problems.append(Problem(
                page.path, line, "the page demonstrates no failure mode",
                "add a claim under '## Failure modes' whose snippet is named `..._fails.py` or "
                "`..._breaks_....py` and asserts that the failure happens",
            ))
        for file in dict.fromkeys(shown):
            if not (root / file).is_file():
                continue
            missing = [f for f in FIELDS if f not in docstring_fields((root / file).read_text(encoding="utf-8"))]
            if missing:
                problems.append(Problem(
                    file, 1,
                    f"this failure-mode snippet's docstring does not name {' and '.join(repr(m + ':') for m in missing)}",
                    "add a line `Assumption: <what the architecture assumes>` and a line "
                    "`Broken by: <what breaks it>` to the docstring; the failure-mode catalogue is built from them",
                ))
    return problems


def check_claim_classes(pages: list[Page]) -> list[Problem]:
    """Each claim names its kind, its other words are comparison-matrix properties, and
    a claim that shows a failure-mode snippet is of kind failure-mode."""
    from whyitworks.catalogue import is_failure_snippet
    from whyitworks.meaning import RELATIONS
    from whyitworks.pages import KINDS, PROPERTIES

    problems = []
    for page in pages:
        for claim in page.claims:
            example = f'`!!! claim {KINDS[0]} "…"`'
            if claim.kind is None:
                problems.append(Problem(
                    page.path, claim.line, f'the claim "{claim.sentence}" does not say what kind of claim it is',
                    f"put its kind after `claim`, one of {', '.join(KINDS)}: {example}",
                ))
                continue
            unknown = [c for c in claim.classes[1:]
                       if c.removeprefix("no-") not in PROPERTIES and c not in RELATIONS]
            if unknown:
                problems.append(Problem(
                    page.path, claim.line, f"unknown property tag(s) {', '.join(unknown)}",
                    f"use only the comparison-matrix properties, each optionally prefixed by `no-`: "
                    f"{', '.join(PROPERTIES)}",
                ))
            if claim.kind != "failure-mode" and any(is_failure_snippet(f) for f in claim.files):
                problems.append(Problem(
                    page.path, claim.line,
                    f"the claim shows a failure-mode snippet but is of kind '{claim.kind}'",
                    "make it `!!! claim failure-mode \"…\"`, or rename the snippet if it shows no failure",
                ))
    return problems


LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING_ID_RE = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")


def slugify(text: str) -> str:
    """The anchor Python-Markdown's toc extension gives a heading."""
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"[*_]{1,2}([^*_]+)[*_]{1,2}", r"\1", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _anchors(page: Page, root: Path) -> set[str] | None:
    """The anchors a page defines, or None when they cannot be known statically."""
    from whyitworks.generated import claim_anchors

    found = set(claim_anchors(page).values())
    for heading in page.headings:
        if "$" in heading.text or "\\(" in heading.text:
            return None  # math renders into the slug: leave it to the strict build
        explicit = HEADING_ID_RE.search(heading.text)
        found.add(explicit.group("id") if explicit else slugify(heading.text))
    found.update(re.findall(r'\bid="([\w-]+)"', "\n".join(page.lines)))
    return found


def check_links(pages: list[Page], root: Path = ROOT) -> list[Problem]:
    """Every link to another page, and every anchor, exists."""
    from whyitworks.layout import DOCS

    by_path = {p.path: p for p in pages}
    problems = []
    for page in pages:
        for number, line in enumerate(page.lines, start=1):
            if number in page.fenced or number in page.fence_lines:
                continue
            for match in LINK_RE.finditer(re.sub(r"`[^`]*`", "", line)):
                target = match.group("target")
                if re.match(r"^[a-z]+:", target) or target.startswith(("figures/", "../figures/")):
                    continue
                path_part, _, anchor = target.partition("#")
                if path_part and not path_part.endswith(".md"):
                    continue  # an asset; the strict build checks those
                if path_part:
                    linked = os.path.normpath(os.path.join(os.path.dirname(page.path), path_part)).replace(os.sep, "/")
                else:
                    linked = page.path
                if linked.startswith(f"{DOCS}/checks/"):
                    continue  # generated
                if linked not in by_path:
                    problems.append(Problem(
                        page.path, number, f"the link '{target}' points to {linked}, which does not exist",
                        "correct the path (relative to this page), or write the page it points to",
                    ))
                    continue
                if anchor:
                    known = _anchors(by_path[linked], root)
                    if known is not None and anchor not in known:
                        problems.append(Problem(
                            page.path, number, f"the link '{target}' names an anchor '#{anchor}' that {linked} does not have",
                            "link to a heading's anchor (its text, lower-case, hyphenated) or a claim's "
                            "(claim-<snippet name>)",
                        ))
    return problems


def check_conditions(snippets: list[Snippet]) -> list[Problem]:
    """Every claim snippet states the conditions its asserts were made under."""
    from whyitworks.catalogue import docstring_fields

    return [
        Problem(
            s.path, 1, "the snippet does not state the conditions its asserts were made under",
            "add a line `Conditions: …` to its docstring: trained (how, on what) or at "
            "initialisation, the data, the sizes, the seeds it holds for, the tolerance; the "
            "page shows it under the claim",
        )
        for s in snippets
        if not s.syntax_error and not docstring_fields(s.source).get("Conditions", "").strip()
    ]


INCLUDE_OR_FENCE_RE = re.compile(r'^\s*(?:`{3,}|~{3,}|-{1,}8<-{1,}\s+")')


def check_claim_bodies(pages: list[Page], root: Path = ROOT) -> list[Problem]:
    """A claim's box holds its check and nothing else: text placed inside it would read
    as checked when no assert backs it."""
    problems = []
    for page in pages:
        lines = page.lines
        for claim in page.claims:
            for number in range(claim.line + 1, claim.end_line + 1):
                text = lines[number - 1]
                if text.strip() and not INCLUDE_OR_FENCE_RE.match(text):
                    problems.append(Problem(
                        page.path, number,
                        f"text inside the claim box of \"{claim.sentence[:60]}…\" is not its check",
                        "move the text above or below the box (unindent it); a claim box holds only "
                        "its fenced include(s)",
                    ))
                    break
    return problems


def check_claim_meaning(claim: Claim, snippets: list[Snippet]) -> list[Problem]:
    """The claim names the relation its check establishes; its sentence says that relation
    and the asserts it shows establish it (see ``whyitworks.meaning``)."""
    import ast

    from whyitworks.meaning import RELATIONS, relations_shown, sentence_problems

    if not claim.relations:
        return [Problem(
            claim.page, claim.line,
            f'the claim "{claim.sentence[:70]}…" does not name the relation its check establishes',
            f"put one or more of {', '.join(RELATIONS)} after its kind and properties, e.g. "
            '`!!! claim property translation-equivariance equal "…"`',
        )]
    problems = [
        Problem(claim.page, claim.line, what, "make the sentence and the header's relation agree "
                "with what the shown asserts establish")
        for what in sentence_problems(claim.sentence, claim.relations, claim.kind)
    ]
    by_file = {s.path: s for s in snippets}
    shown: set[str] = set()
    for snippet in by_file.values():
        if not snippet.syntax_error:
            shown |= relations_shown(ast.parse(snippet.source), claim.shown_lines(snippet))
    for relation in claim.relations:
        if relation not in shown:
            problems.append(Problem(
                claim.page, claim.line,
                f"the header says the check establishes '{relation}', but no assert the claim "
                "shows establishes it",
                {"equal": "show an assert of equality (==, allclose, isclose, or |a - b| < TOL)",
                 "differs": "show an assert that the values differ (!=, not allclose, or a difference > a bound)",
                 "raises": "show the try/except that catches the error and the assert on it",
                 }.get(relation, "show an assert that compares the two values in that order"),
            ))
    return problems


def check_shown_asserts_run(claim: Claim, runs: list[RunResult], snippets: list[Snippet]) -> list[Problem]:
    """Every assert a claim shows executed at least once: an assert in a branch that never
    runs proves nothing, however green the box."""
    by_run = {r.path: r for r in runs}
    problems = []
    for snippet in snippets:
        run = by_run.get(snippet.path)
        if run is None or not run.passed:
            continue  # a failing snippet is reported by its own test
        shown = claim.shown_lines(snippet)
        for line in snippet.assert_lines:
            if line in shown and line not in run.lines_run:
                problems.append(Problem(
                    snippet.path, line,
                    f'this assert, shown by the claim at {claim.where}, never ran',
                    "make the code path that holds it run (or remove the branch): a shown assert "
                    "that does not execute proves nothing",
                ))
    return problems


def _assert_hygiene(tree) -> list[tuple[int, str]]:
    import ast

    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert):
            continue
        test = node.test
        if isinstance(test, ast.Constant):
            found.append((node.lineno, f"`assert {ast.unparse(test)}` is constant: it can never fail"))
            continue
        for sub in ast.walk(test):
            if isinstance(sub, ast.BoolOp) and any(isinstance(v, ast.Constant) for v in sub.values):
                found.append((node.lineno, f"`{ast.unparse(sub)}` has a constant operand, so the "
                              "`or`/`and` does not test what it seems to"))
                break
            if isinstance(sub, ast.Compare):
                operands = [sub.left, *sub.comparators]
                dumps = [ast.dump(o) for o in operands]
                if len(set(dumps)) < len(dumps):
                    found.append((node.lineno, f"`{ast.unparse(sub)}` compares a value with itself"))
                    break
                if all(isinstance(o, ast.Constant) for o in operands):
                    found.append((node.lineno, f"`{ast.unparse(sub)}` compares two constants"))
                    break
    return found


def check_assert_hygiene(snippets: list[Snippet]) -> list[Problem]:
    """No assert that cannot fail: a constant, a value compared with itself, a constant
    operand of ``or``/``and``, two constants compared."""
    import ast

    problems = []
    for s in snippets:
        if s.syntax_error:
            continue
        for line, what in _assert_hygiene(ast.parse(s.source)):
            problems.append(Problem(
                s.path, line, what,
                "compare the measured value with an independently obtained expected one, "
                "e.g. `assert got == expected, f\"expected {expected:,}, got {got:,}\"`",
            ))
    return problems


def check_private_imports(snippets: list[Snippet]) -> list[Problem]:
    """A snippet imports private helpers (``_name``) of its own topic or the shared
    ``snippets/_*`` ones only: another topic's helper may change without its page knowing."""
    import ast

    problems = []
    for s in snippets:
        if s.syntax_error:
            continue
        topic = ".".join(Path(s.path).with_suffix("").parts[:-1])  # snippets.vision.cnn
        for node in ast.walk(ast.parse(s.source)):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                private = next((i for i, part in enumerate(parts) if part.startswith("_")), None)
                if parts[0] != SNIPPETS or private is None or private <= 1:
                    continue
                owner = ".".join(parts[:private])
                if owner != topic:
                    problems.append(Problem(
                        s.path, node.lineno,
                        f"imports `{name}`, a private helper of another topic ({owner})",
                        "import it from the standard library, numpy or torch, copy the few lines "
                        "it needs, or move the helper to a shared `snippets/_<name>.py`",
                    ))
                    break
    return problems


def check_description(pages: list[Page], root: Path = ROOT) -> list[Problem]:
    """Every page starts with front matter that holds a description (search engines and
    link previews show it)."""
    problems = []
    for page in pages:
        if not str(page.front_matter.get("description", "")).strip():
            problems.append(Problem(page.path, 1, "the page has no description",
                                    "start it with front matter: ---, description: <one sentence>, ---"))
    return problems


SUMMARY_HEADER = '!!! abstract "In one minute"'
# Abbreviations whose full stop ends no sentence, for counting a summary's sentences.
ABBREVIATIONS_RE = re.compile(r"\b(?:e\.g|i\.e|et al|vs|cf|etc)\.")
SENTENCE_END_RE = re.compile(r"[.!?](?=[\s)*_]|$)")
SUMMARY_SENTENCES = (3, 5)


def check_summary(pages: list[Page]) -> list[Problem]:
    """Every reading page (architecture, lesson, lab) opens with an "in one minute"
    summary: right under its title, a ``!!! abstract "In one minute"`` block of a few
    sentences and no figure at all. A summary repeats what the page shows; a number in it
    would be a second copy with no check of its own."""
    from whyitworks.numbers import numbers_in_sentence

    problems = []
    for page in pages:
        if not page.is_architecture_page:
            continue
        title = next((h for h in page.headings if h.level == 1), None)
        if title is None:
            continue  # the skeleton and description contracts speak about a page without a title
        first = next((n for n in range(title.line + 1, len(page.lines) + 1) if page.lines[n - 1].strip()), None)
        how = (f'right under the title, write `{SUMMARY_HEADER}` and, indented by four spaces, '
               f'{SUMMARY_SENTENCES[0]} to {SUMMARY_SENTENCES[1]} short sentences without figures: what it is '
               "for, the one idea that explains it, the assumption it makes, and how it fails when that "
               "assumption breaks")
        if first is None or page.lines[first - 1].strip() != SUMMARY_HEADER:
            problems.append(Problem(page.path, first or title.line,
                                    "the page does not open with its 'in one minute' summary", how))
            continue
        body = []
        for number in range(first + 1, len(page.lines) + 1):
            line = page.lines[number - 1]
            if line.strip() and not line.startswith("    "):
                break
            if line.strip():
                body.append((number, line.strip()))
        if not body:
            problems.append(Problem(page.path, first, "the 'in one minute' summary is empty", how))
            continue
        for number, line in body:
            figures = [n.text for n in numbers_in_sentence(line)]
            if figures:
                problems.append(Problem(
                    page.path, number, f"the 'in one minute' summary states a figure ({', '.join(figures)})",
                    "say it in words: a summary repeats what the page shows, and the page's claims and "
                    "cited figures carry the numbers (names such as GPT-2 may stay)"))
        text = ABBREVIATIONS_RE.sub(" ", " ".join(line for _, line in body))
        count = len(SENTENCE_END_RE.findall(text))
        low, high = SUMMARY_SENTENCES
        if not low <= count <= high:
            problems.append(Problem(
                page.path, first, f"the 'in one minute' summary has {count} sentence(s)",
                f"keep it to {low} to {high} short sentences: what it is for, the one idea that explains "
                "it, the assumption it makes, and how it fails when that assumption breaks"))
    return problems


TEMPLATES = Path(__file__).parent / "templates"
# Lines of the page template that a finished page keeps: its structure, not placeholders.
TEMPLATE_STRUCTURE = re.compile(r"^(#|```|!!!|\?\?\?|;?--8<--|---$|tags:|- [a-z ]+$|graph |[a-z_]+:$)")


def _placeholders(template: str) -> list[re.Pattern]:
    """The lines of a scaffold template that stand for text a contributor must write, as
    patterns (``{title}`` and the other fields match anything). Of a snippet template, the
    lines of its docstring: its code fails on purpose until it is replaced."""
    import ast

    lines = template.splitlines()
    if template.lstrip().startswith('"""'):
        lines = (ast.get_docstring(ast.parse(template)) or "").splitlines()
    patterns = []
    for line in lines:
        text = line.strip()
        if len(text) < 15 or TEMPLATE_STRUCTURE.match(text):
            continue
        text = text.removeprefix("- ").removeprefix("description:").strip().strip('"')
        pattern = re.escape(text)
        for field in re.findall(r"\{[a-z]+\}", text):
            pattern = pattern.replace(re.escape(field), ".*")
        patterns.append(re.compile(pattern))
    return patterns


def _left_over(lines: list[str], patterns: list[re.Pattern]) -> int | None:
    """The first line that is still template text (a placeholder, or a TODO), or None."""
    for number, line in enumerate(lines, 1):
        text = line.strip().removeprefix("- ").removeprefix("description:").strip().strip('"')
        if "TODO" in line or (text and any(p.fullmatch(text) for p in patterns)):
            return number
    return None


def check_template_text(pages: list[Page], root: Path = ROOT) -> list[Problem]:
    """No placeholder of the scaffold's templates, and no TODO, is left in a page or in a
    snippet it shows: a page still reading "Replace this sentence." is not finished, however
    its checks fare."""
    page_patterns = _placeholders((TEMPLATES / "page.md").read_text(encoding="utf-8"))
    snippet_patterns = [p for name in ("claim.py", "failure.py")
                        for p in _placeholders((TEMPLATES / name).read_text(encoding="utf-8"))]
    problems = []
    for page in pages:
        if page.path == "docs/contributing.md":
            continue  # the contributing guide shows the template on purpose
        line = _left_over(page.lines, page_patterns)
        if line is not None:
            problems.append(Problem(
                page.path, line, "this line is still the page template's placeholder",
                "replace it with the page's own text (docs/contributing.md says what each section "
                "holds), then check the page: `.venv/bin/python -m whyitworks.lint " + page.path + "`",
            ))
        for file in dict.fromkeys(f for claim in page.claims for f in claim.files):
            path = root / file
            if not path.is_file() or not file.endswith(".py"):
                continue
            line = _left_over(path.read_text(encoding="utf-8").splitlines(), snippet_patterns)
            if line is not None:
                problems.append(Problem(
                    file, line, "this line is still the snippet template's placeholder",
                    "write the check and its docstring (what it shows, `Conditions:`, and for a "
                    "failure `Assumption:` and `Broken by:`), as docs/contributing.md describes",
                ))
    return problems


def check_contributing(root: Path = ROOT) -> list[Problem]:
    """CONTRIBUTING.md is generated from docs/contributing.md and must match it."""
    from whyitworks.contributing import render

    written = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    if written == render(root):
        return []
    return [Problem("CONTRIBUTING.md", 1, "CONTRIBUTING.md has drifted from docs/contributing.md",
                    "edit docs/contributing.md, then run `.venv/bin/python -m whyitworks.contributing`")]


def check_published(root: Path = ROOT) -> list[Problem]:
    """Every published figure has a value and a source, and its key is used by one topic."""
    from whyitworks.figures import PUBLISHED, all_published

    problems = []
    for key, entries in sorted(all_published(root).items()):
        for topic, entry in entries:
            path = f"{SNIPPETS}/{topic}/{PUBLISHED}"
            if not isinstance(entry, dict) or not str(entry.get("value", "")).strip() \
                    or not str(entry.get("source", "")).strip():
                problems.append(Problem(path, 1, f"the published figure [{key}] lacks a value or a source",
                                        'give it `value = "…"` (as the page shows it) and `source = "Author '
                                        'Year, Table N"`'))
        if len(entries) > 1:
            topics = ", ".join(t for t, _ in entries)
            problems.append(Problem(f"{SNIPPETS}/{entries[1][0]}/{PUBLISHED}", 1,
                                    f"the key [{key}] is defined by several topics ({topics})",
                                    "give each figure a key of its own, or cite the other topic's with "
                                    "[[cite:<family>/<topic>:KEY]]"))
    return problems


PREDICT_RE = re.compile(r'^!!! question "Predict')
# Families whose pages are architectures: each must end its failure modes with a prediction
# for the reader to make (the labs and lessons are read differently).
PREDICT_FAMILIES = ("foundations", "vision", "sequence", "attention", "graphs", "generative", "adaptation")


def check_predict_box(pages: list[Page]) -> list[Problem]:
    """Every architecture page asks the reader to predict a failure it has not shown: a
    ``!!! question "Predict"`` box under ``## Failure modes``, answered right after it by a
    collapsed claim (``??? claim``) whose check proves the answer."""
    problems = []
    for page in pages:
        if page.family not in PREDICT_FAMILIES:
            continue
        failure = next((h.line for h in page.headings if h.text == "Failure modes"), None)
        after = next((h.line for h in page.headings if failure and h.line > failure and h.level <= 2), None)
        asks = [n for n, line in enumerate(page.lines, 1) if PREDICT_RE.match(line)
                and failure is not None and n > failure and (after is None or n < after)]
        answered = any(
            any(line.startswith("??? claim") for line in page.lines[n:(after - 1 if after else None)])
            for n in asks
        )
        if not answered:
            problems.append(Problem(
                page.path, failure or 1,
                "the page asks the reader to predict nothing" if not asks else
                "the Predict box has no collapsed claim after it to answer it",
                'under `## Failure modes`, add `!!! question "Predict"` with a scenario the page has '
                "not shown and a question, then the answer as a collapsed claim, `??? claim <kind> "
                '<relation> "…"`, whose snippet checks it',
            ))
    return problems


# How the site's mkdocstrings reads docstrings (``docstring_options`` in mkdocs.yml): a
# Returns section is one description, so a sentence that wraps stays in one table row.
DOCSTRING_OPTIONS = {"returns_multiple_items": False}
# A Sphinx cross-reference role, which Google-style docstrings render as literal text.
SPHINX_ROLE_RE = re.compile(r":(?:py:)?(?:func|meth|class|mod|attr|obj|exc|data|const):`~?(?P<name>[^`]+)`")


def _docstring_lines(obj) -> list[tuple[int, str]]:
    """``(line number, text)`` of each line of an object's docstring, numbered as in its file."""
    docstring = obj.docstring
    first, last = docstring.lineno or 1, docstring.endlineno or docstring.lineno or 1
    source = Path(obj.filepath).read_text(encoding="utf-8").splitlines()
    return [(number, source[number - 1]) for number in range(first, min(last, len(source)) + 1)]


def check_docstrings_render(modules: list[str], root: Path = ROOT) -> list[Problem]:
    """Every helper's docstrings read cleanly the way the site renders them (mkdocstrings'
    griffe, Google style): a warning there stops the strict build, so it is caught here,
    with its file and line, before anyone builds the site. Two mistakes render without a
    warning and are caught too: a Sphinx cross-reference role (func, meth, class and the
    like), shown as literal text, and doctest lines outside an ``Examples:`` section,
    shown as nested quotes."""
    import logging

    import griffe

    found: list[str] = []
    quiet: list[Problem] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(record.getMessage())

    def where(obj) -> str:
        try:
            return Path(obj.filepath).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(obj.filepath)

    def parse(obj) -> None:
        if obj.docstring is not None:
            sections = obj.docstring.parse("google", **DOCSTRING_OPTIONS)
            lines = _docstring_lines(obj)
            for number, line in lines:
                role = SPHINX_ROLE_RE.search(line)
                if role:
                    quiet.append(Problem(
                        where(obj), number,
                        f"the docstring names `{role.group(0)}`, a Sphinx role the site shows as literal text",
                        f"write the name as code, ``{role.group('name').lstrip('~')}`` (mkdocstrings reads Google style)",
                    ))
            examples = "\n".join(text for s in sections if s.kind.value == "examples" for _, text in s.value)
            stray = [n for n, line in lines if line.lstrip().startswith(">>>") and line.strip() not in examples]
            if stray:
                number = stray[0]
                quiet.append(Problem(
                    where(obj), number,
                    "`>>>` lines outside an `Examples:` section: the site shows them as nested quotes",
                    "put them under a heading `Examples:` (plural, as Google style spells it), indented "
                    "one level, so that they render as Python code",
                ))
        for member in obj.members.values():
            if not member.is_alias:
                parse(member)

    logger = logging.getLogger("griffe")
    handler = Collect(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        # One load of the whole package (loading each module would load it again each time).
        package = griffe.load("snippets", search_paths=[str(root)], docstring_parser="google",
                              allow_inspection=False, resolve_aliases=False)
        for module in modules:
            if not module.endswith("._figures"):
                parse(package[module.removeprefix("snippets.")])
    finally:
        logger.removeHandler(handler)
    problems = []
    for message in dict.fromkeys(found):
        place, _, what = message.partition(": ")
        path, _, line = place.rpartition(":")
        if not line.isdigit():
            path, line = place, "1"
        try:
            path = Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
        problems.append(Problem(path, int(line), f"the site cannot render this docstring cleanly: {what}",
                                "annotate the function (parameters and return type) or fix the "
                                "docstring's Args/Returns, as mkdocstrings reads Google style"))
    return problems + quiet
