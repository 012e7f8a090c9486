"""Every contract of the registry, on a small tree with exactly one mistake.

A good tree passes every contract; each mistake below breaks one thing, and the
contract named beside it must report it with the file and line where it is and a fix.
A contract added to ``whyitworks.lint.CONTRACTS`` without a mistake here fails
``test_every_contract_has_a_one_mistake_test``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from whyitworks import lint
from whyitworks.contributing import render
from whyitworks.layout import ROOT, SKELETON
from whyitworks.pages import iter_pages
from whyitworks.snippets import iter_snippets

PAGE = "docs/vision/toy.md"
COUNT = "snippets/vision/toy/count.py"
FAILS = "snippets/vision/toy/wide_input_fails.py"
PUBLISHED = "snippets/vision/toy/published.toml"

COUNT_SOURCE = '''\
"""A linear layer's parameters: a weight per input-output pair and a bias per output.

Conditions: exact integer count; no training, no data.
"""
from torch import nn

# --8<-- [start:count]
layer = nn.Linear(3, 2)
got = sum(p.numel() for p in layer.parameters())
expected = 3 * 2 + 2  # weights + biases
assert got == expected == 8, f"expected {expected}, got {got}"
# --8<-- [end:count]
'''

FAILS_SOURCE = '''\
"""A linear layer built for three features cannot take four.

