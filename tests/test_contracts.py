"""The contracts between pages and snippets, checked on the real tree. Every contract
comes from one registry, ``whyitworks.lint.CONTRACTS``, which `python -m whyitworks.lint`
runs too. Each test is named after the page, snippet or claim it checks, so
`pytest -k cnn` includes them."""

from __future__ import annotations

import pytest

from whyitworks.layout import ROOT
from whyitworks.lint import CONTRACTS, claim_inputs
from whyitworks.pages import iter_pages
from whyitworks.problems import report
from whyitworks.snippets import iter_snippets

PAGES = iter_pages()
SNIPPETS = iter_snippets()
CLAIMS = [c for p in PAGES for c in p.claims]
BY_SCOPE = {scope: [c for c in CONTRACTS if c.scope == scope] for scope in ("page", "snippet", "claim", "tree")}


def _ok(problems) -> None:
    if problems:
        pytest.fail(report(problems), pytrace=False)


@pytest.mark.parametrize("contract", BY_SCOPE["page"], ids=lambda c: c.name.replace(" ", "-"))
@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_page(page, contract) -> None:
    _ok(contract.check(page, ROOT))


@pytest.mark.parametrize("contract", BY_SCOPE["snippet"], ids=lambda c: c.name.replace(" ", "-"))
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.path for s in SNIPPETS])
def test_snippet_contract(snippet, contract) -> None:
    _ok(contract.check(snippet, ROOT))


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.where for c in CLAIMS])
def test_claim(claim, seed: int, record_property) -> None:
    # What the run verified reaches the site through this (see conftest.py), not the test's id.
    record_property("claim", {"page": claim.page, "line": claim.line})
    runs, snippets = claim_inputs(claim, seed)
    _ok([p for contract in BY_SCOPE["claim"] for p in contract.check(claim, runs, snippets, ROOT)])


@pytest.mark.parametrize("contract", BY_SCOPE["tree"], ids=lambda c: c.name.replace(" ", "-"))
def test_tree(contract) -> None:
    _ok(contract.check(PAGES, SNIPPETS, ROOT))


def test_every_page_has_claims_or_is_not_an_architecture_page() -> None:
    empty = [p for p in PAGES if p.is_architecture_page and not p.claims]
    assert not empty, "architecture pages without a single claim: " + ", ".join(p.path for p in empty)
