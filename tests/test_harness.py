"""The harness checked on small trees with one mistake each: every contract must fail
when it should, with a message that names the file and line and says what to do."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from whyitworks import contracts
from whyitworks.layout import ROOT, SKELETON
from whyitworks.numbers import numbers_in_sentence, unmatched
from whyitworks.pages import iter_pages, parse_markdown
from whyitworks.runner import run_snippet
from whyitworks.snippets import iter_snippets, parse_snippet

SKELETON_MD = "\n\n".join(f"## {h}\n\nText." for h in SKELETON)

GOOD_SNIPPET = '''\
"""A layer with 3 inputs and 2 outputs has 8 parameters."""
from torch import nn

# --8<-- [start:count]
layer = nn.Linear(3, 2)
got = sum(p.numel() for p in layer.parameters())
assert got == 3 * 2 + 2 == 8, f"expected 8, got {got}"
# --8<-- [end:count]
'''


def claim(sentence: str, target: str) -> str:
    return textwrap.dedent(f'''\
        !!! claim "{sentence}"

            ```python
            --8<-- "{target}"
            ```
        ''')


def make_tree(tmp_path: Path, page: str, snippets: dict[str, str]) -> Path:
    (tmp_path / "docs" / "vision").mkdir(parents=True)
    (tmp_path / "docs" / "vision" / "toy.md").write_text(page)
    for name, source in snippets.items():
        path = tmp_path / "snippets" / "vision" / "toy" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return tmp_path


def page_with(*claims: str) -> str:
    return "# Toy\n\n" + SKELETON_MD.replace("## Checks\n\nText.", "## Checks\n\n" + "\n".join(claims))


# --- the contracts, each on a tree with exactly one mistake -------------------------

def test_a_good_tree_has_no_problems(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(claim("A `Linear(3, 2)` layer has 8 parameters.",
                                               "snippets/vision/toy/count.py:count")),
                     {"count.py": GOOD_SNIPPET})
    pages, snippets = iter_pages(root), iter_snippets(root)
    assert contracts.check_includes(pages, root) == []
    assert contracts.check_every_snippet_shown(pages, snippets) == []
    assert contracts.check_every_snippet_asserts(snippets) == []
    assert contracts.check_skeleton(pages) == []
    assert contracts.check_claims_shape(pages, root) == []
    run = run_snippet(root / "snippets/vision/toy/count.py", 0, root)
    assert run.passed, run.failure
    assert contracts.check_claim_numbers(pages[0].claims[0], [run], snippets) == []


def test_a_missing_snippet_file_is_named_with_its_page_and_line(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(claim("It has 8.", "snippets/vision/toy/gone.py:count")), {})
    [problem] = contracts.check_includes(iter_pages(root), root)
    assert problem.path == "docs/vision/toy.md"
    assert problem.line == (root / problem.path).read_text().splitlines().index(
        '    --8<-- "snippets/vision/toy/gone.py:count"') + 1
    assert "does not exist" in problem.what and "create that file" in problem.fix


def test_a_missing_section_names_the_sections_that_exist(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(claim("It has 8.", "snippets/vision/toy/count.py:nope")),
                     {"count.py": GOOD_SNIPPET})
    [problem] = contracts.check_includes(iter_pages(root), root)
    assert "no section 'nope'" in problem.what and "count" in problem.what
    assert "# --8<-- [start:nope]" in problem.fix


def test_a_snippet_no_page_shows_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(), {"lonely.py": GOOD_SNIPPET})
    [problem] = contracts.check_every_snippet_shown(iter_pages(root), iter_snippets(root))
    assert problem.path == "snippets/vision/toy/lonely.py" and "no page shows" in problem.what


def test_a_snippet_that_asserts_nothing_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(), {"idle.py": "x = 1 + 1\n"})
    [problem] = contracts.check_every_snippet_asserts(iter_snippets(root))
    assert problem.path == "snippets/vision/toy/idle.py" and "asserts nothing" in problem.what


def test_a_missing_skeleton_heading_is_reported_where_it_belongs(tmp_path: Path) -> None:
    page = page_with().replace("## Limitations\n\nText.", "")
    root = make_tree(tmp_path, page, {})
    [problem] = contracts.check_skeleton(iter_pages(root))
    assert "lacks the heading '## Limitations'" in problem.what
    assert (root / problem.path).read_text().splitlines()[problem.line - 1] == "## Assumptions"


def test_a_claim_that_shows_no_assert_is_reported(tmp_path: Path) -> None:
    source = GOOD_SNIPPET.replace("# --8<-- [end:count]\n", "").replace(
        "assert got", "# --8<-- [end:count]\nassert got")
    root = make_tree(tmp_path, page_with(claim("It has 8.", "snippets/vision/toy/count.py:count")),
                     {"count.py": source})
    [problem] = contracts.check_claims_shape(iter_pages(root), root)
    assert "shows no assert" in problem.what


# --- numbers: the sentence against what the asserts compared -------------------------

def test_a_number_the_snippet_does_not_assert_fails_with_the_page_and_line(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(claim("A `Linear(3, 2)` layer has 9 parameters.",
                                               "snippets/vision/toy/count.py:count")),
                     {"count.py": GOOD_SNIPPET})
    page = iter_pages(root)[0]
    run = run_snippet(root / "snippets/vision/toy/count.py", 0, root)
    [problem] = contracts.check_claim_numbers(page.claims[0], [run], iter_snippets(root))
    assert problem.path == "docs/vision/toy.md" and problem.line == page.claims[0].line
    assert "states 9 (a result)" in problem.what and "count.py never asserts it" in problem.what


def test_a_set_up_number_missing_from_the_code_fails(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(claim("A `Linear(4, 2)` layer has 8 parameters.",
                                               "snippets/vision/toy/count.py:count")),
                     {"count.py": GOOD_SNIPPET})
    page = iter_pages(root)[0]
    run = run_snippet(root / "snippets/vision/toy/count.py", 0, root)
    [problem] = contracts.check_claim_numbers(page.claims[0], [run], iter_snippets(root))
    assert "4 (set-up, in code or math)" in problem.what


@pytest.mark.parametrize(("sentence", "results", "setup"), [
    ("It has 1,792 parameters.", [1792.0], []),
    ("ResNet-50 and GPT-2 and ViT-B/16 have no numbers here, nor Conv2d or 2D.", [], []),
    ("A `Conv2d(3, 64, 3)` layer.", [], [3.0, 64.0, 3.0]),
    ("Scaled by $1/\\sqrt{d_k}$ it is 1.5 times, 15% of the time.", [1.5, 0.15], [1.0]),
    ("See [the 3 pages](other.md#x-2) and note[^1].", [3.0], []),
    # Unit suffixes, multipliers, superscripts, scientific notation and the sign are read;
    # a symbol's exponent (C²) and a hyphenated name (ResNet-50, top-1) are not numbers.
    ("BERT-base has 110M, a vocabulary 30k, 9× the cost and 18·C² weights.", [110e6, 30e3, 9.0, 18.0], []),
    ("σ(1)¹⁰⁰ ≈ 2.5e-14 and 0.9¹⁰⁰ ≈ 3×10⁻⁵; top-1 of ResNet-50.", [1.0, 2.5e-14, 0.9, 3e-5, 100.0, 100.0], []),
    ("A stride-2 layer falls by −0.5 on a $36\\times36$ image.", [2.0, -0.5], [36.0, 36.0]),
])
def test_numbers_are_read_as_written(sentence: str, results: list, setup: list) -> None:
    found = numbers_in_sentence(sentence)
    assert [n.value for n in found if n.kind == "prose"] == results
    assert [n.value for n in found if n.kind == "code"] == setup


def test_rounding_follows_the_written_precision() -> None:
    assert unmatched("It rescales by 2.25.", [2.2500001], []) == []
    assert [n.text for n in unmatched("It rescales by 2.25.", [2.26], [])] == ["2.25"]
    assert unmatched("It happens 15% of the time.", [0.1498], []) == []
    assert [n.text for n in unmatched("It has 1,793 parameters.", [1792], [])] == ["1,793"]


# --- running: what the recorder sees, and how a broken snippet is reported -----------

def write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "snippets" / "probe.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    return path


def test_the_recorder_sees_what_is_compared_and_nothing_else(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        import math
        calls = []
        def measured():
            calls.append(1)
            return 41 + 1
        d = 5
        assert measured() == 6 * 7 and len(calls) == 1, calls
        assert 0 < 0.25 < 1
        assert [3, 4] == [3, 4]
        assert round(0.6666, 2) == 0.67
        assert abs(3.14159 - 3.1416) < 1e-3
        assert math.isclose(12 * d * d + 13 * d, 365, rel_tol=1e-9)
    """)
    run = run_snippet(path, 0, tmp_path)
    assert run.passed, run.failure
    # The operands, whole: 42 (twice), 1, the chain's three values, the list, the
    # rounded value, both sides of the difference, the formula's value.
    for value in (42, 1, 0, 0.25, 3, 4, 0.67, 3.14159, 3.1416, 365):
        assert value in run.values, (value, run.values)
    # Never a formula's coefficient, a factor, round()'s precision or a keyword argument.
    for value in (6, 7, 12, 13, 2, 1e-9):
        assert value not in run.values, (value, run.values)
    assert run.asserts_run == 6


