"""The labs (docs/lab/): every cell of each table is bounded by a claim on the lab's page.

A lab's table has a row per architecture and a column per condition, and the page
promises that each cell is backed by a claim whose bound holds on every seed of the
run. A claim backs a column by naming it (``CONDITION = "..."`` in its snippet), and
backs a row by naming the architecture in the lines it shows, where its asserts are.
A column no claim names, or an architecture a column's claim never bounds, fails here
with the fix.
"""

from __future__ import annotations

import ast
import re

import pytest

from whyitworks.generated import lab_claims, lab_condition, lab_module
from whyitworks.layout import DOCS, ROOT
from whyitworks.pages import iter_pages
from whyitworks.snippets import parse_snippet

LABS = sorted(p.stem for p in (ROOT / DOCS / "lab").glob("*.md"))


def _named_in_shown_asserts(claim, architectures) -> set[str]:
    """The architectures whose name is a string in the claim's shown lines, counted only
    when those lines hold an assert."""
    named = set()
    for file in claim.files:
        snippet = parse_snippet(ROOT / file)
        shown = claim.shown_lines(snippet)
        tree = ast.parse(snippet.source)
        asserts = [n for n in ast.walk(tree) if isinstance(n, ast.Assert) and n.lineno in shown]
        if not asserts:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and node.value in architectures
                    and getattr(node, "lineno", 0) in shown):
                named.add(node.value)
    return named


@pytest.mark.parametrize("lab", LABS)
def test_every_cell_of_the_lab_is_claimed(lab: str) -> None:
    module = lab_module(lab)
    pages = list(iter_pages())
    claims = lab_claims(lab, pages)
    problems = []
    for condition in module.CONDITIONS:
        if condition not in claims:
            problems.append(f"column {condition!r}: no claim on docs/lab/{lab}.md shows a snippet with "
                            f'CONDITION = "{condition}"; add one that bounds every architecture under it')
            continue
        page, claim = claims[condition]
        # every claim of the page naming this condition counts towards its rows
        named = set()
        for other in page.claims:
            if any(lab_condition(ROOT / f) == condition for f in other.files):
                named |= _named_in_shown_asserts(other, set(module.ARCHITECTURES))
        for arch in module.ARCHITECTURES:
            if arch not in named:
                problems.append(f"{claim.where}: cell ({arch}, {condition}) is bounded by no shown assert; "
                                f'assert a bound on accuracy["{arch}"] in the lines the claim shows')
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lab", LABS)
def test_the_lab_measured_every_cell_on_five_seeds(lab: str) -> None:
    record = lab_module(lab).results()
    assert len(record["seeds"]) == 5, f"the run used seeds {record['seeds']}"
    for arch, conditions in record["accuracy"].items():
        for condition, values in conditions.items():
            assert len(values) == 5, f"({arch}, {condition}): {values}"


def test_a_lab_verdict_reads_the_mean_against_the_architectures_own_accuracy() -> None:
    from whyitworks.generated import lab_verdict

    base = [1.0, 1.0]  # in distribution; chance 0.25, so half the margin is 0.625
    assert lab_verdict([0.95, 0.91], base, 0.25) == "keeps"  # mean 0.93, at least 0.9 of 1.0
    assert lab_verdict([0.7, 0.7], base, 0.25) == "degrades"
    assert lab_verdict([0.6, 0.6], base, 0.25) == "breaks"  # 0.35 over chance, under 0.375
    assert lab_verdict([None, None], base, 0.25) == "cannot run"


def test_every_matrix_cell_gives_one_verdict() -> None:
    from whyitworks.generated import lab_matrix, matrix

    pages = list(iter_pages())
    rows = [line for line in matrix(pages, "matrix.md").splitlines() if line.startswith("| [")]
    assert len(rows) > 10, f"{len(rows)} rows"
    words = {"holds", "holds within limits", "breaks", "does not hold", "degrades", "cannot run",
             "grows quadratically", "grows linearly", "constant", "counted", "no check yet"}
    one = re.compile(r"^(\[(?P<linked>[^\]]+)\]\([^)\s]+\)(\{:[^}]*\})?|(?P<plain>[a-z ]+))( \*\*\d\.\d\d\*\*)?$")
    for row in rows:
        for text in row.removesuffix(" |").split(" | ")[1:]:
            shown = text.split('<small class="wiw-tip"', 1)[0]  # the tip says what the verdict rests on
            found = one.match(shown)
            assert found and (found["linked"] or found["plain"]) in words, f"not one verdict: {shown}"
    lab_rows = [line for line in lab_matrix(pages, "matrix.md").splitlines() if line.startswith("| [")]
    assert len(lab_rows) == sum(len(lab_module(lab).ARCHITECTURES) for lab in LABS)
    for row in lab_rows:
        assert "no check yet" not in row, row
        for text in row.split(" | ")[2:]:
            assert text.split("](")[0].lstrip("[").split(" ")[0] in {"keeps", "degrades", "breaks", "cannot"}, text


def test_the_cost_column_says_how_cost_grows() -> None:
    from whyitworks.generated import matrix

    rows = {line.split("](")[0].lstrip("| ["): line for line in
            matrix(list(iter_pages()), "matrix.md").splitlines() if line.startswith("| [")}
    attention = next(row for name, row in rows.items() if name.startswith("Scaled dot-product"))
    lstm = next(row for name, row in rows.items() if name.startswith("Long short-term"))
    ssm = next(row for name, row in rows.items() if name.startswith("State-space"))
    assert "[grows quadratically](" in attention, attention
    assert "[grows linearly](" in lstm, lstm
    # its claim compares its own linear growth with attention's quadratic one
    assert "[grows linearly](" in ssm and "[grows quadratically](" not in ssm, ssm
