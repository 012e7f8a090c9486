"""Every contract, in one registry, and a command that runs them on chosen pages.

The test suite (``tests/test_contracts.py``) and this command iterate the same
``CONTRACTS``, so a contract added here is enforced everywhere at once::

    .venv/bin/python -m whyitworks.lint docs/vision/cnn.md     # one page, its snippets run
    .venv/bin/python -m whyitworks.lint                        # every page

Each contract has a scope: ``page`` (called with one page), ``snippet`` (one snippet),
``claim`` (one claim, with the runs and parsed files of its snippets) or ``tree`` (all
pages and snippets at once, reported for the pages asked about).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whyitworks import contracts, figures
from whyitworks.layout import ROOT, rel
from whyitworks.pages import Claim, Page, iter_pages
from whyitworks.problems import Problem, report
from whyitworks.runner import RunResult, run_cached
from whyitworks.snippets import Snippet, iter_library_modules, iter_snippets, parse_snippet


@dataclass(frozen=True)
class Contract:
    name: str
    scope: str  # "page", "snippet", "claim" or "tree"
    check: Callable
    what: str
    runs_snippets: bool = False  # it runs the page's snippets (slow): the preview skips it


# Every check takes the tree's root last, so the harness's own tests can run the
# registry on small trees with one mistake each (tests/test_harness.py).
CONTRACTS: tuple[Contract, ...] = (
    Contract("includes resolve", "page", lambda page, root: contracts.check_includes([page], root),
             "every --8<-- include names an existing file and section"),
    Contract("skeleton headings", "page", lambda page, root: contracts.check_skeleton([page]),
             "architecture pages carry the eight headings, in order"),
    Contract("claims show their assert", "page",
             lambda page, root: contracts.check_claims_shape([page], root),
             "each claim includes a snippet region that holds an assert"),
    Contract("claim boxes hold only their check", "page",
             lambda page, root: contracts.check_claim_bodies([page], root),
             "no text inside a claim box but its fenced includes"),
    Contract("claims name their kind", "page", lambda page, root: contracts.check_claim_classes([page]),
             "kind, matrix properties and relations are known words"),
    Contract("failure modes demonstrated", "page",
             lambda page, root: contracts.check_failure_modes([page], root),
             "architecture pages show a failure whose snippet names its assumption"),
    Contract("figures checked, cited or set-up", "page", lambda page, root: figures.check_page(page, root),
             "every number in prose is a checked link, a cited figure or a set-up literal", runs_snippets=True),
    Contract("page has a description", "page", lambda page, root: contracts.check_description([page], root),
             "every page starts with front matter holding a description"),
    Contract("an 'in one minute' summary", "page", lambda page, root: contracts.check_summary([page]),
             "every reading page opens with a short summary block without figures"),
    Contract("a prediction to make", "page", lambda page, root: contracts.check_predict_box([page]),
             "every architecture page asks the reader to predict a failure and answers with a claim"),
    Contract("no helper API on reading pages", "page",
             lambda page, root: contracts.check_no_api_on_reading_pages([page]),
             "no `::: module` block outside docs/reference/: the build documents helpers elsewhere"),
    Contract("no template text left", "page", lambda page, root: contracts.check_template_text([page], root),
             "no sentence of the page template, and no TODO, is left in a page"),
    Contract("section markers pair up", "snippet", lambda s, root: contracts.check_markers([s]),
             "each start marker has one end marker"),
    Contract("snippet asserts", "snippet", lambda s, root: contracts.check_every_snippet_asserts([s]),
             "every snippet parses and contains an assert"),
    Contract("conditions stated", "snippet", lambda s, root: contracts.check_conditions([s]),
             "every snippet's docstring says what its asserts were made under"),
    Contract("assert hygiene", "snippet", lambda s, root: contracts.check_assert_hygiene([s]),
             "no constant, self-comparing or always-true assert"),
    Contract("private helpers stay in their topic", "snippet",
             lambda s, root: contracts.check_private_imports([s]),
             "a snippet imports only its own topic's private helpers"),
    Contract("claim numbers asserted", "claim",
             lambda claim, runs, snippets, root: contracts.check_claim_numbers(claim, runs, snippets),
             "every number of a claim's sentence is a value its shown comparisons compare"),
    Contract("claim meaning tied", "claim",
             lambda claim, runs, snippets, root: contracts.check_claim_meaning(claim, snippets),
             "the sentence says the relation its shown asserts establish"),
    Contract("shown asserts run", "claim",
             lambda claim, runs, snippets, root: contracts.check_shown_asserts_run(claim, runs, snippets),
             "every assert a claim shows executes at least once"),
    Contract("every snippet shown", "tree",
             lambda pages, snippets, root: contracts.check_every_snippet_shown(pages, snippets),
             "every snippet is included by a page"),
    Contract("helpers documented", "tree",
             lambda pages, snippets, root: contracts.check_library_documented(pages, snippets, root),
             "every helper module is documented, on its topic's checks page or a reference page"),
    Contract("helper docstrings render", "tree",
             lambda pages, snippets, root: contracts.check_docstrings_render(iter_library_modules(root), root),
             "every helper's docstrings read without a warning the way the site renders them"),
    Contract("links and anchors resolve", "tree",
             lambda pages, snippets, root: contracts.check_links(pages, root),
             "every link to a page or anchor exists"),
    Contract("CONTRIBUTING.md in step", "tree",
             lambda pages, snippets, root: contracts.check_contributing(root),
             "CONTRIBUTING.md is generated from docs/contributing.md"),
    Contract("published figures have sources", "tree",
             lambda pages, snippets, root: contracts.check_published(root),
             "every published figure names its value and source, under a key no other topic uses"),
)


def claim_inputs(claim: Claim, seed: int = 0, root: Path = ROOT) -> tuple[list[RunResult], list[Snippet]]:
    """The runs and the parsed files of a claim's snippets, as claim contracts take them."""
    files = [f for f in claim.files if (root / f).is_file()]
    return [run_cached(root / f, seed, root) for f in files], [parse_snippet(root / f, root) for f in files]