def test_a_false_assert_reports_its_line_message_and_values(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        got = 1792
        assert got == 1793, f"expected 1,793, got {got:,}"
    """)
    failure = run_snippet(path, 0, tmp_path).failure
    assert failure is not None and failure.kind == "assertion"
    assert failure.line == 2 and failure.message == "expected 1,793, got 1,792"
    assert failure.values == [1792, 1793]


def test_a_snippet_that_uses_the_network_is_stopped_and_named(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        import urllib.request
        urllib.request.urlopen("http://example.com/weights.pt")
        assert True
    """)
    failure = run_snippet(path, 0, tmp_path).failure
    assert failure is not None and failure.kind == "network"
    assert "snippets/probe.py:2" in failure.message or failure.line == 2, failure


def test_an_exception_that_is_not_an_assertion_is_a_broken_snippet(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        import torch
        x = torch.zeros(2, 3) @ torch.zeros(2, 3)
        assert x.shape == (2, 3)
    """)
    failure = run_snippet(path, 0, tmp_path).failure
    assert failure is not None and failure.kind == "error" and failure.line == 2
    assert failure.message.startswith("RuntimeError")


def test_a_snippet_whose_asserts_never_run_proved_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        for _ in range(0):
            assert False
    """)
    failure = run_snippet(path, 0, tmp_path).failure
    assert failure is not None and failure.kind == "no-assert"


# --- the real model page, with one number changed --------------------------------------