Assumption: every input has the width the layer was built for.
Broken by: an input one feature wider.
Conditions: a `Linear(3, 2)` at initialisation, one input of four zeros; no training.
"""
import torch
from torch import nn

# --8<-- [start:check]
layer = nn.Linear(3, 2)
try:
    layer(torch.zeros(1, 4))
    raised = False
except RuntimeError:
    raised = True
assert raised is True, "the wider input went through"
# --8<-- [end:check]
'''


def claim_box(header: str, target: str) -> str:
    return f'!!! claim {header}\n\n    ```python\n    --8<-- "{target}"\n    ```\n'


GOOD_PAGE = "\n".join([
    "---", "description: A toy page for the harness's own tests.", "---", "", "# Toy", "",
    '!!! abstract "In one minute"', "",
    "    A toy layer maps a few features to fewer. It works because every input has the width it",
    "    was built for. An input of another width is refused, as GPT-2 would refuse it.", "",
    "## Purpose", "",
    "A `Linear(3, 2)` layer has [8 parameters](#claim-count); the figure [[cite:toy_width]] is cited.",
    "",
    *[f"## {h}\n\nText.\n" for h in SKELETON[1:5]],
    "## Failure modes", "",
    claim_box('failure-mode raises "A `Linear(3, 2)` layer raises an error on an input of `4` features."',
              f"{FAILS}:check"),
    '!!! question "Predict"', "", "    Will the layer take a wider input?", "",
    claim_box('failure-mode raises "It raises: a `Linear(3, 2)` layer raises an error on an input of `4` features."',
              f"{FAILS}:check").replace("!!! claim", "??? claim"),
    "## Checks", "",
    claim_box('count equal "A `Linear(3, 2)` layer has 8 parameters."', f"{COUNT}:count"),
    "## References", "", "- Toy 2020, Table 1, with 99 of something.", "",
])


def good_tree(root: Path) -> Path:
    files = {
        PAGE: GOOD_PAGE, COUNT: COUNT_SOURCE, FAILS: FAILS_SOURCE,
        PUBLISHED: '[toy_width]\nvalue = "3 features"\nsource = "Toy 2020, Table 1"\n',
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "docs/contributing.md").write_text(
        "---\ndescription: How to add a page.\n---\n\n# Contributing\n\nWrite a page, then its checks.\n")
    (root / "CONTRIBUTING.md").write_text(render(root), encoding="utf-8")
    shutil.copytree(ROOT / "whyitworks" / "templates", root / "whyitworks" / "templates")
    return root


def problems_of(root: Path, name: str):
    contract = next(c for c in lint.CONTRACTS if c.name == name)
    pages, snippets = iter_pages(root), iter_snippets(root)
    if contract.scope == "page":
        return [p for page in pages for p in contract.check(page, root)]
    if contract.scope == "snippet":
        return [p for s in snippets for p in contract.check(s, root)]
    if contract.scope == "claim":
        found = []
        for page in pages:
            for claim in page.claims:
                runs, parsed = lint.claim_inputs(claim, 0, root)
                found += contract.check(claim, runs, parsed, root)
        return found
    return contract.check(pages, snippets, root)


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"the mistake's anchor {old!r} is not in {path}"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def add(path: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return apply


# contract name → (the one mistake, the file it must name, a word of the line it must name)
MISTAKES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "includes resolve": (edit(PAGE, f"{COUNT}:count", f"{COUNT}:counts"), PAGE, "counts"),
    "skeleton headings": (edit(PAGE, "## Limitations", "## Limits"), PAGE, "Assumptions"),
    "claims show their assert": (edit(COUNT, "# --8<-- [start:count]\nlayer", "layer"), PAGE, "has 8"),
    "claim boxes hold only their check": (
        edit(PAGE, '    --8<-- "snippets/vision/toy/count.py:count"\n    ```\n',
             '    --8<-- "snippets/vision/toy/count.py:count"\n    ```\n\n    It also has 9 more.\n'),
        PAGE, "9 more"),
    "claims name their kind": (edit(PAGE, "count equal", "tally equal"), PAGE, "has 8"),
    "failure modes demonstrated": (edit(FAILS, "Assumption: every", "Every"), FAILS, '"""'),
    "figures checked, cited or set-up": (edit(PAGE, "Text.\n\n## Limitations", "It trains 300 steps.\n\n## Limitations"),
                                         PAGE, "300 steps"),
    "page has a description": (edit(PAGE, "description: A toy", "summary: A toy"), PAGE, "---"),
    "an 'in one minute' summary": (edit(PAGE, "maps a few features", "maps 12 features"), PAGE,
                                   "12 features"),
    "a prediction to make": (edit(PAGE, '!!! question "Predict"', '!!! note "Think"'), PAGE, "Failure modes"),
    "no template text left": (edit(PAGE, "Text.\n\n## Limitations",
                                   "Where it is the wrong tool, and what to pick instead.\n\n## Limitations"),
                              PAGE, "wrong tool"),
    "section markers pair up": (edit(COUNT, "# --8<-- [end:count]", "# --8<-- [end:cout]"), COUNT, "end:cout"),
    "snippet asserts": (edit(COUNT, "assert got == expected == 8", "print(got == expected == 8)"), COUNT, '"""'),
    "conditions stated": (edit(COUNT, "Conditions: exact", "Exact"), COUNT, '"""'),
    "assert hygiene": (edit(COUNT, "assert got == expected == 8", "assert got == 8 or 9"), COUNT, "or 9"),
    "private helpers stay in their topic": (
        edit(COUNT, "from torch import nn\n", "from torch import nn\nfrom snippets.vision.other._helper import x\n"),
        COUNT, "_helper"),
    "claim numbers asserted": (edit(PAGE, 'equal "A `Linear(3, 2)` layer has 8', 'equal "A `Linear(3, 2)` layer has 9'),
                               PAGE, "has 9"),
    "claim meaning tied": (edit(PAGE, 'raises "A `Linear(3, 2)` layer raises an error',
                                'raises "A `Linear(3, 2)` layer does not raise an error'), PAGE, "does not raise"),
    "shown asserts run": (edit(COUNT, "assert got == expected == 8", "if got > 100:\n    assert got == expected == 8\nassert got > 0"),
                          COUNT, "assert got"),
    "every snippet shown": (add("snippets/vision/toy/orphan.py", '"""Shown nowhere.\n\nConditions: none.\n"""\nassert 1 + 1 == 2\n'),
                            "snippets/vision/toy/orphan.py", '"""'),
    # A topic's helper is documented on its checks page; one in a folder with no check has none.
    "helpers documented": (add("snippets/vision/unchecked/_helper.py", '"""A helper no check imports."""\n'),
                           "snippets/vision/unchecked/_helper.py", '"""'),
    "no helper API on reading pages": (
        edit(PAGE, "## Checks\n", "## Checks\n\n::: snippets.vision.toy._helper\n    options:\n      heading_level: 3\n"),
        PAGE, "snippets.vision.toy._helper"),
    "helper docstrings render": (
        add("snippets/vision/toy/_thrice.py",
            '"""A helper."""\n\n\ndef thrice(x):\n    """Three times x.\n\n    Returns:\n        thrice x.\n    """\n'
            "    return 3 * x\n"),
        "snippets/vision/toy/_thrice.py", "thrice x."),
    "links and anchors resolve": (edit(PAGE, "(#claim-count)", "(#claim-counts)"), PAGE, "claim-counts"),
    "CONTRIBUTING.md in step": (lambda root: (root / "CONTRIBUTING.md").write_text("stale\n"), "CONTRIBUTING.md", "stale"),
    "published figures have sources": (edit(PUBLISHED, 'source = "Toy 2020, Table 1"\n', ""), PUBLISHED, "[toy_width]"),
}


