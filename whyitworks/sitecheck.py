"""The site as a reader gets it, checked in the background while the rest of the suite runs.

``SiteCheck`` builds the site strictly in a subprocess, serves the result on
127.0.0.1 from another, and opens every page in headless Chromium while another tab
searches for every content page; once the search is done, that tab opens pages too
(a fresh tab every few pages keeps the renderers' memory down). The work happens in other processes
(the build, the server, Chromium) driven from one background thread, so the snippets
and contracts run on the other core meanwhile. ``tests/test_site.py`` waits for each
result and turns it into a pass or a failure with a message.

Chromium resolves no host but 127.0.0.1 (``--host-resolver-rules``), so nothing can
leave the machine; every request for another host is still seen and reported.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    # Any host but 127.0.0.1 fails to resolve: a page that asks for one is reported, and
    # the request never reaches the network.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}
# Pages open at once: one while the search check runs in a tab of its own, then two (the
# machine this is measured on has two cores; a third renderer would only add memory).
TABS = 2
PAGES_PER_TAB = 8  # then the tab is closed and a new one opened, with a fresh renderer

FORMULAS = """() => {
  const all = [...document.querySelectorAll('.arithmatex')];
  return { count: all.length,
           unrendered: all.filter(e => !e.querySelector('.katex')).map(e => e.textContent.slice(0, 80)),
           errors: [...document.querySelectorAll('.katex-error')].map(e => e.textContent.slice(0, 80)) };
}"""
# A claim's sentence is read at the size of the page's text, and a long check's folded
# set-up starts closed with the code after it (its asserts) in view.
CLAIM_LAYOUT = """() => {
  const size = e => getComputedStyle(e).fontSize;
  const body = document.querySelector('article > p');
  const titles = [...document.querySelectorAll('.claim > .admonition-title, .claim > summary')];
  const folds = [...document.querySelectorAll('.claim details.wiw-setup')]
    .filter(d => !d.parentElement.closest('details:not([open])'));
  return { titles: titles.length, folds: folds.length,
           small: body ? titles.filter(t => size(t) !== size(body)).map(t => size(t) + ', not ' + size(body)) : [],
           open: folds.filter(d => d.open).length,
           unseen: folds.filter(d => !d.nextElementSibling || d.nextElementSibling.offsetHeight === 0).length };
}"""
# A phone's width: no page may scroll sideways on it (a wide table or code block scrolls
# inside its own box). PHONE_OVERFLOW gives how wide the page is and the outermost
# elements that stick out of the viewport, for the message.
PHONE = {"width": 390, "height": 844}
PHONE_OVERFLOW = """() => {
  const width = document.documentElement.scrollWidth, view = document.documentElement.clientWidth;
  const clipped = (el) => { for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
    if (getComputedStyle(up).overflowX !== 'visible') return true; return false; };
  const sticks = (el) => el.getBoundingClientRect().right > view + 1
    || (getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1);
  const found = width > view ? [...document.querySelectorAll('body *')].filter(el => sticks(el) && !clipped(el)) : [];
  const innermost = found.filter(el => !found.some(other => other !== el && el.contains(other)));
  const names = innermost.map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return {width, view, sticking: [...new Set(names)].slice(0, 3)};
}"""
AXE = Path("node_modules") / "axe-core" / "axe.min.js"
# Lean first (no CSS selectors, no ancestry: about a fifth faster on a long page); only
# the rules that found something run again, with selectors, to say where.
AXE_RUN = """async () => {
  const lean = { resultTypes: ['violations'], selectors: false, ancestry: false, xpath: false,
                 performanceTimer: false };
  const found = (await axe.run(document, lean)).violations;
  if (!found.length) return [];
  const again = await axe.run(document, { resultTypes: ['violations'],
                                          runOnly: { type: 'rule', values: found.map(v => v.id) } });
  return again.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                                      target: v.nodes[0].target.join(' ') }));
}"""
# Diagrams come drawn (whyitworks.diagrams): an SVG image with a name in each. A mermaid
# source left in a page would have material fetch mermaid from another host.
DIAGRAMS = """() => {
  const all = [...document.querySelectorAll('.wiw-diagram')];
  return { count: all.length,
           undrawn: document.querySelectorAll('.mermaid').length,
           unnamed: all.filter(d => [...d.querySelectorAll(':scope > div > svg')].some(
             svg => svg.getAttribute('role') !== 'img' || !svg.getAttribute('aria-label'))).length };
}"""


def chromium_path() -> str:
    """Chrome or Chromium: ``$CHROMIUM``, else the first found on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)  # type: ignore[return-value]
    raise RuntimeError(
        "the browser test needs Chromium and found none on PATH: install it "
        "(Debian/Ubuntu: `apt-get install chromium`; `make test` does it when run as root) "
        "or point CHROMIUM at a Chrome or Chromium binary"
    )


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as a URL path."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        pages.append("/" if relative == "." else f"/{relative}/")
    return pages