def copy_cnn_claim(tmp_path: Path) -> Path:
    for name in ("docs/vision/cnn.md", "snippets/vision/cnn/conv_param_count.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_changing_a_number_in_the_cnn_page_fails_and_names_the_page(tmp_path: Path) -> None:
    root = copy_cnn_claim(tmp_path)
    page_path = root / "docs/vision/cnn.md"
    page_path.write_text(page_path.read_text().replace("has 1,792 parameters", "has 1,793 parameters"))
    page = parse_markdown(page_path.read_text(), "docs/vision/cnn.md")
    [changed] = [c for c in page.claims if "1,793" in c.sentence]
    run = run_snippet(root / changed.files[0], 0, root)
    [problem] = contracts.check_claim_numbers(changed, [run], [parse_snippet(root / changed.files[0], root)])
    assert problem.path == "docs/vision/cnn.md" and "1,793" in problem.what


def test_changing_an_asserted_number_in_the_cnn_snippet_fails_and_names_the_snippet(tmp_path: Path) -> None:
    root = copy_cnn_claim(tmp_path)
    path = root / "snippets/vision/cnn/conv_param_count.py"
    path.write_text(path.read_text().replace("== 1_792, f", "== 1_793, f"))
    failure = run_snippet(path, 0, root).failure
    assert failure is not None and failure.kind == "assertion"
    assert "1_793" in failure.source_line and 1793 in failure.values


# --- the failure-mode catalogue ----------------------------------------------------------

FAILING_SNIPPET = '''\
"""A layer refuses the wrong input size.

Assumption: inputs have 3 features.
Broken by: an input with 4 features.
"""
import torch
from torch import nn

# --8<-- [start:check]
try:
    nn.Linear(3, 2)(torch.zeros(1, 4))
except RuntimeError as error:
    message = str(error)
assert "shapes cannot be multiplied" in message, message
# --8<-- [end:check]
'''


def test_a_new_failure_check_appears_in_the_catalogue(tmp_path: Path) -> None:
    from whyitworks.catalogue import rows

    page = page_with(claim("A `Linear(3, 2)` layer refuses an input with `4` features.",
                           "snippets/vision/toy/wrong_width_fails.py:check"))
    root = make_tree(tmp_path, page, {"wrong_width_fails.py": FAILING_SNIPPET})
    [row] = rows(iter_pages(root), root)
    assert row.title == "Toy" and row.snippet == "snippets/vision/toy/wrong_width_fails.py"
    assert row.assumption == "inputs have 3 features." and row.broken_by == "an input with 4 features."
    assert contracts.check_failure_modes(iter_pages(root), root) == []


def test_a_failure_check_shown_again_by_a_lesson_is_one_catalogue_row_on_its_own_page(tmp_path: Path) -> None:
    from whyitworks.generated import failure_catalogue

    shown = claim("A `Linear(3, 2)` layer refuses an input with `4` features.",
                  "snippets/vision/toy/wrong_width_fails.py:check")
    root = make_tree(tmp_path, page_with(shown), {"wrong_width_fails.py": FAILING_SNIPPET})
    (root / "docs" / "lessons").mkdir()
    (root / "docs" / "lessons" / "again.md").write_text("# Again\n\n" + shown)
    table = failure_catalogue(iter_pages(root), "lessons/failure_modes.md", root)
    [row] = [line for line in table.splitlines() if line.startswith("| [")]
    assert row.startswith("| [Toy](../vision/toy.md) | inputs have 3 features.") and "also on [Again](again.md#claim-" in row


def test_a_failure_check_that_does_not_name_its_assumption_is_reported(tmp_path: Path) -> None:
    source = FAILING_SNIPPET.replace("Assumption: inputs have 3 features.\n", "")
    page = page_with(claim("It refuses `4` features.", "snippets/vision/toy/wrong_width_fails.py:check"))
    root = make_tree(tmp_path, page, {"wrong_width_fails.py": source})
    [problem] = contracts.check_failure_modes(iter_pages(root), root)
    assert problem.path == "snippets/vision/toy/wrong_width_fails.py"
    assert "'Assumption:'" in problem.what and "Broken by:" in problem.fix


def test_a_page_without_a_failure_mode_is_reported(tmp_path: Path) -> None:
    root = make_tree(tmp_path, page_with(claim("It has 8.", "snippets/vision/toy/count.py:count")),
                     {"count.py": GOOD_SNIPPET})
    [problem] = contracts.check_failure_modes(iter_pages(root), root)
    assert problem.what == "the page demonstrates no failure mode"
    assert (root / problem.path).read_text().splitlines()[problem.line - 1] == "## Failure modes"


# --- a page started with the scaffold command --------------------------------------------

TRUE_CLAIM = '''\
"""A `Linear(3, 2)` layer has 3·2 weights and 2 biases."""
from torch import nn

# --8<-- [start:check]
layer = nn.Linear(3, 2)
got = sum(p.numel() for p in layer.parameters())
assert got == 3 * 2 + 2 == 8, f"expected 8, got {got}"
# --8<-- [end:check]
'''


def scaffolded(tmp_path: Path, sentence: str) -> tuple[Path, list]:
    """Scaffold a page, fill it with one true claim and one failure, and check it all."""
    from whyitworks.scaffold import scaffold

    root = tmp_path
    page_path, claim_path, failure_path = scaffold("vision", "toy", "Toy", root)
    text = page_path.read_text()
    text = text.replace("TODO: one sentence a reader could doubt, with the numbers its snippet asserts.", sentence)
    text = text.replace("TODO: what goes wrong, and by how much, when the assumption breaks.",
                        "A `Linear(3, 2)` layer refuses an input with `4` features.")
    page_path.write_text(text)
    claim_path.write_text(TRUE_CLAIM)
    failure_path.write_text(FAILING_SNIPPET)

    pages, snippets = iter_pages(root), iter_snippets(root)
    problems = [
        *contracts.check_includes(pages, root), *contracts.check_skeleton(pages),
        *contracts.check_claims_shape(pages, root), *contracts.check_every_snippet_shown(pages, snippets),
        *contracts.check_every_snippet_asserts(snippets), *contracts.check_failure_modes(pages, root),
    ]
    for claim in pages[0].claims:
        runs = [run_snippet(root / f, 0, root) for f in claim.files]
        assert all(r.passed for r in runs), [r.failure for r in runs]
        problems += contracts.check_claim_numbers(claim, runs, [parse_snippet(root / f, root) for f in claim.files])
    return page_path, problems


def test_a_scaffolded_page_filled_with_a_true_claim_passes(tmp_path: Path) -> None:
    _, problems = scaffolded(tmp_path, "A `Linear(3, 2)` layer has 8 parameters.")
    assert problems == [], problems


def test_a_scaffolded_page_with_a_false_claim_says_which_claim_and_where(tmp_path: Path) -> None:
    page_path, problems = scaffolded(tmp_path, "A `Linear(3, 2)` layer has 9 parameters.")
    [problem] = problems
    line = page_path.read_text().splitlines()[problem.line - 1]
    assert problem.path == "docs/vision/toy.md" and "has 9 parameters" in line
    assert 'the claim "A `Linear(3, 2)` layer has 9 parameters."' in problem.what


def test_an_unfilled_scaffold_fails_with_instructions(tmp_path: Path) -> None:
    from whyitworks.scaffold import scaffold

    _, claim_path, _ = scaffold("vision", "toy", "Toy", tmp_path)
    failure = run_snippet(claim_path, 0, tmp_path).failure
    assert failure is not None and failure.kind == "error"
    assert "NotImplementedError: write the check" in failure.message


def test_a_number_asserted_outside_the_claims_region_does_not_back_it(tmp_path: Path) -> None:
    source = GOOD_SNIPPET + "assert 9 == 3 * 3  # proves some other sentence\n"
    root = make_tree(tmp_path, page_with(claim("A `Linear(3, 2)` layer has 9 parameters.",
                                               "snippets/vision/toy/count.py:count")),
                     {"count.py": source})
    page = iter_pages(root)[0]
    run = run_snippet(root / "snippets/vision/toy/count.py", 0, root)
    assert 9 in run.values  # the file asserts 9 ...
    [problem] = contracts.check_claim_numbers(page.claims[0], [run], iter_snippets(root))
    assert "states 9 (a result)" in problem.what  # ... but not where the claim shows


def test_a_broken_link_and_a_broken_anchor_are_named_with_their_line(tmp_path: Path) -> None:
    page = page_with() + "\nSee [the other page](other.md) and [this section](#no-such-heading).\n"
    root = make_tree(tmp_path, page, {})
    problems = contracts.check_links(iter_pages(root), root)
    assert [p.what for p in problems] == [
        "the link 'other.md' points to docs/vision/other.md, which does not exist",
        "the link '#no-such-heading' names an anchor '#no-such-heading' that docs/vision/toy.md does not have",
    ]
    line = (root / "docs/vision/toy.md").read_text().splitlines()[problems[0].line - 1]
    assert "[the other page](other.md)" in line


def test_a_link_to_an_existing_heading_passes(tmp_path: Path) -> None:
    page = page_with() + "\nSee [the purpose](#purpose) and [mental model](toy.md#mental-model).\n"
    root = make_tree(tmp_path, page, {})
    assert contracts.check_links(iter_pages(root), root) == []


def test_a_claim_without_a_kind_or_with_an_unknown_tag_is_reported(tmp_path: Path) -> None:
    page = page_with(
        claim("It has 8.", "snippets/vision/toy/count.py:count").replace("!!! claim ", "!!! claim count fast-ness "),
        claim("It has 8.", "snippets/vision/toy/count.py:count"),
    )
    root = make_tree(tmp_path, page, {"count.py": GOOD_SNIPPET})
    problems = contracts.check_claim_classes(iter_pages(root))
    assert [p.what for p in problems] == [
        "unknown property tag(s) fast-ness",
        'the claim "It has 8." does not say what kind of claim it is',
    ]


@pytest.mark.parametrize(("source", "expected"), [
    ('import socket\nsocket.create_connection(("example.com", 80))\nassert True\n',
     "snippets/probe.py:2: the snippet tried to use the network; snippets run offline, so build the model"),
    ("x = {}['missing']\nassert x\n",
     "snippets/probe.py:1: the snippet is broken: it raised an exception that is not an assertion"),
])
def test_the_report_of_a_broken_snippet_names_file_line_and_fix(tmp_path: Path, source: str, expected: str) -> None:
    from tests.test_snippets import describe

    result = run_snippet(write(tmp_path, source), 0, tmp_path)
    assert describe(result).startswith(expected), describe(result)


def test_a_new_claim_shows_up_in_the_ledger_and_the_matrix(tmp_path: Path) -> None:
    from whyitworks.generated import ledger, matrix

    sentence = "A `Linear(3, 2)` layer has 8 parameters, whatever the batch."
    page = page_with(claim(sentence, "snippets/vision/toy/count.py:count").replace(
        "!!! claim ", "!!! claim count size-independent-parameters "))
    root = make_tree(tmp_path, page, {"count.py": GOOD_SNIPPET})
    pages = iter_pages(root)
    table = ledger(pages, "claims.md", root)
    assert sentence in table and "| count |" in table and "**1 claim** on 1 page, proven by 1 snippet:" in table
    row = next(line for line in matrix(pages, "matrix.md", root).splitlines() if line.startswith("| [Toy]"))
    assert "[holds](vision/toy.md#claim-count" in row and sentence in row


def test_a_pipe_in_a_claims_formula_or_prose_keeps_its_ledger_row_whole(tmp_path: Path) -> None:
    import re

    import markdown

    from whyitworks.generated import ledger

    sentence = "A `Linear(3, 2)` layer has 8 parameters, $\\|w\\| > 0$ and $|b| \\ge 0$ (a | b)."
    root = make_tree(tmp_path, page_with(claim(sentence, "snippets/vision/toy/count.py:count")),
                     {"count.py": GOOD_SNIPPET})
    table = ledger(iter_pages(root), "claims.md", root)
    html = markdown.markdown(table, extensions=["tables", "md_in_html", "pymdownx.arithmatex"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "Linear(3, 2)" in r)
    assert row.count("<td") == 4, row
    assert "\\(\\Vert{}w\\Vert{} &gt; 0\\)" in row and "\\(\\vert{}b\\vert{} \\ge 0\\)" in row and "(a | b)" in row, row


def test_a_matrix_cell_shows_its_claims_formula_rendered_in_its_tip_and_no_title_holds_tex(
        tmp_path: Path) -> None:
    import re

    import markdown

    from whyitworks.generated import matrix

    sentence = "A `Linear(3, 2)` layer has 8 parameters, $\\frac{16}{2}$ of them."
    page = page_with(claim(sentence, "snippets/vision/toy/count.py:count").replace(
        "!!! claim ", "!!! claim count size-independent-parameters "))
    root = make_tree(tmp_path, page, {"count.py": GOOD_SNIPPET})
    table = matrix(iter_pages(root), "matrix.md", root)
    html = markdown.markdown(table, extensions=["tables", "attr_list", "md_in_html", "pymdownx.arithmatex"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})
    titled = re.findall(r'title="([^"]*)"', html)
    assert not [t for t in titled if "$" in t or "\\" in t], f"TeX in a title attribute: {titled}"
    [tip_id] = re.findall(r'<small class="wiw-tip" role="tooltip" id="([^"]+)" data-search-exclude>', html)
    assert f'aria-describedby="{tip_id}"' in html, html
    assert '<span class="arithmatex">\\(\\frac{16}{2}\\)</span>' in html, html
    row = next(line for line in table.splitlines() if line.startswith("| [Toy]"))
    verdicts = [c.split("<small", 1)[0] for c in row.split(" | ")[1:]]
    assert verdicts[0].startswith("no check yet") and any(v.startswith("[holds](") for v in verdicts), verdicts


def test_every_page_is_on_the_home_map_and_a_new_one_appears_by_itself(tmp_path: Path) -> None:
    from whyitworks.generated import HOME_MAP_MARKER, home_map, markers_in, page_uri

    pages = iter_pages()
    shown = home_map(pages, "index.md")
    missing = [p.path for p in pages if p.is_architecture_page and f"]({page_uri(p)})" not in shown]
    assert not missing, f"pages missing from the home page's map: {missing}"
    assert HOME_MAP_MARKER in markers_in((ROOT / "docs" / "index.md").read_text(encoding="utf-8"))
    page = "---\ntags:\n  - locality\n---\n\n" + page_with(claim("It has 8.", "snippets/vision/toy/count.py:count"))
    root = make_tree(tmp_path, page, {"count.py": GOOD_SNIPPET})
    toy = home_map(iter_pages(root), "index.md", root)
    assert "**Vision**" in toy and '[Toy](vision/toy.md) <span class="wiw-assumes">locality</span>' in toy, toy


def test_a_formula_reaches_the_search_index_as_symbols_not_tex(tmp_path: Path) -> None:
    from material.plugins.search.plugin import Parser

    from whyitworks import markdown_ext

    html = markdown_ext.render_math(
        '<p>Its cost, <span class="arithmatex">\\(\\frac{n^2}{2}\\)</span>, grows.</p>', None, tmp_path)
    parser = Parser()
    parser.feed(html)
    parser.close()
    indexed = "".join(part for section in parser.data for part in section.text)
    assert "Its cost" in indexed and "grows" in indexed, indexed
    assert "\\frac" not in indexed and "n^2" not in indexed, f"TeX in the search index: {indexed}"
    assert "n" in indexed.split("Its cost", 1)[1], indexed  # the formula's symbols are kept


def test_a_formula_katex_cannot_parse_stops_the_build_naming_file_and_line(tmp_path: Path) -> None:
    from whyitworks import markdown_ext

    source = tmp_path / "docs" / "vision" / "toy.md"
    source.parent.mkdir(parents=True)
    source.write_text("# Toy\n\nA good one, $x^2$.\n\nA bad one, $\\frac{1}{$.\n")
    good = '<p><span class="arithmatex">\\(x^2\\)</span></p>'
    bad = good + '<p><span class="arithmatex">\\(\\frac{1}{\\)</span></p>'
    try:
        rendered = markdown_ext.render_math(good, "vision/toy.md", tmp_path)
        again = markdown_ext.render_math(rendered, "vision/toy.md", tmp_path)
        with pytest.raises(markdown_ext.BuildError) as raised:
            markdown_ext.render_math(bad, "vision/toy.md", tmp_path)
    finally:
        markdown_ext.RENDERER.close()
    assert 'class="katex"' in rendered and "\\(" not in rendered, rendered
    assert again == rendered, "a formula rendered once was rendered again"
    message = str(raised.value)
    assert message.startswith("docs/vision/toy.md:5: KaTeX cannot render the formula `\\frac{1}{`"), message
    assert "Fix the TeX" in message


def test_the_preview_shows_a_formula_katex_cannot_parse_instead_of_stopping(tmp_path: Path, monkeypatch) -> None:
    from whyitworks import markdown_ext

    source = tmp_path / "docs" / "vision" / "toy.md"
    source.parent.mkdir(parents=True)
    source.write_text("# Toy\n\nA bad one, $\\frac{1}{$.\n")
    bad = '<p><span class="arithmatex">\\(\\frac{1}{\\)</span></p>'
    monkeypatch.setattr(markdown_ext, "PREVIEW", True)
    try:
        shown = markdown_ext.render_math(bad, "vision/toy.md", tmp_path)
    finally:
        markdown_ext.RENDERER.close()
    assert shown.endswith(bad) and 'class="admonition failure"' in shown, shown
    assert "docs/vision/toy.md:3: KaTeX cannot render the formula" in shown and "Fix the TeX" in shown


def test_a_snippet_past_its_time_budget_is_stopped_and_named(tmp_path: Path, monkeypatch) -> None:
    import whyitworks.runner as runner

    path = write(tmp_path, """\
        while True:
            pass
    """)
    monkeypatch.setattr(runner, "TIME_BUDGET_S", 1)
    failure = run_snippet(path, 0, tmp_path).failure
    assert failure is not None and failure.kind == "budget", failure
    assert "ran past its 1 s budget" in failure.message and failure.line in (1, 2)


def test_a_snippet_finds_no_cached_weights(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        import os
        home = os.environ["TORCH_HOME"]
        assert os.listdir(home) == [], os.listdir(home)
        assert os.environ["HF_HUB_OFFLINE"] == "1"
    """)
    run = run_snippet(path, 0, tmp_path)
    assert run.passed, run.failure


def test_the_scaffold_adds_the_page_to_nav_under_its_family(tmp_path: Path) -> None:
    from whyitworks.scaffold import scaffold

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    scaffold("vision", "toy", "Toy: a page", tmp_path)
    config = (tmp_path / "mkdocs.yml").read_text()
    vision = config.index("  - Vision:")
    entry = config.index('      - "Toy: a page": vision/toy.md')
    assert vision < entry < config.index("  - Sequence:"), config[vision:entry + 60]
    scaffold("attention", "toy", "Toy attention", tmp_path)  # a section with a longer title
    config = (tmp_path / "mkdocs.yml").read_text()
    section = next(i for i, line in enumerate(config.splitlines()) if line.startswith("  - Attention"))
    lines = config.splitlines()
    after = next(i for i in range(section + 1, len(lines)) if not lines[i].startswith("      "))
    assert "      - Toy attention: attention/toy.md" in lines[section + 1:after], lines[section:after]
    assert config.count("  - Attention") == 1, "a second Attention section was added"
    # The rest of the file, comments and layout included, is as it was: two lines were added.
    original = (ROOT / "mkdocs.yml").read_text().splitlines()
    added = [line for line in lines if line.strip() in ('- "Toy: a page": vision/toy.md',
                                                         "- Toy attention: attention/toy.md")]
    assert [line for line in lines if line not in added] == original
    assert any(line.lstrip().startswith("#") for line in original)


@pytest.mark.parametrize(("sentence", "relations", "flipped"), [
    ("A stride-1 convolution commutes exactly with every circular shift.", ("equal",),
     "A stride-1 convolution does not commute with every circular shift."),
    ("The cost grows linearly in T.", ("linear", "greater"), "The cost grows quadratically in T."),
    ("Masking the future leaves the logits unchanged.", ("equal",), "Masking the future changes the logits."),
    ("Accuracy falls below 0.6 past the trained length.", ("less",),
     "Accuracy stays above 0.6 past the trained length."),
])
def test_a_flipped_sentence_disagrees_with_its_relation(sentence: str, relations: tuple, flipped: str) -> None:
    from whyitworks.meaning import sentence_problems

    assert sentence_problems(sentence, relations, "property") == []
    assert sentence_problems(flipped, relations, "property"), flipped


def test_a_negation_that_governs_no_relation_word_is_reported() -> None:
    from whyitworks.meaning import sentence_problems

    problem, *_ = sentence_problems("The pooled output does not move when the pattern does.", ("equal",), "count")
    assert "governs no word that says a relation" in problem and "does not move" in problem


def _number_problems(tmp_path: Path, sentence: str, snippet: str) -> list:
    """What the claim-numbers contract says of ``sentence`` over a one-region snippet."""
    root = make_tree(tmp_path, page_with(claim(sentence, "snippets/vision/toy/bound.py:bound")),
                     {"bound.py": snippet})
    run = run_snippet(root / "snippets/vision/toy/bound.py", 0, root)
    return contracts.check_claim_numbers(iter_pages(root)[0].claims[0], [run], iter_snippets(root))


BOUNDED_SNIPPET = '''\
"""A share that a bound keeps above 0.5.

Conditions: a fixed share; no training.
"""
FLOOR = 0.5

# --8<-- [start:bound]
share = 0.75
assert share > FLOOR, f"share {share}"
# --8<-- [end:bound]
'''


@pytest.mark.parametrize("sentence, flipped", [
    ("The share stays above 0.5.", False),
    ("The share stays below 0.5.", True),
    ("The share is no more than 0.5.", True),
    ("The share is not below 0.5.", False),
])
def test_the_word_before_a_bound_must_say_which_side_the_check_keeps(
        tmp_path: Path, sentence: str, flipped: bool) -> None:
    """The number tie alone accepts "below 0.5" for ``assert share > 0.5``: the value is
    compared either way. The direction tie reads the word before the number."""
    problems = _number_problems(tmp_path, sentence, BOUNDED_SNIPPET)
    assert bool(problems) == flipped, problems
    if flipped:
        assert "which side" in problems[0].fix and "0.5" in problems[0].what


TWO_BOUNDS_SNIPPET = '''\
"""Two shares, each kept above a bound of its own.

Conditions: fixed shares; no training.
"""

# --8<-- [start:bound]
first, second = 0.75, 0.62
assert first > 0.5, f"first {first}"
assert second > 0.4, f"second {second}"
# --8<-- [end:bound]
'''


@pytest.mark.parametrize("sentence, overused", [
    ("The first share stays above 0.5 and the second above 0.4.", False),
    ("The first share stays above 0.5 and the second above 0.5.", True),  # 0.4 nudged onto 0.5
])
def test_each_bound_a_sentence_states_needs_a_comparison_of_its_own(
        tmp_path: Path, sentence: str, overused: bool) -> None:
    """Both sentences pass the number and direction ties: 0.5 is compared, and kept above.
    Only a one-to-one match of stated bounds to the check's bounds sees that the second
    "above 0.5" has no assert of its own."""
    problems = _number_problems(tmp_path, sentence, TWO_BOUNDS_SNIPPET)
    assert bool(problems) == overused, problems
    if overused:
        assert "'above 0.5' 2 times" in problems[0].what and "its own assert" in problems[0].fix


COMPUTED_BOUND_SNIPPET = '''\
"""A share kept above a bound the check computes.

Conditions: a fixed share; no training.
"""

# --8<-- [start:bound]
share, floor = 0.75, 0.25 * 2
assert share > floor, f"share {share}"
# --8<-- [end:bound]
'''


@pytest.mark.parametrize("sentence, loose", [
    ("The share stays above 0.5.", False),  # the computed bound, read from the run
    ("The share stays above 0.75.", True),  # 0.75 is compared, but only as the measured share
])
def test_a_number_a_bound_word_governs_must_be_a_bound_of_the_check(
        tmp_path: Path, sentence: str, loose: bool) -> None:
    """The number tie accepts any compared value, so "above 0.75" passes it: the share itself
    is 0.75. Only a bound the check sets, written or computed, may follow a bound word."""
    problems = _number_problems(tmp_path, sentence, COMPUTED_BOUND_SNIPPET)
    assert bool(problems) == loose, problems
    if loose:
        assert "only a measured value" in problems[0].what and "assert against it" in problems[0].fix


def test_a_checked_prose_figure_must_say_the_same_side_as_its_claims_bound(tmp_path: Path) -> None:
    from whyitworks import figures

    box = claim("The share stays above 0.5.", "snippets/vision/toy/bound.py:bound")
    for text, flipped in (("above 0.5", False), ("below 0.5", True)):
        page = page_with(box).replace("## Purpose\n\nText.",
                                      f"## Purpose\n\nThe share stays [{text}](#claim-bound).")
        root = make_tree(tmp_path / text.replace(" ", "_"), page, {"bound.py": BOUNDED_SNIPPET})
        problems = [p for p in figures.check_page(iter_pages(root)[0], root) if "side" in p.fix]
        assert bool(problems) == flipped, problems


# --- rendering: what both engines run (whyitworks.markdown_ext, whyitworks.engines) ----

def test_the_extension_knows_the_page_under_either_engine() -> None:
    from types import SimpleNamespace

    from whyitworks.markdown_ext import page_uri

    mkdocs = SimpleNamespace(treeprocessors=[SimpleNamespace(file=SimpleNamespace(src_uri="vision/cnn.md"))],
                             preprocessors=[])
    zensical = SimpleNamespace(treeprocessors=[], preprocessors=[SimpleNamespace(page=SimpleNamespace(path="vision/cnn.md"))])
    neither = SimpleNamespace(treeprocessors=[SimpleNamespace()], preprocessors=[SimpleNamespace()])
    assert page_uri(mkdocs) == page_uri(zensical) == "vision/cnn.md"
    assert page_uri(neither) is None


def test_a_claim_box_gets_its_anchor_conditions_and_check_link(tmp_path: Path) -> None:
    from whyitworks.markdown_ext import render_page

    snippet = GOOD_SNIPPET.replace('parameters."""', 'parameters.\n\nConditions: exact count, no training."""')
    page = page_with(claim("A `Linear(3, 2)` layer has 8 parameters.", "snippets/vision/toy/count.py:count"))
    root = make_tree(tmp_path, page, {"count.py": snippet})
    text = (root / "docs" / "vision" / "toy.md").read_text()
    out = render_page(text, "vision/toy.md", root)
    assert '<a id="claim-count"></a>' in out
    assert "**Checked under:** Conditions: exact count" not in out and "**Checked under:** exact count, no training." in out
    assert "[full check: `count.py`](../checks/vision/toy.md#count)" in out
    assert "has a check that this checkout has not run yet" in out  # no record yet
    assert render_page("no claims here", "checks/vision/toy.md", root) == "no claims here"


def test_a_page_whose_table_was_not_generated_stops_the_build(tmp_path: Path) -> None:
    from whyitworks.markdown_ext import BuildError, render_page

    root = make_tree(tmp_path, "# Toy\n\n<!-- comparison-matrix -->\n", {})
    with pytest.raises(BuildError, match="prebuild"):
        render_page("# Toy\n\n<!-- comparison-matrix -->\n", "vision/toy.md", root)


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for name, article in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body><nav>theme</nav><article>{article}</article></body></html>")
    return folder


def test_the_engine_comparison_notices_each_kind_of_difference(tmp_path: Path) -> None:
    from whyitworks.engines import compare

    prose = " ".join(f"word{i}" for i in range(200))
    page = (f"<p>{prose}</p><table><tr><td>holds 0.91</td></tr></table>"
            '<span class="arithmatex"><span class="katex">x</span></span>'
            '<img src="../figures/vision/toy/f.svg"><a id="claim-count"></a>'
            '<p class="wiw-check-link">check</p>')
    mk = _site(tmp_path / "mk", {"index.html": page, "vision/toy/index.html": page,
                                 "figures/vision/toy/f.svg": "<svg/>"})
    same = _site(tmp_path / "same", {"index.html": page, "vision/toy/index.html": page,
                                     "figures/vision/toy/f.svg": "<svg/>"})
    (same / "index.html").write_text((same / "index.html").read_text().replace("theme", "another theme"))
    assert compare(mk, same).problems() == []
    broken = {
        "only in the MkDocs build": ("vision/toy/index.html", None),
        "less than 0.98 alike": ("index.html", page.replace(prose, prose[:len(prose) // 2])),
        "its tables differ": ("index.html", page.replace("holds 0.91", "holds 0.19")),
        "KaTeX elements": ("index.html", page.replace('<span class="katex">x</span>', "\\(x\\)")),
        "figures": ("index.html", page.replace('<img src="../figures/vision/toy/f.svg">', "")),
        "claim anchors": ("index.html", page.replace('<a id="claim-count"></a>', "")),
        "another host": ("index.html", page + '<script src="https://cdn.example.org/x.js"></script>'),
    }
    for problem, (name, article) in broken.items():
        other = _site(tmp_path / problem.replace(" ", "_"), {"index.html": page, "vision/toy/index.html": page,
                                                         "figures/vision/toy/f.svg": "<svg/>"})
        if article is None:
            (other / name).unlink()
        else:
            (other / name).write_text(f"<html><body><article>{article}</article></body></html>")
        found = compare(mk, other).problems()
        assert any(problem in p for p in found), (problem, found)


def test_a_helper_docstring_the_site_cannot_render_is_named_with_its_line(tmp_path: Path) -> None:
    from whyitworks.contracts import check_docstrings_render

    helper = tmp_path / "snippets" / "vision" / "toy" / "_helper.py"
    helper.parent.mkdir(parents=True)
    helper.write_text('"""A helper."""\n\n\ndef good(x: int) -> int:\n    """Twice.\n\n    Returns:\n'
                      '        twice x.\n    """\n    return 2 * x\n\n\ndef bad(x):\n    """Thrice.\n\n'
                      '    Returns:\n        thrice x.\n    """\n    return 3 * x\n')
    problems = check_docstrings_render(["snippets.vision.toy._helper"], tmp_path)
    assert [(p.path, p.line) for p in problems] == [("snippets/vision/toy/_helper.py", 17)], problems
    assert "returned value" in problems[0].what


def test_one_reading_of_fences_for_every_check(tmp_path: Path) -> None:
    """A four-backtick fence that shows a three-backtick one is one fence, for the parser,
    the link check and the prose-figure check alike."""
    from whyitworks.figures import scan
    from whyitworks.pages import parse_markdown

    text = ("# Toy\n\n````markdown\nAn example: [a link](missing.md), 1,792 parameters.\n\n"
            "    ```python\n    x = 1\n    ```\n[another](missing.md), 1,793 parameters.\n````\n\n"
            "After the fence, [a real one](gone.md).\n")
    root = make_tree(tmp_path, text, {})
    page = parse_markdown(text, "docs/vision/toy.md")
    assert set(page.fenced) == {4, 5, 6, 7, 8, 9} and page.fence_lines == {3, 10}, (page.fenced, page.fence_lines)
    links = contracts.check_links([page], root)
    assert [p.line for p in links] == [12], links
    figures, _ = scan(page, root)
    assert not any(f.line in page.fenced for f in figures), figures


def test_contributing_names_every_family() -> None:
    """The contributing guide's list of families is the harness's: a family added to
    ``layout.FAMILIES`` and not to the guide leaves contributors guessing where a page goes."""
    import re

    from whyitworks.layout import FAMILIES

    text = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("Families: "))
    assert tuple(re.findall(r"`(\w+)`", line)) == FAMILIES, line


def test_a_docstring_the_site_renders_wrongly_without_a_warning_is_named(tmp_path: Path) -> None:
    """A Sphinx role and ``>>>`` lines under ``Example:`` render without a warning, as
    literal text and as nested quotes: the contract names both, with their lines."""
    from whyitworks.contracts import check_docstrings_render

    helper = tmp_path / "snippets" / "vision" / "toy" / "_helper.py"
    helper.parent.mkdir(parents=True)
    helper.write_text('"""A helper; see :func:`twice`."""\n\n\ndef twice(x: int) -> int:\n    """Twice.\n\n'
                      '    Example:\n        >>> twice(2)\n        4\n    """\n    return 2 * x\n\n\n'
                      'def thrice(x: int) -> int:\n    """Thrice.\n\n    Examples:\n        >>> thrice(2)\n'
                      '        6\n    """\n    return 3 * x\n')
    problems = check_docstrings_render(["snippets.vision.toy._helper"], tmp_path)
    assert [(p.path, p.line) for p in problems] == [("snippets/vision/toy/_helper.py", 1),
                                                   ("snippets/vision/toy/_helper.py", 8)], problems
    assert "Sphinx role" in problems[0].what and "``twice``" in problems[0].fix
    assert "Examples:" in problems[1].fix


def test_the_contract_reads_docstrings_as_the_site_does() -> None:
    """The docstring contract parses with the options the site's mkdocstrings uses, so a
    Returns that wraps over lines is one row on the site and one item for the contract."""
    import yaml

    from whyitworks.contracts import DOCSTRING_OPTIONS

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plugin = next(p["mkdocstrings"] for p in config["plugins"] if isinstance(p, dict) and "mkdocstrings" in p)
    options = plugin["handlers"]["python"]["options"]
    assert options.get("docstring_options") == DOCSTRING_OPTIONS, options


def test_the_build_documents_each_helper_where_it_belongs(tmp_path: Path) -> None:
    """A topic's helper on its checks page, a shared one where the shared-helpers marker
    is, one a reference page names there alone, and one in a folder with no check
    nowhere, which the contract reports."""
    from whyitworks.generated import SHARED_HELPERS_MARKER, helper_homes, shared_helpers
    from whyitworks.prebuild import Output, checks_pages

    page = page_with(claim("A `Linear(3, 2)` layer has 8 parameters.", "snippets/vision/toy/count.py:count"))
    root = make_tree(tmp_path, page, {"count.py": GOOD_SNIPPET, "_helper.py": '"""A helper."""\n',
                                      "_named.py": '"""Named by a reference page."""\n',
                                      "_figures.py": '"""Drawn, not documented."""\n'})
    (root / "snippets" / "_shared.py").write_text('"""Shared by topics."""\n')
    (root / "snippets" / "vision" / "lonely").mkdir()
    (root / "snippets" / "vision" / "lonely" / "_orphan.py").write_text('"""No check imports it."""\n')
    (root / "docs" / "reference").mkdir()
    (root / "docs" / "reference" / "index.md").write_text(f"# Reference\n\n{SHARED_HELPERS_MARKER}\n")
    (root / "docs" / "reference" / "code.md").write_text("# Code\n\n::: snippets.vision.toy._named\n")
    pages, snippets = iter_pages(root), iter_snippets(root)
    assert helper_homes(pages, snippets, root) == {
        "snippets._shared": "reference/index.md",
        "snippets.vision.lonely._orphan": None,
        "snippets.vision.toy._helper": "checks/vision/toy.md",
        "snippets.vision.toy._named": "reference/code.md",
    }
    checks_pages(Output(root), pages)
    written = (root / "docs" / "checks" / "vision" / "toy.md").read_text()
    assert "## Helper modules { #helper-modules }" in written and "::: snippets.vision.toy._helper\n" in written
    assert "_named" not in written and "_figures" not in written
    assert shared_helpers(pages, "reference/index.md", root).startswith("::: snippets._shared\n")
    problems = contracts.check_library_documented(pages, snippets, root)
    assert [(p.path, p.line) for p in problems] == [("snippets/vision/lonely/_orphan.py", 1)], problems


def test_a_long_claim_folds_its_set_up_and_keeps_its_asserts_in_view(tmp_path: Path) -> None:
    """More than twelve lines shown: the lines before the statement that holds the first
    assert (and the comment above it) go into a collapsed block that says what it holds;
    the rest, asserts included, stays in the claim's own fence. A short claim is left as written."""
    from whyitworks.markdown_ext import render_page

    setup = "".join(f"w{i} = {i}\n" for i in range(12))
    long = ('"""Twelve weights add up.\n\nConditions: exact integers."""\nimport math\n\n'
            "# --8<-- [start:sum]\nfrom torch import nn\n\n" + setup + "\n# the sum, checked\n"
            "for got in [sum([w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11])]:\n"
            "    assert got == 66, got\n# --8<-- [end:sum]\n")
    page = page_with(claim("Twelve weights add up to 66.", "snippets/vision/toy/long.py:sum"),
                     claim("A `Linear(3, 2)` layer has 8 parameters.", "snippets/vision/toy/count.py:count"))
    root = make_tree(tmp_path, page, {"long.py": long, "count.py": GOOD_SNIPPET})
    out = render_page(page, "vision/toy.md", root)
    lines = long.splitlines()
    first_setup, comment = lines.index("from torch import nn") + 1, lines.index("# the sum, checked") + 1
    assert '??? wiw-setup "Set-up, 13 lines: imports; defines `w0`, `w1`, `w2`, `w3`, `w4` and 7 more"' in out, out
    assert f'--8<-- "snippets/vision/toy/long.py:{first_setup}:{comment - 2}"' in out, out
    assert f'--8<-- "snippets/vision/toy/long.py:{comment}:{comment + 2}"' in out, out
    assert '--8<-- "snippets/vision/toy/count.py:count"' in out  # short: as written


# --- the verification line ----------------------------------------------------------------

def test_the_verification_line_before_the_first_run_and_after_it(tmp_path: Path) -> None:
    """Before any run the line says the checks exist and have not run here, with a command
    that runs them; it never says the claims 'have not been checked' under their marks; one
    claim is 'the claim', in the singular; after a run, it says when they were verified."""
    from whyitworks import verification

    one = page_with(claim("A `Linear(3, 2)` layer has 8 parameters.", "snippets/vision/toy/count.py:count"))
    root = make_tree(tmp_path, one, {"count.py": GOOD_SNIPPET})
    page = iter_pages(root)[0]
    line = verification.status_line(page, root)
    assert line.startswith("The claim on this page has a check that this checkout has not run yet"), line
    assert 'make test ARGS="-k docs/vision/toy.md"' in line and "claims" not in line, line
    assert "have not been checked" not in line

    verification.save({page.path: (1, 0)}, {page.path: page}, root)
    line = verification.status_line(page, root)
    assert line.startswith("The claim on this page was verified on "), line

    two = one + "\n" + claim("The layer has 8 parameters again.", "snippets/vision/toy/count.py:count")
    (root / page.path).write_text(two)
    page = iter_pages(root)[0]
    assert "changed after its 2 claims were last checked" in verification.status_line(page, root)
    (root / verification.RECORD).unlink()
    line = verification.status_line(page, root)
    assert line.startswith("The 2 claims on this page have checks that this checkout has not run yet"), line
    verification.save({page.path: (1, 1)}, {page.path: page}, root)
    assert verification.status_line(page, root).startswith("1 of the 2 claims on this page held")


# --- the preview (mkdocs serve) -------------------------------------------------------------

def test_the_preview_shows_a_broken_include_on_the_page_and_the_build_still_stops(tmp_path: Path) -> None:
    """Under serve, an include of a missing file is listed at the top of the page with its
    file, line and fix, and the page renders with check_paths on; without the preview the
    same include stops Python-Markdown, as it stops `mkdocs build --strict`."""
    import markdown
    from pymdownx.snippets import SnippetMissingError

    from whyitworks.mkdocs_hooks import preview

    text = page_with(claim("A `Linear(3, 2)` layer has 8 parameters.", "snippets/vision/toy/cuont.py:count"))
    root = make_tree(tmp_path, text, {"count.py": GOOD_SNIPPET})
    source = root / "docs" / "vision" / "toy.md"
    shown = preview(text, source, "vision/toy.md", True, root)
    include_line = text.splitlines().index('    --8<-- "snippets/vision/toy/cuont.py:count"') + 1
    assert '!!! failure "This page has' in shown
    assert f"`docs/vision/toy.md:{include_line}`: the include" in shown and "How to fix:" in shown

    def render(md_text: str) -> str:
        return markdown.Markdown(
            extensions=["admonition", "pymdownx.superfences", "pymdownx.snippets"],
            extension_configs={"pymdownx.snippets": {"base_path": [str(root)], "check_paths": True}},
        ).convert(md_text)

    html = render(shown)
    assert "This page has" in html and "not found (see the top of the page)" in html
    with pytest.raises(SnippetMissingError):
        render(text)


def test_the_preview_leaves_a_sound_page_alone_and_names_one_missing_from_nav() -> None:
    from whyitworks.mkdocs_hooks import preview
    from whyitworks.pages import parse_page

    source = ROOT / "docs" / "vision" / "cnn.md"
    body = "\n".join(parse_page(source).lines)
    assert preview(body, source, "vision/cnn.md", True) == body
    missing = preview(body, source, "vision/cnn.md", False)
    assert '!!! failure "This page has 1 problem ' in missing
    assert "`mkdocs.yml:1`: docs/vision/cnn.md is not in `nav`" in missing and "- Title: vision/cnn.md" in missing


def test_the_preview_rebuilds_a_page_when_what_it_includes_changes(tmp_path: Path) -> None:
    """Under `serve --dirty` MkDocs rebuilds only pages whose own file changed; the hook
    adds those whose included snippet, auto-appended include or config changed."""
    import os
    from types import SimpleNamespace

    from whyitworks import mkdocs_hooks

    text = page_with(claim("A `Linear(3, 2)` layer has 8 parameters.", "snippets/vision/toy/count.py:count"))
    root = make_tree(tmp_path, text, {"count.py": GOOD_SNIPPET})
    (root / "includes").mkdir()
    (root / "includes" / "abbreviations.md").write_text("*[MLP]: multilayer perceptron\n")
    (root / "mkdocs.yml").write_text("site_name: toy\n")

    class Config(dict):
        config_file_path = str(root / "mkdocs.yml")

    config = Config(mdx_configs={"pymdownx.snippets": {"auto_append": ["includes/abbreviations.md"]}})
    source = root / "docs" / "vision" / "toy.md"
    names = {p.relative_to(root).as_posix() for p in mkdocs_hooks.inputs_of(source, config, root)}
    assert {"snippets/vision/toy/count.py", "includes/abbreviations.md", "mkdocs.yml"} <= names
    assert "build/verification.json" in names  # the page has claims: its status line reads the record

    # A page built after everything it reads is left alone; once its snippet changes, its
    # output is made old, so MkDocs' dirty build renders it again.
    output = tmp_path / "site" / "vision" / "toy" / "index.html"
    output.parent.mkdir(parents=True)
    output.write_text("<html></html>")
    built = source.stat().st_mtime + 10
    os.utime(output, (built, built))
    for name in names - {"build/verification.json"}:
        os.utime(root / name, (built - 20, built - 20))
    page_file = SimpleNamespace(src_uri="vision/toy.md", abs_dest_path=str(output), abs_src_path=str(source))
    files = SimpleNamespace(documentation_pages=lambda: [page_file])
    mkdocs_hooks.COMMAND[:] = ["serve"]
    try:
        mkdocs_hooks.on_files(files, config, root)
        assert output.stat().st_mtime == built, "nothing it reads changed, yet it was marked"
        os.utime(root / "snippets" / "vision" / "toy" / "count.py", (built + 5, built + 5))
        mkdocs_hooks.on_files(files, config, root)
        assert output.stat().st_mtime == 0, "its snippet changed, but the page was not marked for rebuilding"
    finally:
        mkdocs_hooks.COMMAND[:] = []


def test_plain_names_in_code_are_unwrapped_only_where_material_colours_them_as_code() -> None:
    """The Markdown extension drops Pygments' <span class="n"> around plain names: safe only
    while Material colours `.n` with the code's own colour and no stylesheet here changes it."""
    import re

    import material

    from whyitworks.markdown_ext import PLAIN_NAME

    styles = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    css = "".join(p.read_text(encoding="utf-8") for p in styles.glob("*.css"))
    rule = re.search(r"\.highlight \.n(?=[,{])[^{}]*\{color:var\((--[\w-]+)\)\}", css)
    assert rule and rule.group(1) == "--md-code-hl-name-color", "Material no longer colours .n by the name colour"
    values = set(re.findall(r"--md-code-hl-name-color:([^;}]+)", css))
    assert values == {"var(--md-code-fg-color)"}, values
    ours = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "assets").rglob("*.css"))
    assert "--md-code-hl-name-color" not in ours and not re.search(r"\.highlight \.n\b", ours)
    assert PLAIN_NAME.sub(r"\1", '<span class="n">idx</span><span class="o">=</span>') == 'idx<span class="o">=</span>'


def test_checks_pages_say_which_snippets_print() -> None:
    """The checks page tells a reader whether a snippet prints when run alone; the line it
    reads (prebuild.PRINTS) must agree with the snippet's syntax tree on every snippet."""
    import ast

    from whyitworks.prebuild import PRINTS

    for snippet in iter_snippets():
        calls = {node.func.id for node in ast.walk(ast.parse(snippet.source))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert bool(PRINTS.search(snippet.source)) == ("print" in calls), snippet.path
