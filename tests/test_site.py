"""The site as a reader gets it: the strict build, then every page in a real browser.

The work runs in the background from the moment collection ends (see
``whyitworks.sitecheck`` and ``conftest.py``): the build, then a server on 127.0.0.1
and headless Chromium (Debian's, found on PATH: Playwright's own browser download
cannot work offline). These tests run last and wait for it. They assert that the build
does not warn, that no page logs an error or fails to load a file, that every formula
was rendered by KaTeX, that every mermaid diagram becomes an SVG, that the search box
finds pages by words from their bodies, and that not one request leaves 127.0.0.1.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TIMEOUT = 900  # seconds to wait for the background work; far above what it takes


def _wait(future):
    try:
        return future.result(timeout=TIMEOUT)
    except Exception as error:  # noqa: BLE001 - reported as the test's failure
        pytest.fail(f"{error}", pytrace=False)


def test_strict_build_passes(site_check) -> None:
    build = _wait(site_check.build)
    assert build.returncode == 0, f"`mkdocs build --strict` failed:\n{build.log}"
    assert (build.site / "index.html").is_file(), f"the build wrote no index.html:\n{build.log}"
    assert "WARNING" not in build.log, f"the build warned:\n{build.log}"


def test_every_page_in_a_real_browser(site_check) -> None:
    sweep = _wait(site_check.sweep)
    problems = [f"{path}: {problem}" for path, found in sorted(sweep.problems.items()) for problem in found]
    assert not sweep.left_host, "requests left 127.0.0.1:\n" + "\n".join(sorted(set(sweep.left_host)))
    assert not problems, "\n".join(problems)
    assert len(sweep.pages) > 1, f"the browser opened {sweep.pages}: the sweep checked nothing"
    assert sweep.totals["formulas"] > 0, "no page had a formula: the KaTeX check checked nothing"
    assert sweep.totals["diagrams"] > 0, "no page had a mermaid diagram: the diagram check checked nothing"


def test_search_finds_pages_by_a_word_from_their_body(site_check) -> None:
    search = _wait(site_check.search)
    assert search.targets, "no content page to search for"
    assert not search.missed, f"the search box did not find: {search.missed}"
