"""How fast and how heavy the knowledge base is, for its contributors and its readers: a
benchmark, not a test (it never fails). Each part writes its own section of
``scripts/bench_results.md``; a part not run keeps its last figures there. What each part
measures, how, against which target, and examples: scripts/README.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlparse

from whyitworks.sitecheck import CHROMIUM_FLAGS, build_site, chromium_path, is_local

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "scripts" / "bench_results.md"
PYTHON = sys.executable
PARTS = {"suite": "The suite and the build", "site": "The site as readers load it",
         "serve": "The contributor loop: `make serve`"}
MB, GIB = 1_000_000, 1024**3
# Targets on a 2-core machine; the site's and the serve loop's are issue 14's.
TARGETS = {"suite": 60.0, "floor": 20.0, "page": 5.0, "build": 10.0, "memory": 2 * GIB, "reload": 3.0,
           "architecture bytes": 1 * MB}
SCORES = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGE_TYPES = {  # one page of each type a reader opens
    "/": "home", "/vision/cnn/": "architecture", "/attention/gpt/": "architecture",
    "/vision/resnet/": "architecture", "/claims/": "claims ledger", "/matrix/": "matrix",
    "/lessons/failure_modes/": "catalogue", "/checks/vision/cnn/": "checks page",
}
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
# Material's defaults, with `font: false` so that they ask Google Fonts for nothing.
BASELINE_YML = "site_name: material's defaults\ntheme:\n  name: material\n  font: false\n"
INCLUDE = re.compile(r"^\s*-{2}8<-{2}\s*(\"[^\"]*\"|'[^']*')?\s*$")  # a snippet include
SERVE_PAGE, EDITS = "docs/vision/cnn.md", 5
PYTEST = [PYTHON, "-m", "pytest", "-q", "-p", "no:randomly"]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def size(n: float) -> str:
    k = next(k for k in range(4) if n < 1024 ** (k + 1) or k == 3)
    return f"{n:,.0f} B" if k == 0 else f"{n / 1024**k:,.1f} {('KiB', 'MiB', 'GiB')[k - 1]}"


def row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def verdict(ok: bool) -> str:
    return "**PASS**" if ok else "**MISS**"


class Run:
    """One command, timed; if asked, its whole process tree's memory sampled every 0.25 s:
    the sum of PSS (a page shared by Chromium's processes counts once), the sum of RSS
    (once per process), and the largest single process (``wait4``'s ru_maxrss)."""

    def __init__(self, cmd: list[str], memory: bool = False, cwd: Path = ROOT, env: dict | None = None) -> None:
        self.peak_pss = self.peak_rss = 0
        with tempfile.TemporaryFile() as out:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
            stop = threading.Event()
            sampler = threading.Thread(target=self._sample, args=(proc.pid, stop), daemon=True)
            if memory:
                sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            self.seconds = time.perf_counter() - start
            proc.returncode = self.returncode = os.waitstatus_to_exitcode(status)
            self.maxrss = usage.ru_maxrss * 1024
            stop.set()
            if memory:
                sampler.join()
            out.seek(0)
            self.output = out.read().decode(errors="replace")

    def _sample(self, pid: int, stop: threading.Event) -> None:
        while not stop.is_set():
            children: dict[int, list[int]] = {}
            for entry in filter(str.isdigit, os.listdir("/proc")):
                try:  # the command name, in parentheses, may itself hold spaces or ')'
                    stat = Path(f"/proc/{entry}/stat").read_bytes().decode(errors="replace")
                    children.setdefault(int(stat[stat.rfind(")") + 2:].split()[1]), []).append(int(entry))
                except OSError:
                    continue
            pss = rss = 0
            todo = [pid]
            while todo:
                current = todo.pop()
                todo += children.get(current, [])
                try:  # RSS counts a shared page once per process; PSS splits it among its users
                    rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                except OSError:
                    continue
                kib = dict(re.findall(r"^(Rss|Pss):\s+(\d+)", rollup, re.M))
                rss, pss = rss + int(kib.get("Rss", 0)) * 1024, pss + int(kib.get("Pss", 0)) * 1024
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)
            stop.wait(0.25)


def pytest_summary(output: str) -> str:
    """The last line pytest prints: '920 passed, 26 failed in 73.9s'."""
    return next((line.strip("= ") for line in reversed(output.strip().splitlines())
                 if re.search(r"\b(passed|failed|errors?|deselected|no tests ran)\b", line)), "(no summary)")


def suite_part(args, targets: list) -> list[str]:
    # The mutation run's workers time the snippets: torch imported, one thread, as in the suite.
    from mutants import run_jobs

    from whyitworks.pages import iter_pages
    from whyitworks.snippets import iter_snippets

    pages = iter_pages()
    arch = [p for p in pages if p.is_architecture_page]
    say("floor: python -c 'import torch, numpy' x3 ...")
    floors = [Run([PYTHON, "-c", "import torch, numpy"]).seconds for _ in range(3)]
    floor = statistics.median(floors)
    say("suite: python -m pytest -q -p no:randomly (cold cache) ...")
    with tempfile.TemporaryDirectory() as cache:
        suite = Run([*PYTEST, "-o", f"cache_dir={cache}", "--durations=10"], memory=True)
    ratio = suite.seconds / floor
    site_check = re.search(r"site check \(in the background[^)]*\): (.*)", suite.output)
    say("snippets: each with run_snippet in one warm worker ...")
    timed: list[dict] = []  # the first snippet runs twice: its first run pays torch's lazy start
    jobs = [(s.path, {"path": s.path, "source": s.source}, 600.0) for s in iter_snippets()]
    run_jobs(jobs[:1] + jobs, 1, lambda path, answer: timed.append({"seconds": 0.0, **answer, "path": path}))
    timed = timed[1:]
    say("build: the prebuild, then mkdocs build --strict ...")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        build = build_site(ROOT, Path(folder) / "site")
        build_seconds = time.perf_counter() - start
        weights = sorted((p.relative_to(build.site).as_posix(), p.stat().st_size) for p in build.site.rglob("*.html"))
        site_bytes = sum(p.stat().st_size for p in build.site.rglob("*") if p.is_file())
    per_page = []
    for page in [] if args.quick else arch:
        topic = Path(page.path).stem
        say(f"page: pytest -k {topic} ...")
        done = Run([*PYTEST, "-p", "no:cacheprovider", "-k", topic])
        per_page.append((page.path, topic, done.seconds, pytest_summary(done.output)))

    targets += [
        ("whole suite, cold", f"{suite.seconds:.1f} s", f"≤ {TARGETS['suite']:.0f} s", suite.seconds <= TARGETS["suite"]),
        ("whole suite ÷ floor", f"{ratio:.1f}× (floor {floor:.2f} s)", f"≤ {TARGETS['floor']:.0f}×",
         ratio <= TARGETS["floor"]),
        ("strict build", f"{build_seconds:.1f} s" + (" (FAILED)" if build.returncode else ""),
         f"≤ {TARGETS['build']:.0f} s", build_seconds <= TARGETS["build"] and not build.returncode),
        ("peak memory of the suite (whole process tree)", size(suite.peak_pss), f"≤ {size(TARGETS['memory'])}",
         suite.peak_pss <= TARGETS["memory"])]
    if per_page:
        worst, over = max(per_page, key=lambda r: r[2]), sum(r[2] > TARGETS["page"] for r in per_page)
        targets.append(("one page's checks (slowest page)", f"{worst[2]:.1f} s (`-k {worst[1]}`); {over}/"
                        f"{len(per_page)} pages over", f"≤ {TARGETS['page']:.0f} s", not over))
    slow_tests = re.findall(r"^(\d+\.\d+)s (setup|call|teardown)\s+(\S.*)$", suite.output, re.M)
    checks = [(p, b) for p, b in weights if p.startswith("checks/")]
    lines = [
        f"- the base: {len(pages)} pages, {len(arch)} of them architecture pages; "
        f"{sum(len(p.claims) for p in pages)} claims; {len(jobs)} claim snippets",
        f"- the whole suite, cold (`python -m pytest -q -p no:randomly`, an empty pytest cache): "
        f"{suite.seconds:.1f} s, exit code {suite.returncode}: {pytest_summary(suite.output)}",
        f"- the floor (`python -c \"import torch, numpy\"`): {', '.join(f'{s:.2f}' for s in floors)} s; "
        f"median {floor:.2f} s; the suite is {ratio:.1f}× the floor",
        f"- the suite's peak memory: {size(suite.peak_pss)} for the whole process tree (pytest, the build, "
        f"Chromium: the sum of each process's PSS; the sum of RSS, which counts the pages Chromium's "
        f"processes share once per process: {size(suite.peak_rss)}); {size(suite.maxrss)} for the largest "
        "single process (ru_maxrss)",
        "- the site check, in the background from the start of the run: "
        + (site_check.group(1).strip() if site_check else "not reported"),
        f"- the strict build (the prebuild, then `mkdocs build --strict`): {build_seconds:.1f} s, exit code "
        f"{build.returncode}",
        f"- the built site: {size(site_bytes)} ({site_bytes:,} bytes), of which HTML "
        f"{size(sum(b for _, b in weights))} in {len(weights)} files"
        + (f"; the {len(checks)} checks pages {size(sum(b for _, b in checks))} together, the largest "
           "`{}`, {:,} bytes".format(*max(checks, key=lambda r: r[1])) if checks else ""),
        "", "The suite's slowest tests (`--durations=10`; the site tests wait for the background build "
        "and browser, so their time is what was left of that work when the rest had finished):", "",
        "| seconds | phase | test |", "|---:|---|---|", *[row(s, p, f"`{t}`") for s, p, t in slow_tests],
        "", f"The ten slowest snippets, each run once with `whyitworks.runner.run_snippet` in one process "
        f"after a warm import, one thread; all {len(timed)}: {sum(t['seconds'] for t in timed):.1f} s:", "",
        "| snippet | seconds | passed |", "|---|---:|---|",
        *[row(f"`{t['path']}`", f"{t['seconds']:.2f}", "yes" if t["passed"] else "**no**")
          for t in sorted(timed, key=lambda t: -t["seconds"])[:10]],
        *[f"- failed when timed: `{t['path']}`" for t in timed if not t["passed"]]]
    if build.returncode:
        log = build.log.splitlines()
        first = next((i for i, line in enumerate(log) if "WARNING" in line or "ERROR" in line), len(log) - 15)
        lines += ["", "The build failed; its warnings:", "", "```text", *log[first:first + 20], "```"]
    if per_page:
        lines += ["", "Each page's checks alone: `python -m pytest -q -p no:randomly -p no:cacheprovider "
                  "-k <topic>` in a fresh process, import and collection included:", "",
                  "| page | `-k` | seconds | | result |", "|---|---|---:|---|---|",
                  *[row(f"`{p}`", f"`{t}`", f"{s:.1f}", verdict(s <= TARGETS["page"]), r) for p, t, s, r in per_page]]
    return lines + ["", "| page (HTML) | bytes |", "|---|---:|",
                    *[row(f"`{p}`", f"{b:,}") for p, b in weights if not p.startswith("checks/")]]


def lighthouse(url: str, raw: Path, dark: bool) -> dict:
    """Lighthouse's result for one page (mobile), in the suite's Chromium with the suite's
    flags; a failed run (a protocol timeout on a busy machine) is tried once more."""
    flags = " ".join(CHROMIUM_FLAGS + ["--force-dark-mode"] * dark)
    cmd = [str(LIGHTHOUSE), url, "--only-categories=" + ",".join(SCORES), f"--chrome-flags={flags}",
           "--disable-full-page-screenshot", "--no-enable-error-reporting", "--output=json", "--output=html",
           f"--output-path={raw}", "--quiet"]
    error = ""
    for _ in range(2):
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                                  env={**os.environ, "CHROME_PATH": chromium_path()})
        except subprocess.TimeoutExpired:
            error = "Lighthouse ran for more than 600 s"
            continue
        report = raw.with_name(raw.name + ".report.json")
        result = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {}
        if done.returncode == 0 and result and not result.get("runtimeError"):
            return summarise(result)
        failure = result.get("runtimeError") or {"code": f"exit {done.returncode}", "message": done.stderr[-300:]}
        error = f"{failure.get('code')}: {failure.get('message')}"
    return {"error": error}