def run(pages: list[Page], all_pages: list[Page], snippets: list[Snippet], seed: int = 0,
        root: Path = ROOT) -> list[Problem]:
    """Every contract on ``pages`` (and the snippets they show)."""
    problems: list[Problem] = []
    paths = {p.path for p in pages}
    shown = {f for p in pages for c in p.claims for f in c.files}
    for contract in CONTRACTS:
        if contract.scope == "page":
            for page in pages:
                problems += contract.check(page, root)
        elif contract.scope == "snippet":
            for snippet in snippets:
                if snippet.path in shown or len(pages) == len(all_pages):
                    problems += contract.check(snippet, root)
        elif contract.scope == "claim":
            for page in pages:
                for claim in page.claims:
                    runs, parsed = claim_inputs(claim, seed, root)
                    problems += contract.check(claim, runs, parsed, root)
        else:
            found = contract.check(all_pages, snippets, root)
            problems += [p for p in found if p.path in paths or p.path in shown
                         or len(pages) == len(all_pages)]
    return problems


def preview_problems(page: Page, root: Path = ROOT) -> list[Problem]:
    """The contracts that need no snippet to run, on one page and the snippets it shows:
    what ``mkdocs serve`` shows at the top of the page while it is being written (the
    rest is checked by the lint and the suite)."""
    problems: list[Problem] = []
    shown = [root / f for f in dict.fromkeys(f for c in page.claims for f in c.files) if (root / f).is_file()]
    snippets = [parse_snippet(path, root) for path in shown]
    for contract in CONTRACTS:
        if contract.runs_snippets:
            continue
        if contract.scope == "page":
            problems += contract.check(page, root)
        elif contract.scope == "snippet":
            for snippet in snippets:
                problems += contract.check(snippet, root)
    return problems


def main(argv: list[str]) -> int:
    all_pages = iter_pages()
    if argv:
        wanted = {rel(Path(a).resolve()) for a in argv}
        pages = [p for p in all_pages if p.path in wanted]
        unknown = wanted - {p.path for p in pages}
        if unknown:
            print(f"not pages under docs/: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
    else:
        pages = all_pages
    problems = run(pages, all_pages, iter_snippets())
    if problems:
        print(report(problems))
        return 1
    print(f"{len(pages)} page(s): every contract holds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

