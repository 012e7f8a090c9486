"""Every snippet under snippets/ is a test, named by its path: `pytest -k cnn` runs
the checks of the CNN page. Snippets run in this interpreter, seeded, offline."""

from __future__ import annotations

import pytest

from whyitworks.layout import ROOT
from whyitworks.pages import iter_pages
from whyitworks.runner import RunResult, run_cached
from whyitworks.snippets import iter_snippets, parse_snippet

SNIPPETS = [s.path for s in iter_snippets()]
CLAIMS_BY_FILE: dict[str, list] = {}
for _page in iter_pages():
    for _claim in _page.claims:
        for _file in _claim.files:
            CLAIMS_BY_FILE.setdefault(_file, []).append(_claim)

EXPLAIN = {
    "assertion": "the claim is false: an assert failed",
    "error": "the snippet is broken: it raised an exception that is not an assertion",
    "network": "the snippet tried to use the network; snippets run offline, so build the "
               "model and make the data inside the snippet",
    "no-assert": "the snippet ran without executing an assert, so it proved nothing",
    "budget": "the snippet ran past its time budget; a check should take well under two "
              "seconds: train less, or make the model or data smaller",
    "syntax": "the snippet does not parse",
}


def describe(result: RunResult) -> str:
    """The failure as a reader needs it: the claim, the line, both values."""
    failure = result.failure
    assert failure is not None
    module = result.path.removesuffix(".py").replace("/", ".")
    lines = [f"{result.path}:{failure.line}: {EXPLAIN[failure.kind]}"]
    claims = CLAIMS_BY_FILE.get(result.path, []) if (ROOT / result.path).is_file() else []
    snippet = parse_snippet(ROOT / result.path) if claims else None
    for claim in claims:
        if failure.line in claim.shown_lines(snippet):
            lines.append(f'  claim:   "{claim.sentence}" ({claim.where})')
    if failure.source_line:
        lines.append(f"  line:    {failure.source_line}")
    lines.append(f"  message: {failure.message}")
    if failure.values:
        shown = ", ".join(f"{v:,}" if isinstance(v, int) else f"{v:.6g}" for v in failure.values[:12])
        lines.append(f"  values the assert compared: {shown}")
    lines.append(f"  seed:    {result.seed}")
    lines.append(f"  run it alone: .venv/bin/python -m {module}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", SNIPPETS, ids=SNIPPETS)
def test_snippet(path: str, seed: int) -> None:
    result = run_cached(ROOT / path, seed)
    if not result.passed:
        pytest.fail(describe(result), pytrace=False)
