"""How fast and how heavy the knowledge base is: a benchmark, not a test.

    .venv/bin/python scripts/bench.py            # everything (a few minutes)
    .venv/bin/python scripts/bench.py --quick    # without the one-page-at-a-time loop

It measures, each in a fresh subprocess so that nothing is shared with this one:

* the size of the base: pages, claims, snippets;
* the whole suite, cold: ``python -m pytest -q -p no:randomly`` with an empty pytest
  cache (a fresh ``cache_dir``, so the repository's own ``.pytest_cache`` is left alone),
  and its ten slowest tests (``--durations``);
* the floor: a bare ``python -c "import torch, numpy"``, median of three, and the
  suite's multiple of it;
* the ten slowest snippets, timed one by one with ``whyitworks.runner.run_snippet`` in
  one process after a warm import (as the suite runs them: in-process, one thread);
* each page's checks alone, ``python -m pytest -q -k <topic>``, import included;
* the strict build, ``mkdocs build --strict`` into a temporary folder;
* the suite's peak memory: the memory of its whole process tree (pytest, the build,
  Chromium) as the sum of each process's PSS, sampled every 0.25 s (the RSS sum too,
  which counts pages shared between Chromium's processes once per process), and the
  largest single process (``wait4``'s ru_maxrss);
* the weight of every built page's HTML and of the whole site.

Each figure is printed with its target and PASS or MISS, and the report is written to
``scripts/bench_results.md``. The timings are wall-clock: on a shared machine they move
with the load, which the report records (load average before and after).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RESULTS = ROOT / "scripts" / "bench_results.md"
PYTHON = sys.executable

# Targets for a 2-core machine.
TARGET_SUITE_S = 60.0
TARGET_SUITE_X_FLOOR = 20.0
TARGET_PAGE_S = 5.0
TARGET_BUILD_S = 10.0
TARGET_PEAK_BYTES = 2 * 1024**3
SLOWEST_TESTS = 10  # the suite's slowest tests, from pytest --durations

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    """One command, timed."""

    cmd: list[str]
    seconds: float
    returncode: int
    output: str
    maxrss_bytes: int = 0  # the largest single process of the tree (wait4)
    tree_peak_bytes: int = 0  # the largest sum of PSS over the tree, sampled
    tree_peak_rss_bytes: int = 0  # the largest sum of RSS over the tree (counts shared pages twice)


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
        except OSError:
            continue
        # The command name is in parentheses and may itself contain spaces or ')'.
        fields = stat[stat.rfind(")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _pss(pid: int) -> int | None:
    """Proportional set size: resident bytes, with each shared page split among its users."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _tree_memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) bytes of ``pid`` and all its descendants, now. A shared page (Chromium's
    processes share many) counts once in the PSS sum and once per process in the RSS sum."""
    children = _children_map()
    pss_total, rss_total, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as f:
                rss = int(f.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            rss = 0
        pss = _pss(current)
        rss_total += rss
        pss_total += rss if pss is None else pss
        todo.extend(children.get(current, []))
    return pss_total, rss_total


def run(cmd: list[str], *, env: dict | None = None, sample_memory: bool = False,
        timeout: float = 1800) -> Run:
    """Run ``cmd`` in the repository root; time it and, if asked, sample its memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile(mode="w+b") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak = [0, 0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                pss, rss = _tree_memory(proc.pid)
                peak[0], peak[1] = max(peak[0], pss), max(peak[1], rss)
                stop.wait(0.25)

        sampler = threading.Thread(target=sample, daemon=True)
        if sample_memory:
            sampler.start()
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        if sample_memory:
            sampler.join()
        out.seek(0)
        output = out.read().decode(errors="replace")
    return Run(cmd, seconds, proc.returncode, output,
               maxrss_bytes=usage.ru_maxrss * 1024, tree_peak_bytes=peak[0],
               tree_peak_rss_bytes=peak[1])


def pytest_summary(output: str) -> str:
    """The last line pytest prints: '920 passed, 26 failed in 73.9s'."""
    for line in reversed(output.strip().splitlines()):
        if re.search(r"\b(passed|failed|error|errors|deselected|no tests ran)\b", line):
            return line.strip("= ").strip()
    return "(no summary line)"


def slowest_tests(output: str) -> list[tuple[float, str, str]]:
    """(seconds, phase, test id) from pytest's ``--durations`` section."""
    return [(float(s), phase, test) for s, phase, test in
            re.findall(r"^(\d+\.\d+)s (setup|call|teardown)\s+(\S.*)$", output, re.MULTILINE)]


# --------------------------------------------------------------------------- measures


def site_check_line(output: str) -> str:
    """The suite's own report of its background site check (see tests/conftest.py)."""
    match = re.search(r"site check \(in the background[^)]*\): (.*)", output)
    return match.group(1).strip() if match else "not reported"


def floor_runs(n: int = 3) -> list[float]:
    return [run([PYTHON, "-c", "import torch, numpy"]).seconds for _ in range(n)]


def time_snippets() -> list[dict]:
    """Time every claim snippet in one fresh process, after a warm import."""
    done = run([PYTHON, str(Path(__file__).resolve()), "--time-snippets-child"])
    for line in reversed(done.output.splitlines()):
        if line.startswith("{"):
            return json.loads(line)["snippets"]
    raise RuntimeError(f"the snippet timer printed no result:\n{done.output[-3000:]}")


def _time_snippets_child() -> None:
    """(runs in the child) Print one JSON line: each snippet's run time and result."""
    import torch

    torch.set_num_threads(1)  # as tests/conftest.py does
    from whyitworks.layout import ROOT as root
    from whyitworks.runner import run_snippet
    from whyitworks.snippets import iter_snippets

    snippets = iter_snippets()
    if snippets:  # warm-up: the first run pays torch's lazy initialisation
        run_snippet(root / snippets[0].path)
    timed = []
    with open(os.devnull, "w") as devnull:
        saved = os.dup(1)
        os.dup2(devnull.fileno(), 1)  # a snippet's prints must not mix with the result
        try:
            for snippet in snippets:
                start = time.perf_counter()
                result = run_snippet(root / snippet.path)
                timed.append({
                    "path": snippet.path,
                    "seconds": time.perf_counter() - start,
                    "passed": result.passed,
                })
        finally:
            os.dup2(saved, 1)
    print(json.dumps({"snippets": timed}))


def page_topics() -> list[tuple[str, str]]:
    """(page, topic) for every architecture page: the topic is what `-k` selects."""
    from whyitworks.pages import iter_pages

    return [(p.path, Path(p.path).stem) for p in iter_pages() if p.is_architecture_page]


def html_weights(site: Path) -> list[tuple[str, int]]:
    return sorted(
        (p.relative_to(site).as_posix(), p.stat().st_size) for p in site.rglob("*.html")
    )


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- report


def fmt_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, str, str]] = field(default_factory=list)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def target(self, what: str, value: str, target: str, ok: bool) -> None:
        self.targets.append((what, value, target, verdict(ok)))


