"""The site as a reader gets it: the strict build, then every page in a real browser.

The work runs in the background from the moment collection ends (see
``whyitworks.sitecheck`` and ``conftest.py``): the build, then a server on 127.0.0.1
and headless Chromium (Debian's, found on PATH: Playwright's own browser download
cannot work offline). These tests run last and wait for it. They assert that the build
does not warn, that Zensical builds the same site, that no page logs an error or fails
to load a file, that axe-core finds no accessibility violation, that every formula was
rendered by KaTeX, that every diagram came drawn as a named SVG, that every claim's sentence
is at the text's size and every folded set-up starts closed with its asserts in view after
it, that the search box finds pages by words from their bodies, that no reading page's
table of contents lists a helper's API, and that not one request leaves 127.0.0.1.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

TIMEOUT = 900  # seconds to wait for the background work; far above what it takes


def _wait(future):
    try:
        return future.result(timeout=TIMEOUT)
    except TimeoutError:
        pytest.fail(f"the site check did not finish within {TIMEOUT} s (a busy machine?)", pytrace=False)
    except Exception as error:  # noqa: BLE001 - reported as the test's failure
        pytest.fail(f"{type(error).__name__}: {error}", pytrace=False)


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
    assert sweep.totals["diagrams"] > 0, "no page had a diagram: the diagram check checked nothing"
    assert sweep.totals["accessibility"] == len(sweep.pages), "axe-core did not check every page"
    assert sweep.totals["claim sentences"] > 100 and sweep.totals["folded set-ups"] > 10, (
        f"{sweep.totals['claim sentences']} claim sentences, {sweep.totals['folded set-ups']} folded "
        "set-ups: the claim layout check checked little")


def test_search_finds_pages_by_a_word_from_their_body(site_check) -> None:
    search = _wait(site_check.search)
    assert search.targets, "no content page to search for"
    assert not search.missed, f"the search box did not find: {search.missed}"


def test_every_claim_box_shows_its_conditions_and_every_cited_figure_its_source(site_check) -> None:
    """Read in the built HTML, as a reader gets it: under each claim's code the conditions
    its check ran under, and beside each cited figure the source it comes from."""
    import re

    build = _wait(site_check.build)
    boxes = conditions = cited = 0
    problems = []
    for page in sorted(build.site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        where = page.parent.relative_to(build.site).as_posix() or "/"
        for box in re.findall(r'<(?:div class="admonition claim|details class="claim)[^"]*"[^>]*>(.*?)<p class="wiw-check-link"', text, re.S):
            boxes += 1
            shown = re.search(r'<p class="wiw-conditions"><strong>Checked under:</strong>(.*?)</p>', box, re.S)
            if shown is None or "not stated" in shown.group(1) or not shown.group(1).strip():
                problems.append(f"{where}: a claim box shows no conditions")
            else:
                conditions += 1
        prose = re.sub(r"<code>.*?</code>|<pre.*?</pre>", " ", text, flags=re.S)  # examples of the syntax
        if "[[cite:" in prose or "wiw-cited-missing" in prose:
            problems.append(f"{where}: a [[cite:…]] was not rendered")
        for value, source in re.findall(
                r'<span class="wiw-cited-value">([^<]+)</span><span class="wiw-cited-source">(.*?)</span>', text, re.S):
            cited += 1
            if not re.sub(r"<[^>]+>|[()\s]", "", source):
                problems.append(f"{where}: the cited figure {value} shows no source")
    assert boxes > 100 and conditions == boxes, f"{conditions} of {boxes} claim boxes show conditions"
    assert cited > 0, "no cited figure on any page: the check checked nothing"
    assert not problems, "\n".join(problems[:20])


def _toc_api_entries(html: str) -> list[str]:
    """The entries of a built page's table of contents (material's secondary sidebar) that
    lead to a heading mkdocstrings wrote, not one of the page's own."""
    import re

    start = html.find("md-sidebar--secondary")
    if start < 0:
        return []
    toc = html[start:html.find('class="md-content"', start)]
    api = set()
    for tag in re.findall(r"<h[1-6]\b[^>]*>", html):
        found = re.search(r'\bid="([^"]+)"', tag)
        if found and "doc-heading" in tag:
            api.add(found.group(1))
    return [target for target in re.findall(r'href="#([^"]+)"', toc) if target in api]


