"""Hunt for flaky checks: the whole suite in many random orders (pytest-randomly), then
every training-based snippet, and the claims that show one, under other seeds. How each
is judged (a tree edited during the hunt is told apart from a flake), and examples:
scripts/README.md. The exit status is 1 if any run had a failure or an error.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench import PYTHON, ROOT, Run, row  # one way to run and time a command, and to write a table

TRAINING_RE = re.compile(r"\.backward\(|torch\.optim\b|from\s+torch\s+import\s+[^\n]*\boptim\b")
HELPER_IMPORT_RE = re.compile(r"^\s*(?:from|import)\s+(snippets(?:\.\w+)+)", re.MULTILINE)
TREE = ("docs", "snippets", "tests", "whyitworks", "mkdocs.yml", "pyproject.toml")


def tree_fingerprint() -> str:
    """A short hash of every file the suite reads: path, size and modification time."""
    digest = hashlib.sha1()
    for base in (ROOT / top for top in TREE):
        for path in [base] if base.is_file() else sorted(base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(ROOT)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:8]


@dataclass
class Outcome:
    label: str
    seconds: float
    returncode: int
    tree: str  # the tree's fingerprint; "before→after" if it changed while the run ran
    passed: int = 0
    skipped: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # test → its message
    errors: dict[str, str] = field(default_factory=dict)
    note: str = ""

    @property
    def bad(self) -> dict[str, str]:
        return {**self.failed, **self.errors}

    @property
    def ok(self) -> bool:
        return not self.bad and self.returncode in (0, 5) and not self.note

    @property
    def stable(self) -> bool:  # nobody changed the tree while this run ran
        return "→" not in self.tree


def run_pytest(label: str, args: list[str]) -> Outcome:
    """One pytest process; its counts are read from a JUnit XML file."""
    with tempfile.TemporaryDirectory(prefix="wiw-flakes-") as tmp:
        xml = Path(tmp) / "junit.xml"
        before = tree_fingerprint()
        done = Run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}", *args])
        after = tree_fingerprint()
        o = Outcome(label, done.seconds, done.returncode, before if after == before else f"{before}→{after}")
        tail = " | ".join(line for line in done.output.strip().splitlines()[-4:] if line)
        wrote = xml.is_file()
        for case in ET.parse(xml).getroot().iter("testcase") if wrote else []:
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            problem = next((c for c in case if c.tag in ("failure", "error")), None)
            if problem is not None:
                message = " ".join((problem.get("message") or problem.text or "").split())[:240]
                (o.failed if problem.tag == "failure" else o.errors)[name] = message
            elif any(c.tag == "skipped" for c in case):
                o.skipped += 1
            else:
                o.passed += 1
    if not wrote:
        o.note = f"pytest exited {done.returncode} and wrote no report: {tail}"
    elif done.returncode not in (0, 1, 5):  # 2: interrupted, 3: internal error, 4: usage
        o.note = f"pytest exited {done.returncode}: {tail}"
    print(f"  {o.seconds:.1f} s: {o.passed} passed, {len(o.failed)} failed, {len(o.errors)} errors"
          + ("" if o.stable else " (the tree changed during the run)") + (f" ({o.note})" if o.note else ""),
          file=sys.stderr, flush=True)
    return o


def training_snippets() -> list[tuple[str, str]]:
    """(snippet path, why) for every snippet that trains, itself or through a helper it imports."""
    from whyitworks.snippets import iter_snippets

    found = []
    for snippet in iter_snippets():
        via = [m for m in dict.fromkeys(HELPER_IMPORT_RE.findall(snippet.source))
               if (helper := ROOT / (m.replace(".", "/") + ".py")).is_file()
               and TRAINING_RE.search(helper.read_text(encoding="utf-8"))]
        if (own := TRAINING_RE.search(snippet.source)) or via:
            found.append((snippet.path, "its own source" if own else "through " + ", ".join(via)))
    return found


def seed_selection() -> tuple[list[tuple[str, str]], dict[str, list[str]], list[str]]:
    """The training snippets, the claims that show them (test name → files) and the
    pytest node ids of both. Claim ids carry the page's line number, so this is read
    again right before each run: pages may be edited while the hunt goes on."""
    from whyitworks.pages import iter_pages

    trained = training_snippets()
    paths = {path for path, _ in trained}
    claims = [c for p in iter_pages() for c in p.claims if paths & set(c.files)]
    ids = [f"tests/test_snippets.py::test_snippet[{path}]" for path, _ in trained]
    ids += [f"tests/test_contracts.py::test_claim[{c.where}]" for c in claims]
    return trained, {f"tests.test_contracts::test_claim[{c.where}]": c.files for c in claims}, ids


def short(name: str) -> str:
    return name.replace("tests.test_", "test_", 1)


def table(outcomes: list[Outcome]) -> list[str]:
    return ["| run | seconds | passed | failed | errors | skipped | tree | |", "|---|---:|---:|---:|---:|---:|---|---|",
            *[row(o.label, f"{o.seconds:.1f}", o.passed, len(o.failed), len(o.errors), o.skipped, f"`{o.tree}`",
                  "ok" if o.ok else "**FAIL**") for o in outcomes]]


def orders_report(orders: list[Outcome], heading: str) -> list[str]:
    """A flake is a check whose result differs between runs of the same, unchanged tree."""
    by_tree: dict[str, list[Outcome]] = defaultdict(list)
    for o in (o for o in orders if o.stable):
        by_tree[o.tree].append(o)
    groups = [g for g in by_tree.values() if len(g) >= 2]
    flaky: dict[str, list[Outcome]] = {}
    for group in groups:
        for name, c in Counter(name for o in group for name in o.bad).items():
            if c < len(group):
                flaky.setdefault(name, []).extend(o for o in group if name in o.bad)
    counts = Counter(name for o in orders for name in o.bad)
    always = sorted(n for n, c in counts.items() if c == len(orders))
    changing = sorted(n for n in counts if n not in always and n not in flaky)
    out = [heading, "", *table(orders), ""]
    if len(by_tree) > 1 or any(not o.stable for o in orders):
        out += [f"The tree changed during the hunt ({len({t for o in orders for t in o.tree.split('→')})} "
                "states): results are compared only between runs of the same unchanged tree.", ""]
    if flaky:
        out += [f"FLAKY — on the same tree, fail in some orders and pass in others ({len(flaky)}):",
                *[f"- {short(name)}: failed in {', '.join(o.label for o in runs)} — {runs[0].bad[name]}"
                  for name, runs in sorted(flaky.items())]]
    elif not changing:  # no check failed in some runs only
        out.append(f"No order-dependent failure: every check gave the same result in all {len(orders)} orders.")
    elif groups:
        out.append(f"No order-dependent failure among the {sum(map(len, groups))} runs that saw the same tree.")
    else:
        out.append("No two runs saw the same unchanged tree and their results differ: order "
                   "dependence could not be judged; rerun on a quiet tree.")
    if always:
        out += ["", f"Failing in every order — broken, not flaky ({len(always)}):",
                *[f"- {short(name)} — {next(o.bad[name] for o in orders if name in o.bad)[:160]}"
                  for name in always]]
    if changing:
        out += ["", f"Failing in some runs only, across different trees — edits, not order ({len(changing)}):",
                *[f"- {short(name)}: " + ", ".join(f"{o.label} (tree {o.tree})" for o in orders if name in o.bad)
                  for name in changing]]
    return out + [f"- {o.label}: {o.note}" for o in orders if o.note] + [""]


def seeds_report(seeded: list[Outcome], trained: list[tuple[str, str]], claim_files: dict[str, list[str]],
                 seeds: list[int]) -> list[str]:
    """Which checks fail under some seed, and why."""
    counts = Counter(name for o in seeded for name in o.bad)
    direct = sum(why == "its own source" for _, why in trained)
    out = [f"## {len(trained)} training snippets and the {len(claim_files)} claims that show them, under seeds "
           f"{', '.join(map(str, seeds))}", "", f"Training-based: {direct} call `.backward(` or use `torch.optim` "
           f"themselves, {len(trained) - direct} through a helper they import.", "", *table(seeded), ""]
    out.append("Failing under some seed (a check that holds only for seed 0 is luck; one that fails under "
               "seed 0 too is broken):" if counts else "Every training snippet and its claims hold under every seed.")
    for name, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        runs = [o for o in seeded if name in o.bad]
        if "test_snippet[" in name:
            kind = "the snippet's assert fails"
        elif any(f"tests.test_snippets::test_snippet[{f}]" in o.bad for o in runs for f in claim_files.get(name, [])):
            kind = "its snippet fails (above), so its numbers cannot be checked"
        else:
            kind = "the sentence states a number the snippet asserts only under some seeds"
        if all(not o.stable for o in runs):
            kind += " (but the tree changed during each such run: rerun before trusting it)"
        out.append(f"- {short(name)}: {c}/{len(seeded)} runs ({', '.join(o.label for o in runs)}) "
                   f"— {kind}: {runs[0].bad[name][:200]}")
    return out + [f"- {o.label}: {o.note}" for o in seeded if o.note] + [""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20,
                        help="how many random orders of the whole suite (default 20; 0 skips part 1)")
    parser.add_argument("--first-order-seed", type=int, default=1,
                        help="the --randomly-seed of the first run; run i uses this + i (default 1)")
    parser.add_argument("--seeds", default="1,2,3,4,5",
                        help="the suite seeds to rerun the training snippets under, besides the "
                             "reference seed 0 (comma-separated; empty skips part 2; default 1,2,3,4,5)")
    parser.add_argument("--skip-slow", action="store_true",
                        help='deselect the site build and browser tests (-m "not slow")')
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    if args.runs and importlib.util.find_spec("pytest_randomly") is None:
        print("the random orders need pytest-randomly, which is not installed: "
              "`.venv/bin/python -m pip install -c constraints.txt pytest-randomly` "
              "(or run with --runs 0 for the seeds alone)", file=sys.stderr)
        return 2
    marker = ["-m", "not slow"] if args.skip_slow else []
    # -- part 1: random orders
    orders: list[Outcome] = []
    for k in range(args.first_order_seed, args.first_order_seed + args.runs):
        print(f"order {len(orders) + 1}/{args.runs}: --randomly-seed={k} ...", file=sys.stderr, flush=True)
        orders.append(run_pytest(f"order {k}", ["-p", "randomly", f"--randomly-seed={k}", *marker]))
    if orders:
        slow = ' (-m "not slow")' if args.skip_slow else ""
        print("\n".join(orders_report(orders, f"## The whole suite in {len(orders)} random orders{slow}")), flush=True)
    # -- part 2: training snippets under other seeds
    seeded: list[Outcome] = []
    runs_of_seeds = ([0] if 0 not in seeds else []) + seeds if seeds else []
    for seed in runs_of_seeds:
        label = f"seed {seed}" + (" (reference)" if seed == 0 else "")
        for attempt in (1, 2):
            trained, claim_files, ids = seed_selection()
            print(f"{label}: {len(trained)} training snippets, {len(claim_files)} claims ...",
                  file=sys.stderr, flush=True)
            o = run_pytest(label, ["-p", "no:randomly", f"--seed={seed}", *ids])
            if o.returncode != 4 or attempt == 2:  # 4: an id not found, a page edited meanwhile
                break
        seeded.append(o)
    if seeded:
        print("\n".join(seeds_report(seeded, trained, claim_files, runs_of_seeds)), flush=True)
    bad = [o for o in orders + seeded if not o.ok]
    print(f"{'FAIL' if bad else 'OK'}: {len(orders)} order runs, {len(seeded)} seed runs, {len(bad)} with a failure.")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