def summarise(result: dict) -> dict:
    """Scores, bytes, elements, failing audits and requests that left the machine."""
    audits = result["audits"]
    requests = audits["network-requests"]["details"]["items"]
    failing = []
    for category in SCORES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < (0.9 if category == "performance" else 1):
                items = (audit.get("details") or {}).get("items", [])
                where = [(i.get("node") or {}).get("selector") or i.get("url") for i in items if isinstance(i, dict)]
                failing.append((f"{category}/{ref['id']}", audit["title"], audit.get("displayValue", ""),
                                [w for w in dict.fromkeys(where) if w][:3]))
    return {"scores": {c: round(result["categories"][c]["score"] * 100) for c in SCORES},
            "bytes": audits["total-byte-weight"]["numericValue"],
            "elements": audits["dom-size"]["numericValue"], "failing": failing,
            "external": [r["url"] for r in requests if not is_local(r["url"])],
            "warnings": result["runWarnings"], "seconds": result["timing"]["total"] / 1000,
            "meta": f"Lighthouse {result['lighthouseVersion']}, {result['environment']['hostUserAgent']}, "
                    f"form factor {result['configSettings']['formFactor']}"}


def material_defaults(ours: Path, project: Path) -> None:
    """Material's defaults on the same text: a project with nothing but the theme, whose
    pages are ours in Markdown without the snippet includes, and the figures they show."""
    for path in PAGE_TYPES:
        name = f"{path.strip('/') or 'index'}.md"
        markdown = "\n".join(line for line in (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines()
                             if not INCLUDE.match(line))
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_text(markdown + "\n", encoding="utf-8")
        for image in re.findall(r"!\[[^\]]*\]\(\s*([^)\s]+)", markdown):
            rel = os.path.normpath(os.path.join(os.path.dirname(name), image))
            if not urlparse(image).scheme and (ours / rel).is_file():
                (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(ours / rel, project / "docs" / rel)
    (project / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    done = Run([PYTHON, "-m", "mkdocs", "build", "--site-dir", str(ours.parent / "material")], cwd=project)
    if done.returncode:
        raise RuntimeError(f"material's defaults did not build:\n{done.output[-2000:]}")


class Compressing(http.server.SimpleHTTPRequestHandler):
    """Text sent gzip-compressed to a client that accepts it, as the hosts a static site is
    published on send it; anything else as Python's own file server sends it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or not path.is_file() \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()  # a folder without its slash is redirected there
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


def site_part(args, targets: list) -> list[str]:
    if not LIGHTHOUSE.exists():
        return ["Not measured: Lighthouse is not installed "
                "(`npm ci --ignore-scripts --prefix tools/lighthouse`)."]
    for folder in ("raw", "sites", "material-project"):
        shutil.rmtree(args.out / folder, ignore_errors=True)
    (args.out / "raw").mkdir(parents=True)
    say("site: the prebuild, then mkdocs build ...")
    built = build_site(ROOT, args.out / "sites" / "ours", strict=False)
    if built.returncode:
        return ["Not measured: the site did not build.", "", "```text", built.log[-3000:], "```"]
    runs = [("ours", "light")] + [("ours", "dark")] * args.dark + [("material", "light")] * args.baseline
    if args.baseline:  # material's defaults have one palette
        material_defaults(built.site, args.out / "material-project")
    rows, servers = [], {}
    try:
        for name, palette in runs:
            if name not in servers:  # the built site on 127.0.0.1, compressed, from a thread
                handler = functools.partial(Compressing, directory=str(args.out / "sites" / name))
                servers[name] = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
                threading.Thread(target=servers[name].serve_forever, daemon=True).start()
            for path, kind in PAGE_TYPES.items():
                say(f"lighthouse [{name}, {palette}] {path} ...")
                slug = f"{name}-{palette}-{path.strip('/').replace('/', '-') or 'home'}"
                url = f"http://127.0.0.1:{servers[name].server_address[1]}{path}"
                runs = [lighthouse(url, args.out / "raw" / f"{slug}-{i}", palette == "dark") for i in range(args.runs)]
                done = sorted((r for r in runs if "error" not in r), key=lambda r: r["scores"]["performance"])
                median = done[(len(done) - 1) // 2] if done else runs[0]  # the lower middle of an even count
                median["performances"] = [r["scores"]["performance"] for r in done]
                rows.append((name, palette, path, kind, median))
    finally:
        for server in servers.values():
            server.shutdown()
    table = ["| site | palette | page | type | " + " | ".join(SCORES) + " | transferred | elements |",
             "|---|---|---|---|---:|---:|---:|---:|---:|---:|"]
    failing: dict[str, list] = {}
    for name, palette, path, kind, r in rows:
        if "error" in r:
            table.append(row(name, palette, f"`{path}`", kind, f"Lighthouse failed: {r['error'][:200]}"))
            continue
        scores = [str(v) for v in r["scores"].values()]
        if len(r["performances"]) > 1:  # the median run's, with every run's beside it
            scores[0] += f" ({', '.join(map(str, r['performances']))})"
        table.append(row(name, palette, f"`{path}`", kind, *scores, size(r["bytes"]), f"{r['elements']:,.0f}"))
        for key, title, value, where in r["failing"]:
            entry = failing.setdefault(f"{name}: {key}", [title, value, [], set()])
            entry[2].append(f"`{path}`" + ("" if palette == "light" else f" ({palette})"))
            entry[3].update(where)
    ok = [r for name, *_, r in rows if "error" not in r]
    ours = [(kind, r) for name, _, _, kind, r in rows if name == "ours" and "error" not in r]
    heavy = [r for kind, r in ours if kind == "architecture" and r["bytes"] > TARGETS["architecture bytes"]]
    below = {c: sum(r["scores"][c] < n for _, r in ours) for c, n in SCORES.items()}
    failed = sum(name == "ours" and "error" in r for name, *_, r in rows)
    external = sorted({u for r in ok for u in r["external"]})
    targets += [(f"Lighthouse, mobile: our runs below target (of {len(ours)})",
                 ", ".join(f"{c} {n}" for c, n in below.items()) + (f"; Lighthouse failed on {failed}" if failed else ""),
                 "performance ≥ 90, the others 100; none below", not any(below.values()) and not failed),
                ("architecture pages over 1 MB on first load (transferred)", f"{len(heavy)} of "
                 f"{sum(kind == 'architecture' for kind, _ in ours)}", "none", not heavy),
                ("requests that left 127.0.0.1", len(external), "none", not external)]
    return [f"{ok[0]['meta'] if ok else 'Lighthouse'}; {min((r['seconds'] for r in ok), default=0):.0f}–"
            f"{max((r['seconds'] for r in ok), default=0):.0f} s a run; its own reports in `{args.out / 'raw'}`. "
            "What each column is, and why performance moves from run to run: scripts/README.md.", "",
            *table, *(["", *[f"- request that left the machine: {u}" for u in external]] if external else []),
            *(["", "Failing audits (performance below 90, the others below 100):", ""] if failing else []),
            *[f"- {key}: {title}{f' ({value})' if value else ''}; on {', '.join(pages)}"
              + (f"; e.g. {'; '.join(f'`{w}`' for w in sorted(where)[:3])}" if where else "")
              for key, (title, value, pages, where) in failing.items()],
            *[f"- Lighthouse warned: {w}" for w in sorted({w for r in ok for w in r["warnings"]})]]


def served(url: str, word: str, within: float) -> float | None:
    """Seconds until ``url`` is served with ``word`` in it, polled every 0.05 s."""
    start = time.perf_counter()
    while time.perf_counter() - start < within:
        try:
            with urllib.request.urlopen(url, timeout=5) as reply:
                if word in reply.read().decode("utf-8", errors="replace"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    return None


def serve_part(args, targets: list) -> list[str]:
    """``make serve`` on a scratch copy of the tree (its files that git does not ignore):
    after each save of a page, how long until the page is served with the new word."""
    url_path = "/" + SERVE_PAGE.removeprefix("docs/").removesuffix(".md") + "/"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder)
        for name in (n for n in files if n and (ROOT / n).is_file()):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
        (copy / "node_modules").symlink_to((ROOT / "node_modules").resolve())
        env = {"PYTHONPATH": str(copy)}  # the copy's harness, whose prebuild writes into the copy
        say("serve: the prebuild, then mkdocs serve, on a scratch copy ...")
        if (prebuild := Run([PYTHON, "-m", "whyitworks.prebuild"], cwd=copy, env=env)).returncode:
            return ["Not measured: the prebuild failed.", "", "```text", prebuild.output[-2000:], "```"]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        # The flags `make serve` gives `mkdocs serve`, read from the Makefile, on a free port.
        recipe = re.search(r"^serve:.*\n\t.*mkdocs serve(.*)$", (ROOT / "Makefile").read_text(), re.M)
        flags = re.sub(r"--dev-addr[ =]\S+", "", recipe.group(1) if recipe else "").split()
        command = ["mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen([PYTHON, "-m", *command], cwd=copy,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url, times = f"http://127.0.0.1:{port}{url_path}", []
        try:
            first = served(url, "</html>", 900)
            for i in range(EDITS if first is not None else 0):
                say(f"serve: edit {i + 1}/{EDITS} ...")
                with (copy / SERVE_PAGE).open("a", encoding="utf-8") as page:
                    page.write(f"\nreloadprobe{i}x{port}\n")
                if (seconds := served(url, f"reloadprobe{i}x{port}", 300)) is None:
                    break
                times.append(seconds)
                time.sleep(1)  # let the watcher settle before the next save
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    if first is None:
        return ["Not measured: `mkdocs serve` served no page within 900 s."]
    median = statistics.median(times) if len(times) == EDITS else float("inf")
    targets.append((f"`make serve` reload, save to new HTML served (median of {EDITS} edits)",
                    f"{median:.1f} s" if times else "none seen", f"≤ {TARGETS['reload']:.0f} s",
                    median <= TARGETS["reload"]))
    return [f"`{' '.join(command)}`, as `make serve` runs it (after the prebuild), on a scratch copy of the tree; "
            f"the first page was served {first:.1f} s after the start. Each edit appends a new word to "
            f"`{SERVE_PAGE}`; the time runs from the file's save until `{url_path}` is served with the word.",
            "", f"- reloads: {', '.join(f'{s:.1f}' for s in times) or 'none'} s"
            + (f"; median {median:.1f} s" if len(times) == EDITS else f" ({len(times)} of {EDITS} within 300 s)")]


def tree() -> str:
    """The commit measured, and how many paths differ from it."""
    head, dirty = (subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True).stdout
                   for cmd in (["rev-parse", "--short", "HEAD"], ["status", "--porcelain"]))
    return head.strip() + (f" plus {len(dirty.splitlines())} uncommitted paths" if dirty else "")


def where_it_ran(command: str, began: float, load_before: tuple, measured: str) -> list[str]:
    load = (load_before, os.getloadavg())
    return [f"Written by `{command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, in "
            f"{time.perf_counter() - began:.0f} s.", "",
            f"- machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, torch {version('torch')}",
            f"- tree: {measured} when the part began",
            "- load average (1/5/15 min) before: " + "; after: ".join(" / ".join(f"{x:.2f}" for x in a) for a in load),
            # Judged by the load before the part: the part's own work (Lighthouse, the suite)
            # raises the load after it on an idle machine too.
            *(["- **the machine was busy with other work**: the timings below are noisy and pessimistic; rerun "
               "on an idle machine before trusting a MISS"] if load[0][0] > os.cpu_count() * 0.75 else [])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated, of: " + ", ".join(PARTS))
    parser.add_argument("--quick", action="store_true", help="suite: skip the one-page-at-a-time loop")
    parser.add_argument("--dark", action="store_true", help="site: the dark palette too")
    parser.add_argument("--baseline", action="store_true", help="site: material's defaults too")
    parser.add_argument("--runs", type=int, default=1,
                        help="site: Lighthouse runs per page; each row is the run of median performance")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench-site"),
                        help="site: where the built sites and Lighthouse's reports go (default %(default)s)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file (default %(default)s)")
    args = parser.parse_args()
    if set(args.parts.split(",")) - set(PARTS):
        parser.error(f"--parts takes some of {', '.join(PARTS)}")
    sections = {}
    for part in (p for p in PARTS if p in args.parts.split(",")):
        began, load_before, targets, measured = time.perf_counter(), os.getloadavg(), [], tree()
        body = {"suite": suite_part, "site": site_part, "serve": serve_part}[part](args, targets)
        flags = [f for f in ("quick", "dark", "baseline") if getattr(args, f)]
        command = " ".join(["scripts/bench.py", f"--parts {part}", *(f"--{f}" for f in flags)])
        sections[part] = "\n".join([
            f"## {PARTS[part]}", "", *where_it_ran(command, began, load_before, measured), "",
            "| figure | measured | target | |", "|---|---|---|---|",
            *[row(w, m, t, verdict(ok)) for w, m, t, ok in targets], "", *body]) + "\n\n"
        say(sections[part])
    # Read at the end, so that parts run at the same time in two processes keep each other's figures.
    previous = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
    sections = {**dict(re.findall(r"<!-- part: (\w+) -->\n(.*?)(?=<!-- part: |\Z)", previous, re.S)), **sections}
    args.output.write_text(
        "# Benchmark\n\nWritten by `scripts/bench.py`, a section per part, each saying when and where it ran "
        "(`--parts` reruns some and keeps the others). A benchmark, not a test: it never fails the build.\n\n"
        + "".join(f"<!-- part: {p} -->\n{sections[p]}" for p in PARTS if p in sections).rstrip() + "\n",
        encoding="utf-8")
    say(f"(written to {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