def distinctive_word(site: Path, path: str) -> str:
    """A word from the page's prose that as few other pages as possible contain."""
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


@dataclass
class Build:
    returncode: int
    log: str
    site: Path


@dataclass
class Sweep:
    """What every page did in the browser."""

    pages: list[str]
    problems: dict[str, list[str]] = field(default_factory=dict)  # page -> what went wrong
    left_host: list[str] = field(default_factory=list)  # "page: url" for each request off 127.0.0.1
    totals: Counter = field(default_factory=Counter)  # formulas, diagrams, claim sentences...
    seconds: dict[str, float] = field(default_factory=dict)  # page -> time to load and check


@dataclass
class Search:
    targets: dict[str, str] = field(default_factory=dict)  # page -> the word searched for
    missed: list[str] = field(default_factory=list)


def build_site(root: Path, site: Path, started=None, strict: bool = True) -> Build:
    """What every build of the site runs: the prebuild, then MkDocs' build into ``site``
    (strict unless told otherwise); the log holds both. The suite and ``scripts/bench.py``
    build through here. ``started`` is told each process as it starts (so that a caller
    can stop it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = ""
    returncode = 0
    for command in ([sys.executable, "-m", "whyitworks.prebuild"],
                    [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict",
                     "--site-dir", str(site)]):
        process = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, env=env)
        if started is not None:
            started(process)
        out, _ = process.communicate(timeout=900)
        log += out
        returncode = process.returncode
        if returncode != 0:
            break
    return Build(returncode, log, site)


def serve(site: Path) -> tuple[subprocess.Popen, str]:
    """Serve a built site on 127.0.0.1 from a subprocess: (the process, its base URL).
    The caller stops it. (``scripts/bench.py`` serves gzip-compressed instead, as hosts do.)"""
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    line = process.stdout.readline()  # type: ignore[union-attr]
    port = re.search(r"port (\d+)", line)
    if port is None:
        process.kill()
        raise RuntimeError(f"the local server did not start: {line!r}")
    return process, f"http://127.0.0.1:{port.group(1)}"


class SiteCheck:
    """Build, serve and browse the site in the background; each result is a Future."""

    def __init__(self, root: Path, search_prefixes: tuple[str, ...]) -> None:
        self.root = root
        self.search_prefixes = search_prefixes
        self.build: Future[Build] = Future()
        self.sweep: Future[Sweep] = Future()
        self.search: Future[Search] = Future()
        self.parity: Future = Future()  # a whyitworks.engines.Parity
        self._tmp = Path(tempfile.mkdtemp(prefix="wiw-site-"))
        self._processes: list[subprocess.Popen] = []
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="site-check", daemon=True)
        self.started = time.perf_counter()
        self.timings: dict[str, float] = {}  # seconds from start until each part finished

    def start(self) -> SiteCheck:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing = True
        for process in self._processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self._thread.is_alive():
            self._thread.join(timeout=30)
        shutil.rmtree(self._tmp, ignore_errors=True)

    # The background thread ---------------------------------------------------------

    def _run(self) -> None:
        futures = (self.build, self.sweep, self.search)
        try:
            build = self._build()
            self.timings["build"] = time.perf_counter() - self.started
            self.build.set_result(build)
            if build.returncode != 0 or self._closing:
                error = RuntimeError("the site did not build, so it was not opened in the browser")
                for future in (self.sweep, self.search, self.parity):
                    future.set_exception(error)
                return
            threading.Thread(target=self._zensical, args=(build.site,), name="zensical", daemon=True).start()
            server, base = serve(build.site)
            self._processes.append(server)
            asyncio.run(self._browse(build.site, base))
        except BaseException as error:  # noqa: BLE001 - handed to whichever test waits
            for future in futures:
                if not future.done():
                    future.set_exception(error)

    def _zensical(self, mkdocs_site: Path) -> None:
        """The same sources built by Zensical, compared with the MkDocs build."""
        from whyitworks import engines

        try:
            site = self.root / "build" / "zensical-site"
            done = engines.build_zensical(site, self.root)
            if done.returncode != 0:
                raise RuntimeError(f"`zensical build` failed:\n{done.stdout}{done.stderr}")
            self.parity.set_result(engines.compare(mkdocs_site, site))
            self.timings["zensical"] = time.perf_counter() - self.started
        except BaseException as error:  # noqa: BLE001 - handed to the test that waits
            self.parity.set_exception(error)

    def _build(self) -> Build:
        return build_site(self.root, self._tmp / "site", self._processes.append)

    async def _browse(self, site: Path, base: str) -> None:
        from playwright.async_api import async_playwright

        executable = chromium_path()
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_FLAGS, headless=True
            )
            search_done = asyncio.Event()

            async def search_then_free_a_tab() -> None:
                try:
                    await self._settle("search", self.search, self._search(browser, site, base))
                finally:
                    search_done.set()

            try:
                await asyncio.gather(
                    self._settle("sweep", self.sweep, self._sweep(browser, site, base, search_done)),
                    search_then_free_a_tab(),
                )
            finally:
                await browser.close()

    async def _settle(self, name: str, future: Future, work) -> None:
        try:
            result = await work
        except BaseException as error:  # noqa: BLE001 - the waiting test reports it
            future.set_exception(error)
        else:
            future.set_result(result)
        self.timings[name] = time.perf_counter() - self.started

    async def _sweep(self, browser, site: Path, base: str, search_done: asyncio.Event) -> Sweep:
        result = Sweep(pages=site_pages(site))
        context = await browser.new_context()
        queue = list(result.pages)

        def note(path: str, problem: str) -> None:
            result.problems.setdefault(path, []).append(problem)

        async def tab(first: bool) -> None:
            if not first:
                await search_done.wait()
            while queue:
                await one_tab()

        async def one_tab() -> None:
            page = await context.new_page()
            desktop = page.viewport_size
            current = {"path": ""}
            page.on("console", lambda msg: note(current["path"], f"console error: {msg.text}")
                    if msg.type == "error" else None)
            page.on("pageerror", lambda exc: note(current["path"], f"uncaught exception: {exc}"))
            page.on("request", lambda request: None if is_local(request.url)
                    else result.left_host.append(f"{current['path']}: {request.url}"))
            page.on("response", lambda response: note(
                current["path"], f"HTTP {response.status} for {response.url}"
            ) if response.status >= 400 else None)
            for _ in range(PAGES_PER_TAB):
                if not queue:
                    break
                path = queue.pop(0)
                current["path"] = path
                began = time.perf_counter()
                if page.viewport_size != desktop:  # left at a phone's width by the last page
                    await page.goto("about:blank")  # so that the last page is not laid out again
                    await page.set_viewport_size(desktop)
                await page.goto(base + path, wait_until="load", timeout=60_000)
                formulas = await page.evaluate(FORMULAS)
                result.totals["formulas"] += formulas["count"]
                for tex in formulas["unrendered"]:
                    note(path, f"formula not rendered by KaTeX: {tex}")
                for tex in formulas["errors"]:
                    note(path, f"KaTeX error: {tex}")
                diagrams = await page.evaluate(DIAGRAMS)
                result.totals["diagrams"] += diagrams["count"]
                if diagrams["undrawn"]:
                    note(path, f"{diagrams['undrawn']} mermaid diagram(s) left undrawn: the build should "
                               "have put the prebuild's SVG in their place (whyitworks/diagrams.py)")
                if diagrams["unnamed"]:
                    note(path, f"{diagrams['unnamed']} diagram(s) without role=\"img\" and an aria-label")
                claims = await page.evaluate(CLAIM_LAYOUT)
                result.totals["claim sentences"] += claims["titles"]
                result.totals["folded set-ups"] += claims["folds"]
                if claims["small"]:
                    note(path, f"a claim's sentence is not at the text's size: {claims['small'][0]}")
                if claims["open"] or claims["unseen"]:
                    note(path, f"{claims['open']} folded set-up(s) open on load, {claims['unseen']} "
                               "without their asserts in view after them")
                # Accessibility, as axe-core judges it (served from node_modules, injected
                # inline, so it requests nothing).
                await page.add_script_tag(path=str(self.root / AXE))
                for violation in await page.evaluate(AXE_RUN):
                    note(path, "accessibility ({id}, {impact}): {help}; {count} element(s), "
                               "the first {target}".format(**violation))
                result.totals["accessibility"] += 1
                # Last, at a phone's width: the page is laid out once more, and the tab
                # goes back to the desktop's width only once it has left the page.
                await page.set_viewport_size(PHONE)
                phone = await page.evaluate(PHONE_OVERFLOW)
                if phone["width"] > phone["view"]:
                    note(path, f"wider than a {PHONE['width']} px phone: the page scrolls sideways to "
                               f"{phone['width']} px ({', '.join(phone['sticking']) or 'no element found'} stick out); "
                               "let a wide table or code scroll in its own box, or a long word break "
                               "(docs/assets/stylesheets/tables.css)")
                result.seconds[path] = time.perf_counter() - began
            await page.close()

        await asyncio.gather(*(tab(first=i == 0) for i in range(TABS)))
        await context.close()
        return result

    async def _search(self, browser, site: Path, base: str) -> Search:
        result = Search()
        targets = [p for p in site_pages(site) if p.startswith(self.search_prefixes)]
        if not targets:
            raise RuntimeError("no content page to search for")
        result.targets = {target: distinctive_word(site, target) for target in targets}
        context = await browser.new_context()
        try:
            return await self._search_in(context, base, result)
        finally:
            await context.close()

    async def _search_in(self, context, base: str, result: Search) -> Search:
        page = await context.new_page()
        await page.goto(base + "/", wait_until="load")
        box = page.locator("input.md-search__input")
        # The search index is built in a web worker after the page loads; wait until it
        # answers a query before timing anything.
        await page.locator("label.md-search__icon, .md-search__input").first.click()
        await _type(box, "convolution")
        await page.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__link').length > 0", timeout=120_000
        )
        for target, word in result.targets.items():
            await _type(box, word)
            try:
                await page.wait_for_function(
                    "(target) => [...document.querySelectorAll('.md-search-result__link')]"
                    ".some(a => new URL(a.href).pathname.startsWith(target))",
                    arg=target, timeout=30_000,
                )
            except Exception:  # noqa: BLE001 - a timeout is the failure reported
                result.missed.append(f"{target} (searched for '{word}')")
        return result


async def _type(box, word: str) -> None:
    """Put a word in the search box as a reader would end typing it: a last key press."""
    await box.fill(word[:-1])
    await box.press(word[-1])


def is_local(url: str) -> bool:
    """True for a URL that stays on the machine: 127.0.0.1, or data:, blob:, about:."""
    parsed = urlparse(url)
    return parsed.scheme in LOCAL_SCHEMES or parsed.hostname in LOCAL_HOSTS
