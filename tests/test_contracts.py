"""The contracts between pages and snippets, checked on the real tree. Each test is
named after the page or snippet it checks, so `pytest -k cnn` includes them."""

from __future__ import annotations

import pytest

from whyitworks import contracts
from whyitworks.layout import ROOT
from whyitworks.pages import iter_pages
from whyitworks.problems import report
from whyitworks.runner import run_cached
from whyitworks.snippets import iter_library_modules, iter_snippets, parse_snippet

PAGES = iter_pages()
SNIPPETS = iter_snippets()
PAGE_IDS = [p.path for p in PAGES]
SNIPPET_IDS = [s.path for s in SNIPPETS]
CLAIMS = [c for p in PAGES for c in p.claims]
LINK_PROBLEMS = contracts.check_links(PAGES, ROOT)


def _ok(problems) -> None:
    if problems:
        pytest.fail(report(problems), pytrace=False)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_includes_resolve(page) -> None:
    _ok(contracts.check_includes([page]))


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_skeleton_headings(page) -> None:
    _ok(contracts.check_skeleton([page]))


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_claims_show_their_assert(page) -> None:
    _ok(contracts.check_claims_shape([page]))


@pytest.mark.parametrize("snippet", SNIPPETS, ids=SNIPPET_IDS)
def test_snippet_is_shown_by_a_page(snippet) -> None:
    _ok(contracts.check_every_snippet_shown(PAGES, [snippet]))


@pytest.mark.parametrize("snippet", SNIPPETS, ids=SNIPPET_IDS)
def test_snippet_asserts_something(snippet) -> None:
    _ok(contracts.check_every_snippet_asserts([snippet]))


@pytest.mark.parametrize("snippet", SNIPPETS, ids=SNIPPET_IDS)
def test_section_markers_pair_up(snippet) -> None:
    _ok(contracts.check_markers([snippet]))


def test_library_modules_are_documented() -> None:
    _ok(contracts.check_library_documented(PAGES, iter_library_modules()))


def test_every_page_has_claims_or_is_not_an_architecture_page() -> None:
    empty = [p for p in PAGES if p.is_architecture_page and not p.claims]
    assert not empty, "architecture pages without a single claim: " + ", ".join(p.path for p in empty)


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.where for c in CLAIMS])
def test_claim_numbers_are_asserted(claim, seed: int) -> None:
    files = [f for f in claim.files if (ROOT / f).is_file()]
    runs = [run_cached(ROOT / f, seed) for f in files]
    snippets = [parse_snippet(ROOT / f) for f in files]
    _ok(contracts.check_claim_numbers(claim, runs, snippets))


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_failure_modes_are_demonstrated_and_named(page) -> None:
    _ok(contracts.check_failure_modes([page]))


def test_contributing_md_is_in_step_with_the_site() -> None:
    from whyitworks.contributing import render

    written = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert written == render(), (
        "CONTRIBUTING.md:1: CONTRIBUTING.md has drifted from docs/contributing.md\n"
        "    how to fix: edit docs/contributing.md, then run `python -m whyitworks.contributing`"
    )


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_has_a_description(page) -> None:
    text = (ROOT / page.path).read_text(encoding="utf-8")
    assert text.startswith("---\n") and "\ndescription:" in text.split("\n---", 1)[0], (
        f"{page.path}:1: the page has no description\n"
        "    how to fix: start it with front matter: ---, description: <one sentence>, ---"
    )


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_links_and_anchors_resolve(page) -> None:
    _ok([p for p in LINK_PROBLEMS if p.path == page.path])


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_claims_name_their_kind(page) -> None:
    _ok(contracts.check_claim_classes([page]))