def test_every_contract_has_a_one_mistake_test() -> None:
    names = {c.name for c in lint.CONTRACTS}
    assert names == set(MISTAKES), (
        f"contracts without a one-mistake test: {sorted(names - set(MISTAKES))}; "
        f"mistakes for no contract: {sorted(set(MISTAKES) - names)}"
    )


def test_the_good_tree_passes_every_contract(tmp_path: Path) -> None:
    root = good_tree(tmp_path)
    for contract in lint.CONTRACTS:
        assert problems_of(root, contract.name) == [], contract.name


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_one_mistake_is_reported_with_file_line_and_fix(tmp_path: Path, name: str) -> None:
    root = good_tree(tmp_path)
    mistake, path, word = MISTAKES[name]
    mistake(root)
    problems = problems_of(root, name)
    assert problems, f"the contract '{name}' did not notice the mistake"
    problem = problems[0]
    assert problem.path == path, (problem.path, path)
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    assert 1 <= problem.line <= len(lines), problem
    window = "\n".join(lines[max(0, problem.line - 2):problem.line + 1])
    assert word in window, f"{problem} does not point at the mistake ({word!r} near line {problem.line})"
    assert problem.fix and problem.what, problem


def _drift_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("drift", ROOT / "scripts" / "drift.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_edit_the_drift_script_makes_to_the_good_tree_is_caught(tmp_path: Path) -> None:
    """The drift script's three kinds of edit, on a page whose checks hold: each one is caught."""
    from collections import Counter

    drift = _drift_module()
    root = good_tree(tmp_path)
    totals = {kind: Counter() for kind in drift.KINDS}
    survivors: list[str] = []
    drift.drift_page(PAGE, root, totals, survivors)
    # A nudged set-up number that happens to be another literal of the shown code
    # (`Linear(3, 2)` → `Linear(4, 2)` beside a `zeros(1, 4)`) is the tie's known blind
    # spot; every other edit must be caught.
    assert [s for s in survivors if "set-up" not in s] == [], survivors
    for kind in ("claim numbers: results", "prose figures: checked", "meaning flips"):
        assert totals[kind]["caught"] > 0 and totals[kind]["survived"] == 0, (kind, totals[kind])


@pytest.mark.parametrize("old, new, says", [
    ('!!! abstract "In one minute"', '!!! note "In one minute"', "does not open with"),
    ("An input of another width is refused", "An input of another width is refused. Always. Every time. Really",
     "sentence(s)"),
    ("maps a few features", "maps $k^2$ features", "states a figure (2)"),
])
def test_a_summary_that_is_missing_long_or_measures_is_named(tmp_path: Path, old: str, new: str, says: str) -> None:
    """The summary contract's other mistakes: no block under the title, too many
    sentences, a figure hidden in a formula. Each is named at the summary, with a fix."""
    root = good_tree(tmp_path)
    edit(PAGE, old, new)(root)
    [problem] = problems_of(root, "an 'in one minute' summary")
    assert says in problem.what, problem
    lines = (root / PAGE).read_text(encoding="utf-8").splitlines()
    assert "In one minute" in lines[problem.line - 1] or new.split()[-1] in lines[problem.line - 1], problem


def test_a_number_mismatch_names_the_asserted_values_nearest_first(tmp_path: Path) -> None:
    """The claim says 9; the shown asserts compare 2, 6 and 8: the message lists what they
    do compare, the nearest to 9 first, so the contributor sees which number was meant."""
    root = good_tree(tmp_path)
    edit(COUNT, "assert got == expected == 8,",
         "assert layer.bias.numel() == 2\nassert layer.weight.numel() == 6\nassert got == expected == 8,")(root)
    edit(PAGE, 'equal "A `Linear(3, 2)` layer has 8', 'equal "A `Linear(3, 2)` layer has 9')(root)
    problems = problems_of(root, "claim numbers asserted")
    assert len(problems) == 1, problems
    assert "9" in problems[0].what
    assert problems[0].fix.endswith("the shown asserts compare, nearest first: 8, 6, 2"), problems[0].fix


def scaffolded_lines(tmp_path: Path) -> tuple[list[str], list[str]]:
    """The lines a freshly scaffolded page and its claim snippet start with."""
    from whyitworks.scaffold import scaffold

    fresh = tmp_path / "fresh"
    (fresh / "docs").mkdir(parents=True)
    page, claim, _ = scaffold("vision", "fresh", "Fresh", fresh)
    return page.read_text(encoding="utf-8").splitlines(), claim.read_text(encoding="utf-8").splitlines()


def test_every_placeholder_the_scaffold_writes_is_caught_on_its_line(tmp_path: Path) -> None:
    """Each line of a scaffolded page that a finished page would not keep (not a heading,
    fence, include, box header, tag or the front matter's frame), planted alone in the good
    page, fails 'no template text left' on that line."""
    import re

    page_lines, _ = scaffolded_lines(tmp_path)
    structure = re.compile(r'^\s*(#|```|!!!|\?\?\?|--8<--|---$|tags:|- [a-z ]+$|graph |$)')
    placeholders = [line for line in page_lines if not structure.match(line)]
    assert any("Replace this sentence." in line for line in placeholders), placeholders
    assert len(placeholders) >= 10, placeholders
    for number, line in enumerate(placeholders):
        root = good_tree(tmp_path / f"tree{number}")
        if line.startswith("description:"):
            edit(PAGE, "description: A toy page for the harness's own tests.", line)(root)
        else:
            edit(PAGE, "Text.\n\n## Limitations", f"{line}\n\n## Limitations")(root)
        problems = problems_of(root, "no template text left")
        assert problems, f"the placeholder {line!r} was not caught"
        lines = (root / PAGE).read_text(encoding="utf-8").splitlines()
        assert lines[problems[0].line - 1] == line, (problems[0], line)
        assert "whyitworks.lint" in problems[0].fix


def test_a_snippet_still_reading_as_its_template_is_caught(tmp_path: Path) -> None:
    """The scaffold's claim snippet docstring left above a check that was written: the
    contract names the snippet and the line."""
    _, claim_lines = scaffolded_lines(tmp_path)
    docstring = claim_lines[:claim_lines.index('"""', 1) + 1]
    root = good_tree(tmp_path / "tree")
    text = (root / COUNT).read_text(encoding="utf-8")
    body = text[text.index('"""', 3) + 3:]
    (root / COUNT).write_text("\n".join(docstring) + body, encoding="utf-8")
    problems = problems_of(root, "no template text left")
    assert [p.path for p in problems] == [COUNT], problems
    assert "TODO" in (root / COUNT).read_text(encoding="utf-8").splitlines()[problems[0].line - 1]