def git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}" + (f" plus {len(dirty.splitlines())} uncommitted paths" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip the one-page-at-a-time loop")
    parser.add_argument("--output", type=Path, default=RESULTS,
                        help=f"where to write the Markdown report (default {RESULTS.relative_to(ROOT)})")
    parser.add_argument("--time-snippets-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_snippets_child:
        _time_snippets_child()
        return 0

    from whyitworks.pages import iter_pages
    from whyitworks.snippets import iter_snippets

    started = time.perf_counter()
    load_before = os.getloadavg()
    rep = Report()

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    # -- size of the base
    pages = iter_pages()
    arch = [p for p in pages if p.is_architecture_page]
    claims = sum(len(p.claims) for p in pages)
    snippets = iter_snippets()
    say(f"base: {len(pages)} pages ({len(arch)} architecture pages), {claims} claims, "
        f"{len(snippets)} claim snippets")

    # -- floor
    say("floor: python -c 'import torch, numpy' x3 ...")
    floors = floor_runs(3)
    floor = statistics.median(floors)

    # -- the whole suite, cold
    say("suite: python -m pytest -q -p no:randomly (cold cache) ...")
    with tempfile.TemporaryDirectory(prefix="wiw-bench-cache-") as cache:
        suite = run([PYTHON, "-m", "pytest", "-q", "-p", "no:randomly", "-o", f"cache_dir={cache}",
                     f"--durations={SLOWEST_TESTS}"], sample_memory=True)
    suite_summary = pytest_summary(suite.output)
    say(f"  {suite.seconds:.1f} s: {suite_summary}")

    # -- slowest snippets
    say("snippets: timing each with run_snippet in one warm process ...")
    timed = time_snippets()
    slowest = sorted(timed, key=lambda t: -t["seconds"])[:10]
    snippets_total = sum(t["seconds"] for t in timed)

    # -- strict build
    say("build: mkdocs build --strict ...")
    with tempfile.TemporaryDirectory(prefix="wiw-bench-site-") as site_dir:
        site = Path(site_dir) / "site"
        # The prebuild, then the strict build, as every build of the site runs them.
        build = run([PYTHON, "-c", "import sys; from pathlib import Path; "
                     "from whyitworks.sitecheck import build_site; "
                     f"b = build_site(Path({str(ROOT)!r}), Path({str(site)!r})); "
                     "print(b.log); sys.exit(b.returncode)"])
        weights = html_weights(site) if site.is_dir() else []
        site_bytes = folder_bytes(site) if site.is_dir() else 0
    build_lines = build.output.splitlines()
    first = next((i for i, line in enumerate(build_lines) if "WARNING" in line or "ERROR" in line), None)
    build_warnings = build_lines[first:first + 20] if first is not None else build_lines[-15:]
    say(f"  {build.seconds:.1f} s, exit {build.returncode}")

    # -- each page alone
    per_page: list[tuple[str, str, float, str]] = []
    if not args.quick:
        for page, topic in page_topics():
            say(f"page: pytest -k {topic} ...")
            done = run([PYTHON, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                        "-k", topic])
            per_page.append((page, topic, done.seconds, pytest_summary(done.output)))

    load_after = os.getloadavg()
    elapsed = time.perf_counter() - started

    # -- targets
    ratio = suite.seconds / floor if floor else float("inf")
    rep.target("whole suite, cold", f"{suite.seconds:.1f} s", f"≤ {TARGET_SUITE_S:.0f} s",
               suite.seconds <= TARGET_SUITE_S)
    rep.target("whole suite ÷ floor", f"{ratio:.1f}× (floor {floor:.2f} s)",
               f"≤ {TARGET_SUITE_X_FLOOR:.0f}×", ratio <= TARGET_SUITE_X_FLOOR)
    if per_page:
        worst = max(per_page, key=lambda row: row[2])
        misses = sum(row[2] > TARGET_PAGE_S for row in per_page)
        rep.target("one page's checks (slowest page)",
                   f"{worst[2]:.1f} s (`-k {worst[1]}`); {misses}/{len(per_page)} pages over",
                   f"≤ {TARGET_PAGE_S:.0f} s", misses == 0)
    rep.target("strict build", f"{build.seconds:.1f} s" + ("" if build.returncode == 0 else
               f" (build FAILED, exit {build.returncode})"), f"≤ {TARGET_BUILD_S:.0f} s",
               build.seconds <= TARGET_BUILD_S and build.returncode == 0)
    rep.target("peak memory of the suite (whole process tree)", fmt_bytes(suite.tree_peak_bytes),
               f"≤ {fmt_bytes(TARGET_PEAK_BYTES)}", suite.tree_peak_bytes <= TARGET_PEAK_BYTES)

    # -- the Markdown report
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    import torch  # only for its version; imported after every timing

    rep.add(
        "# Benchmark", "",
        f"Written by `scripts/bench.py{' --quick' if args.quick else ''}` on {now}, "
        f"in {elapsed:.0f} s. A benchmark, not a test: it never fails the build.", "",
        "## Where it ran", "",
        f"- machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, torch {torch.__version__}",
        f"- tree: {git_state()}",
        f"- load average (1/5/15 min) before: {load_before[0]:.2f} / {load_before[1]:.2f} / "
        f"{load_before[2]:.2f}; after: {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f}",
    )
    if max(load_before[0], load_after[0]) > (os.cpu_count() or 1) * 0.75:
        rep.add("- **the machine was busy with other work**: the timings below are noisy and "
                "pessimistic; rerun on an idle machine before trusting a MISS")
    rep.add(
        "", "## Targets", "",
        "| figure | measured | target | |", "|---|---|---|---|",
        *[f"| {w} | {v} | {t} | **{o}** |" for w, v, t, o in rep.targets],
        "", "## The base", "",
        f"- {len(pages)} pages, {len(arch)} of them architecture pages; {claims} claims; "
        f"{len(snippets)} claim snippets",
        "", "## The whole suite, cold", "",
        "`python -m pytest -q -p no:randomly`, with an empty pytest cache.", "",
        f"- wall time: {suite.seconds:.1f} s; exit code {suite.returncode}",
        f"- result: {suite_summary}",
        f"- floor (`python -c \"import torch, numpy\"`): {', '.join(f'{s:.2f}' for s in floors)} s; "
        f"median {floor:.2f} s; the suite is {ratio:.1f}× the floor",
        f"- peak memory: {fmt_bytes(suite.tree_peak_bytes)} for the whole process tree "
        f"(pytest, the build, Chromium; the sum of each process's PSS, sampled every 0.25 s; "
        f"the sum of RSS, which counts pages the Chromium processes share once per process, "
        f"peaked at {fmt_bytes(suite.tree_peak_rss_bytes)}); "
        f"{fmt_bytes(suite.maxrss_bytes)} for the largest single process (ru_maxrss)",
        f"- the site check, in the background from the start of the run: "
        f"{site_check_line(suite.output)}",
        "", f"The slowest of the suite's tests in that run (`--durations={SLOWEST_TESTS}`; the "
        "site tests run last and wait for the background build and browser, so their time is "
        "what was left of that work when everything else had finished):", "",
        "| seconds | phase | test |", "|---:|---|---|",
        *[f"| {sec:.1f} | {phase} | `{test}` |" for sec, phase, test in slowest_tests(suite.output)],
        "", "## The ten slowest snippets", "",
        f"Each run once with `whyitworks.runner.run_snippet` in one process after a warm "
        f"import, one thread. All {len(timed)} together: {snippets_total:.1f} s.", "",
        "| snippet | seconds | passed |", "|---|---:|---|",
        *[f"| `{t['path']}` | {t['seconds']:.2f} | {'yes' if t['passed'] else '**no**'} |"
          for t in slowest],
    )
    failing = [t["path"] for t in timed if not t["passed"]]
    if failing:
        rep.add("", f"Snippets that failed when timed: {', '.join(f'`{p}`' for p in failing)}")
    if per_page:
        rep.add(
            "", "## Each page's checks alone", "",
            "`python -m pytest -q -p no:randomly -p no:cacheprovider -k <topic>` in a fresh "
            "process, import and collection included.", "",
            "| page | `-k` | seconds | | result |", "|---|---|---:|---|---|",
            *[f"| `{p}` | `{t}` | {s:.1f} | {verdict(s <= TARGET_PAGE_S)} | {r} |"
              for p, t, s, r in per_page],
        )
    rep.add(
        "", "## The strict build", "",
        f"`mkdocs build --strict` into a temporary folder: {build.seconds:.1f} s, exit code "
        f"{build.returncode}.",
    )
    if build.returncode != 0:
        rep.add("", "The build failed; its warnings:", "", "```text", *build_warnings, "```")
    checks = [(p, b) for p, b in weights if p.startswith("checks/")]
    others = [(p, b) for p, b in weights if not p.startswith("checks/")]
    html_total = sum(b for _, b in weights)
    rep.add(
        "", "## Weight of the site", "",
        f"- whole site: {fmt_bytes(site_bytes)} ({site_bytes:,} bytes), of which HTML "
        f"{fmt_bytes(html_total)} in {len(weights)} files",
    )
    if checks:
        largest = max(checks, key=lambda row: row[1])
        rep.add(f"- the {len(checks)} generated checks pages, one per topic (`checks/`): "
                f"{fmt_bytes(sum(b for _, b in checks))} together; the largest "
                f"`{largest[0]}`, {largest[1]:,} bytes")
    rep.add("", "| page (HTML) | bytes |", "|---|---:|",
            *[f"| `{p}` | {b:,} |" for p, b in others])
    text = "\n".join(rep.lines) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {args.output})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