def test_the_table_of_contents_of_a_reading_page_holds_its_own_headings_only(site_check) -> None:
    """No helper API in a reading page's table of contents; the checks pages, where the
    build documents the helpers, show that the test sees such entries when they are there."""
    build = _wait(site_check.build)
    found, elsewhere = [], 0
    for page in sorted(build.site.rglob("index.html")):
        where = page.parent.relative_to(build.site).as_posix()
        entries = _toc_api_entries(page.read_text(encoding="utf-8"))
        if f"{where}/".startswith(("checks/", "reference/")):
            elsewhere += len(entries)
        elif entries:
            found.append(f"{where}: {', '.join(entries[:5])}")
    assert elsewhere > 10, f"only {elsewhere} helper entries in the checks and reference pages' contents: the test sees nothing"
    assert not found, "helper API in a reading page's table of contents:\n" + "\n".join(found)


def test_no_tooltip_and_no_matrix_cell_shows_tex(site_check) -> None:
    """Read in the built HTML: no title attribute anywhere holds TeX (a tooltip shows it
    raw), and the matrix's text, its tips included, holds none outside KaTeX's markup."""
    import html
    import re

    build = _wait(site_check.build)
    # $…$, arithmatex's \(…\) and \[…\], or a TeX command
    tex = re.compile(r"\$[^$\s][^$]*\$|\\[(\[]|\\(frac|cdot|sqrt|mathbf|text|left|right|[a-zA-Z]+\{)")
    problems = []
    for path in sorted(build.site.rglob("*.html")):
        for title in re.findall(r'\stitle="([^"]*)"', path.read_text(encoding="utf-8")):
            if tex.search(html.unescape(title)):
                problems.append(f"{path.relative_to(build.site)}: title=\"{title[:120]}\"")
    matrix = (build.site / "matrix" / "index.html").read_text(encoding="utf-8")
    shown = re.sub(r"<annotation\b.*?</annotation>|<script\b.*?</script>|<style\b.*?</style>", "", matrix, flags=re.S)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", shown))
    problems += [f"matrix/index.html shows TeX: {m.group(0)[:80]}" for m in tex.finditer(shown)]
    assert "wiw-tip" in matrix, "the matrix has no tips: the check checked nothing"
    assert not problems, "\n".join(problems)


def test_zensical_builds_the_same_site(site_check) -> None:
    """The same sources built by Zensical, which runs the Markdown extensions but no hooks:
    the same pages, generated tables, rendered formulas, figures and claim links, nothing
    fetched from another host, and each page's text at least 0.98 alike (see
    ``whyitworks.engines``, which also names what differs by design)."""
    from whyitworks.engines import SIMILARITY

    parity = _wait(site_check.parity)
    assert parity.pages > 20, f"only {parity.pages} pages in both builds: the comparison compared little"
    assert parity.formulas > 100 and parity.figure_count > 5 and parity.table_count > 10, (
        f"{parity.formulas} formulas, {parity.figure_count} figures, {parity.table_count} tables: "
        "the comparison compared little")
    problems = parity.problems()
    assert not problems, "\n".join(problems[:30])
    assert parity.lowest[0] >= SIMILARITY, parity.lowest


def test_the_phone_check_sees_a_page_that_scrolls_sideways() -> None:
    """The sweep's 390 px check on two planted pages: a long unbroken word overflows the
    phone and is named; the same word in a box that scrolls on its own does not."""
    import asyncio

    from playwright.async_api import async_playwright

    from whyitworks.sitecheck import CHROMIUM_FLAGS, PHONE, PHONE_OVERFLOW, chromium_path

    word = "snippets/vision/cnn/zero_padding_breaks_equivariance_at_border_fails.py" * 2
    wide = f'<body style="margin:0"><main><p class="long">{word}</p></main></body>'
    boxed = f'<body style="margin:0"><main><p style="overflow-x:auto">{word}</p></main></body>'

    async def measure() -> list[dict]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
            page = await browser.new_page(viewport=PHONE)
            found = []
            for content in (wide, boxed):
                await page.set_content(content)
                found.append(await page.evaluate(PHONE_OVERFLOW))
            await browser.close()
            return found

    overflowing, contained = asyncio.run(measure())
    assert overflowing["width"] > PHONE["width"] and "p.long" in overflowing["sticking"], overflowing
    assert contained["width"] <= contained["view"], contained
