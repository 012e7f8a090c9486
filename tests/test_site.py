"""The site as a reader gets it: the strict build, then every page in a real browser.

The browser test serves the built site on 127.0.0.1 and opens every page in headless
Chromium (Debian's, found on PATH: Playwright's own browser download cannot work
offline). It asserts that no page logs an error, that every formula is rendered by
KaTeX, that every mermaid diagram becomes an SVG, that the search box finds pages by
words from their bodies, and that not one request leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest

from whyitworks.layout import FAMILIES, ROOT

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
]
LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)  # type: ignore[return-value]
    pytest.fail(
        "the browser test needs Chromium and found none on PATH: install it "
        "(Debian/Ubuntu: `apt-get install chromium`; `make test` does it when run as root) "
        "or point CHROMIUM at a Chrome or Chromium binary",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Build the site once, strictly; return its folder and the build's output."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
    )
    log = done.stdout + done.stderr
    if done.returncode != 0:
        pytest.fail(f"`mkdocs build --strict` failed:\n{log}", pytrace=False)
    return out, log


def test_strict_build_passes(built_site) -> None:
    site, log = built_site
    assert (site / "index.html").is_file(), f"the build wrote no index.html:\n{log}"
    assert "WARNING" not in log, f"the build warned:\n{log}"


@pytest.fixture(scope="session")
def server(built_site):
    site, _ = built_site

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
        )
        yield browser
        browser.close()


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as a URL path."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        pages.append("/" if relative == "." else f"/{relative}/")
    return pages


# Material renders diagrams into a closed shadow root; open it so the test can look.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


def test_every_page_in_a_real_browser(built_site, server, browser) -> None:
    site, _ = built_site
    context = browser.new_context()
    context.add_init_script(OPEN_SHADOW_ROOTS)
    left_host: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in LOCAL_SCHEMES or parsed.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            left_host.append(url)
            route.abort()

    context.route("**/*", guard)
    context.on("request", lambda request: None if (
        urlparse(request.url).scheme in LOCAL_SCHEMES
        or urlparse(request.url).hostname in LOCAL_HOSTS
    ) else left_host.append(request.url))

    pages = site_pages(site)
    totals = Counter()
    page = context.new_page()  # one tab for every page: opening a tab per page doubles the time
    current = {"path": ""}
    errors: dict[str, list[str]] = {}
    page.on("console", lambda msg: errors.setdefault(current["path"], []).append(msg.text)
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.setdefault(current["path"], []).append(str(exc)))
    for path in pages:
        current["path"] = path
        page.goto(server + path, wait_until="load")

        math = page.locator(".arithmatex").count()
        if math:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('.katex'))",
                timeout=10_000,
            )
            totals["formulas"] += math
        diagrams = page.evaluate("() => document.querySelectorAll('pre.mermaid, div.mermaid').length")
        if diagrams:
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.mermaid')].length > 0 && "
                "[...document.querySelectorAll('pre.mermaid')].length === 0 && "
                "[...document.querySelectorAll('div.mermaid')].every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))",
                timeout=15_000,
            )
            totals["diagrams"] += diagrams
    page.close()
    problems = [f"{path}: console errors: {found}" for path, found in errors.items() if found]
    context.close()

    assert not left_host, f"requests left 127.0.0.1: {sorted(set(left_host))}"
    assert not problems, "\n".join(problems)
    assert totals["formulas"] > 0, "no page had a formula to render: the KaTeX check checked nothing"
    assert totals["diagrams"] > 0, "no page had a mermaid diagram: the diagram check checked nothing"


def _distinctive_word(site: Path, path: str) -> str:
    """A word from the page's body that as few other pages as possible contain."""
    def words(html_path: Path, prose_only: bool) -> set[str]:
        text = html_path.read_text(encoding="utf-8")
        article = re.search(r"<article[^>]*>(.*?)</article>", text, re.S)
        body = article.group(1) if article else ""
        if prose_only:  # the prose paragraphs: what a reader remembers and types
            body = " ".join(re.findall(r"<p>(.*?)</p>", body, re.S))
        body = re.sub(r"<[^>]+>", " ", body)
        return {w.lower() for w in re.findall(r"[A-Za-z]{7,}", html.unescape(body))}

    # The search stems words ("activation" finds "active"), so compare by their first
    # six letters: a word whose stem no other page has leads the results.
    own = words(site / path.strip("/") / "index.html", prose_only=True)
    others = [{w[:6] for w in words(p, prose_only=False)}
              for p in site.rglob("index.html") if p.parent != site / path.strip("/")]
    return min(sorted(own), key=lambda w: (sum(w[:6] in o for o in others), -len(w)))


def test_search_finds_pages_by_a_word_from_their_body(built_site, server, browser) -> None:
    site, _ = built_site
    families = tuple(f"/{family}/" for family in FAMILIES)
    targets = [p for p in site_pages(site) if p.startswith(families)]
    assert targets, "no content page to search for"
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/", wait_until="networkidle")
    # The search index is built in a web worker after the first focus; wait until it
    # answers a query before measuring anything.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").type("convolution", delay=10)
    page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__link').length > 0", timeout=60_000
    )
    missed = []
    for target in targets:
        word = _distinctive_word(site, target)
        page.locator("label.md-search__icon, .md-search__input").first.click()
        box = page.locator("input.md-search__input")
        box.fill("")
        box.type(word, delay=10)
        try:
            page.wait_for_function(
                "(target) => [...document.querySelectorAll('.md-search-result__link')]"
                ".some(a => new URL(a.href).pathname.startsWith(target))",
                arg=target, timeout=20_000,
            )
        except Exception:  # noqa: BLE001 - a timeout is the failure being reported
            missed.append(f"{target} (searched for '{word}')")
    context.close()
    assert not missed, f"the search box did not find: {missed}"
