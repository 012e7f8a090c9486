"""Mutation testing of the claim snippets: can each check fail?

    .venv/bin/python scripts/mutants.py                   # every snippet
    .venv/bin/python scripts/mutants.py -k cnn --jobs 2   # the snippets whose path has 'cnn'

For every claim snippet and every ``assert`` in it, this makes one mutant per change
to the assert's test (its message is left alone):

* every numeric literal (an ``int`` or ``float`` constant; booleans are not numbers):
  an integer gets +1, a float ×1.01 (0.0 becomes 0.01);
* every comparison operator flipped into its negation: ``<`` ↔ ``>=``, ``>`` ↔ ``<=``,
  ``==`` ↔ ``!=``, ``in`` ↔ ``not in``, ``is`` ↔ ``is not``.

Each mutant is the snippet's source with that one change spliced in (every other
line, comment and column untouched), written to a temporary file and run with
``whyitworks.runner.run_snippet`` — as the suite runs it: in a Python process that
already imported torch, seed 0, one thread, network refused. Worker processes are
reused from mutant to mutant (``--jobs`` of them); a mutant that runs past its
time limit is KILLED (timeout) and its worker replaced. A mutant is KILLED when the
run fails (an assert or any exception) and SURVIVES when it passes. A snippet whose
unmutated source fails is reported and skipped.

A survivor is not always a defect. The survivors are sorted into:

* **cannot fail** — a flipped comparison that still passes. For a plain comparison
  the flip is its negation, so one of the two must fail; if both pass, the comparison
  never decides the assert: the assert is never reached, it is vacuous (``all`` of
  nothing), or it is short-circuited past. A changed number in such a comparison is
  counted here too. A defect.
* **quantified** — any change under ``any(...)``, an ``or`` or ``x if c else y``:
  another element or the other branch may decide the assert. Read it.
* **exact** — a changed number in an equality (``==``, ``torch.equal``/``allclose``/
  ``isclose`` operands) that still passes: the check does not see that number, or
  arithmetic absorbs the +1 (``//``, ``ceil``), or it is an input that does not matter.
  Review.
* **margin** — a changed number in a one-sided check: a bound (``<``, ``<=``, ``>``,
  ``>=``), a tolerance (``atol=``, ``rtol=``, ``round``'s precision) or an excluded
  value (``!=``, ``not in``). A check with room to spare still holds when moved by 1%
  or 1; that is what a bound with margin does. The meaningful mutant of a bound is
  its flip, shown next to each margin survivor.
* **other** — a changed index, slice, ``range`` length or sought element (``x in
  ...``): usually a twin element (a square shape, identical layers). Review.

The exit status is 1 when any mutant survives; with ``--allow-margin``, margin
survivors alone do not fail the run.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
import tokenize
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLIP = {
    ast.Lt: (ast.GtE, "<", ">="), ast.GtE: (ast.Lt, ">=", "<"),
    ast.Gt: (ast.LtE, ">", "<="), ast.LtE: (ast.Gt, "<=", ">"),
    ast.Eq: (ast.NotEq, "==", "!="), ast.NotEq: (ast.Eq, "!=", "=="),
    ast.In: (ast.NotIn, "in", "not in"), ast.NotIn: (ast.In, "not in", "in"),
    ast.Is: (ast.IsNot, "is", "is not"), ast.IsNot: (ast.Is, "is not", "is"),
}
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
OP_WORDS = {"<", ">", "<=", ">=", "==", "!=", "in", "not", "is"}
TOLERANCE_KEYWORDS = {"atol", "rtol", "rel_tol", "abs_tol", "tol", "eps", "tolerance", "delta"}
EQUALITY_CALLS = {"allclose", "isclose", "equal", "array_equal", "assert_close",
                  "assert_allclose", "assert_equal", "isin"}
QUANTIFIER_CALLS = {"any"}
ITERATION_CALLS = {"range", "enumerate", "zip", "linspace", "arange"}

CLASSES = ("cannot fail", "quantified", "exact", "margin", "other")
CLASS_NOTE = {
    "cannot fail": "a flipped comparison still passes: this comparison never decides its assert",
    "quantified": "a change under any(), `or` or `x if c else y` still passes: another element "
                  "or the other branch decides the assert",
    "exact": "a changed number in an equality still passes: the check does not see it, or "
             "rounding absorbs it (`//`, ceil, an input that does not matter); review",
    "margin": "a bound, tolerance, rounding precision or excluded value moved by 1% / +1 still "
              "holds: expected of a one-sided check with room to spare; its flip is the test",
    "other": "a changed index, slice, count or sought element still passes: usually a twin "
             "element (a square shape, identical layers, a monotone sequence); review",
}


# --------------------------------------------------------------------------- mutants


@dataclass
class Mutant:
    snippet: str
    number: int
    line: int
    col: int  # 1-based, in characters
    kind: str  # "number" or "flip"
    change: str  # what was changed, as text
    context: str  # "equality", "threshold", "inequality", "tolerance", "index", "iteration", "other"
    source: str
    assert_line: int
    compare: tuple[int, int, int] | None = None  # (line, col) of its Compare node, op index
    quantified: bool = False
    # for a number in a bound or a tolerance: "loosened" (any value that passed before still
    # passes, so no run can kill it), "tightened", or "" when that cannot be told
    direction: str = ""
    # filled in by the run
    outcome: str = ""  # "killed" or "survived"
    how: str = ""  # the failure kind that killed it: assertion, error, timeout, crash
    message: str = ""
    flip_survived: bool = False  # for a number: the flip of its comparison survived too

    @property
    def where(self) -> str:
        return f"{self.snippet}:{self.line}:{self.col}"

    @property
    def survivor_class(self) -> str:
        if self.quantified:
            return "quantified"
        if self.kind == "flip" or self.flip_survived:
            return "cannot fail"  # the comparison never decides: no number in it matters
        if self.context == "equality":
            return "exact"
        if self.context in ("threshold", "inequality", "tolerance", "exclusion"):
            return "margin"
        return "other"


class _Source:
    """Positions in a source file, converted between AST byte offsets and characters."""

    def __init__(self, source: str) -> None:
        self.text = source
        self.lines = source.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def char_col(self, lineno: int, byte_col: int) -> int:
        line = self.lines[lineno - 1] if lineno <= len(self.lines) else ""
        return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))

    def offset(self, lineno: int, char_col: int) -> int:
        return self.starts[lineno - 1] + char_col

    def node_span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offset(node.lineno, self.char_col(node.lineno, node.col_offset))
        end = self.offset(node.end_lineno, self.char_col(node.end_lineno, node.end_col_offset))
        return start, end

    def splice(self, start: int, end: int, text: str) -> str:
        return self.text[:start] + text + self.text[end:]


def _bumped(value: int | float) -> str:
    if isinstance(value, int):
        return str(value + 1)
    return "0.01" if value == 0 else repr(float(f"{value * 1.01:.12g}"))


def _bumped_value(value: int | float) -> float:
    return float(_bumped(value))


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _constant_only(node: ast.AST) -> bool:
    """True for a literal or arithmetic of literals: ``0.7``, ``-1``, ``2 ** -20``."""
    return all(isinstance(n, (ast.Constant, ast.UnaryOp, ast.BinOp, ast.unaryop, ast.operator))
               for n in ast.walk(node))


def _enclosing_compare(child: ast.AST, parents: dict, top: ast.AST) -> tuple[int, int, int] | None:
    """The comparison (line, col, op index) that ``child`` ends up an operand of, if any."""
    node = parents.get(child)
    while node is not None and child is not top:
        if isinstance(node, ast.Compare):
            index = 0 if child is node.left else 1 + node.comparators.index(child)
            return node.lineno, node.col_offset, min(index, len(node.ops) - 1)
        child, node = node, parents.get(node)
    return None


def _context(const: ast.Constant, parents: dict, top: ast.AST) -> tuple[str, tuple[int, int, int] | None]:
    """What a literal does in its assert: (context, the comparison it feeds)."""
    child, node = const, parents.get(const)
    while node is not None and child is not top:
        if isinstance(node, ast.Subscript) and child is node.slice:
            return "index", None
        if isinstance(node, ast.keyword) and node.arg in TOLERANCE_KEYWORDS:
            return "tolerance", _enclosing_compare(node, parents, top)
        if isinstance(node, ast.Call) and child in node.args:
            name = _call_name(node)
            if name in ("isclose", "allclose", "assert_allclose") and node.args.index(child) >= 2:
                return "tolerance", _enclosing_compare(node, parents, top)
            if name == "round" and node.args.index(child) == 1:  # the precision of an equality
                return "tolerance", _enclosing_compare(node, parents, top)
            if name in EQUALITY_CALLS:
                return "equality", None
            if name in ITERATION_CALLS:
                return "iteration", None
        if isinstance(node, ast.Compare):
            index = 0 if child is node.left else 1 + node.comparators.index(child)
            adjacent = [i for i in (index - 1, index) if 0 <= i < len(node.ops)]
            ordering = [i for i in adjacent if isinstance(node.ops[i], ORDERING)]
            where = (node.lineno, node.col_offset)
            if ordering:
                kind = "threshold" if _constant_only(child) else "inequality"
                return kind, (*where, ordering[0])
            if all(isinstance(node.ops[i], (ast.NotEq, ast.NotIn, ast.IsNot)) for i in adjacent):
                return "exclusion", (*where, adjacent[0])  # one-sided: many values differ
            if isinstance(node.ops[index], ast.In) if index < len(node.ops) else False:
                return "membership", (*where, index)  # the element sought in a collection
            return "equality", (*where, adjacent[0])
        child, node = node, parents.get(node)
    return "other", None


def _direction(const: ast.Constant, parents: dict, top: ast.AST, context: str) -> str:
    """Whether bumping this literal loosens or tightens the check it sits in."""
    grows = _bumped_value(const.value) > const.value
    if context == "tolerance":
        node = parents.get(const)
        if isinstance(node, ast.Call) and _call_name(node) == "round":
            return ""  # a precision: neither looser nor tighter
        return "loosened" if grows else "tightened"
    if context != "threshold":
        return ""  # inside an expression: its effect on the bound is not read here
    node = parents.get(const)
    if not isinstance(node, ast.Compare):
        return ""
    index = 0 if const is node.left else 1 + node.comparators.index(const)
    sides = []  # for each ordering next to it: does a larger literal make it easier to hold?
    if index > 0 and isinstance(node.ops[index - 1], ORDERING):  # x < c: c is an upper bound
        sides.append(isinstance(node.ops[index - 1], (ast.Lt, ast.LtE)))
    if index < len(node.ops) and isinstance(node.ops[index], ORDERING):  # c < x: a lower bound
        sides.append(isinstance(node.ops[index], (ast.Gt, ast.GtE)))
    if not sides or len(set(sides)) > 1:
        return ""
    return "loosened" if sides[0] == grows else "tightened"


def _quantified(node: ast.AST, parents: dict, top: ast.AST) -> bool:
    """True if ``node`` sits under ``any(...)`` or an ``or`` inside the assert's test."""
    current = parents.get(node)
    while current is not None:
        if isinstance(current, ast.Call) and _call_name(current) in QUANTIFIER_CALLS:
            return True
        if isinstance(current, ast.BoolOp) and isinstance(current.op, ast.Or):
            return True
        if isinstance(current, ast.IfExp):
            return True
        if current is top:
            break
        current = parents.get(current)
    return False


def make_mutants(path: str, source: str) -> list[Mutant]:
    """Every mutant of one snippet, in source order."""
    tree = ast.parse(source, filename=path)
    text = _Source(source)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[Mutant] = []

    def add(**kwargs) -> None:
        found.append(Mutant(snippet=path, number=0, **kwargs))

    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert):
            continue
        test = node.test
        for sub in ast.walk(test):
            if isinstance(sub, ast.Constant) and type(sub.value) in (int, float):
                start, end = text.node_span(sub)
                old = text.text[start:end]
                new = _bumped(sub.value)
                context, compare = _context(sub, parents, test)
                add(line=sub.lineno, col=text.char_col(sub.lineno, sub.col_offset) + 1,
                    kind="number", change=f"{old} → {new}", context=context,
                    source=text.splice(start, end, new), assert_line=node.lineno,
                    compare=compare, quantified=_quantified(sub, parents, test),
                    direction=_direction(sub, parents, test, context))
            elif isinstance(sub, ast.Compare):
                operands = [sub.left, *sub.comparators]
                for i, op in enumerate(sub.ops):
                    left, right = operands[i], operands[i + 1]
                    after = (left.end_lineno, text.char_col(left.end_lineno, left.end_col_offset))
                    before = (right.lineno, text.char_col(right.lineno, right.col_offset))
                    words = [t for t in tokens
                             if t.type in (tokenize.OP, tokenize.NAME) and t.string in OP_WORDS
                             and after <= t.start and t.end <= before]
                    if not words:
                        continue
                    _, old, new = FLIP[type(op)]
                    start = text.offset(*words[0].start)
                    end = text.offset(*words[-1].end)
                    add(line=words[0].start[0], col=words[0].start[1] + 1, kind="flip",
                        change=f"`{old}` → `{new}`", context="comparison",
                        source=text.splice(start, end, new), assert_line=node.lineno,
                        compare=(sub.lineno, sub.col_offset, i), quantified=_quantified(sub, parents, test))
    found.sort(key=lambda m: (m.line, m.col, m.kind))
    for number, mutant in enumerate(found, start=1):
        mutant.number = number
    return found


# --------------------------------------------------------------------------- workers


def worker() -> None:
    """(runs in a worker process) Run the sources sent on stdin; answer one JSON line each."""
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # a snippet's prints and warnings must not mix with the answers
    os.dup2(devnull, 2)
    import torch

    torch.set_num_threads(1)  # as tests/conftest.py does
    from whyitworks import runner
    from whyitworks.runner import run_snippet

    # Which asserts ran: the runner's recorder is told of each assert as it runs.
    hits: set[int] | None = set()
    if hasattr(runner, "Recorder") and hasattr(runner.Recorder, "hit"):
        class Tracking(runner.Recorder):
            def hit(self, line: int) -> None:
                hits.add(line)
                super().hit(line)

        runner.Recorder = Tracking
    else:  # a runner without that hook: which asserts ran is unknown
        hits = None

    folder = Path(tempfile.mkdtemp(prefix="wiw-mutant-"))
    try:
        while True:
            line = sys.stdin.readline()
            if not line:
                return
            job = json.loads(line)
            target = folder / job["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(job["source"], encoding="utf-8")
            if hits is not None:
                hits.clear()
            start = time.perf_counter()
            result = run_snippet(target, 0, ROOT)
            failure = result.failure
            answers.write(json.dumps({
                "passed": result.passed,
                "kind": failure.kind if failure else "",
                "line": failure.line if failure else 0,
                "message": (failure.message if failure else "")[:300],
                "seconds": time.perf_counter() - start,
                "assert_lines": sorted(hits) if hits is not None else None,
                "values": {str(k): v[:8] for k, v in result.values_by_line.items()},
            }) + "\n")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Pool:
    """``jobs`` long-lived worker processes, one job each at a time, with time limits."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.selector = selectors.DefaultSelector()
        self.workers: list[subprocess.Popen] = []

    def _start(self) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )
        self.selector.register(proc.stdout, selectors.EVENT_READ, proc)
        return proc

    def _stop(self, proc: subprocess.Popen) -> None:
        self.selector.unregister(proc.stdout)
        proc.kill()
        proc.wait()

    def map(self, jobs: list[tuple[object, dict, float]], done) -> None:
        """Run each (key, job, time limit); call ``done(key, answer)`` as each finishes."""
        queue = deque(jobs)
        idle = [self._start() for _ in range(min(self.jobs, len(jobs)))]
        busy: dict[subprocess.Popen, tuple[object, float]] = {}
        while queue or busy:
            while idle and queue:
                proc = idle.pop()
                key, job, limit = queue.popleft()
                try:
                    proc.stdin.write(json.dumps(job) + "\n")
                    proc.stdin.flush()
                except BrokenPipeError:
                    self._stop(proc)
                    idle.append(self._start())
                    queue.appendleft((key, job, limit))
                    continue
                busy[proc] = (key, time.monotonic() + limit)
            wait = max(0.0, min(deadline for _, deadline in busy.values()) - time.monotonic())
            for selected, _ in self.selector.select(timeout=wait):
                proc = selected.data
                if proc not in busy:
                    continue
                key, _ = busy.pop(proc)
                line = proc.stdout.readline()
                if line:
                    done(key, json.loads(line))
                    idle.append(proc)
                else:  # the worker died under this job
                    done(key, {"passed": False, "kind": "crash", "message": "the worker process died"})
                    self._stop(proc)
                    idle.append(self._start())
            now = time.monotonic()
            for proc, (key, deadline) in list(busy.items()):
                if now > deadline:
                    busy.pop(proc)
                    done(key, {"passed": False, "kind": "timeout",
                               "message": "ran past its time limit"})
                    self._stop(proc)
                    idle.append(self._start())
        for proc in idle:
            self.selector.unregister(proc.stdout)
            proc.stdin.close()
            proc.wait()


# --------------------------------------------------------------------------- report


def blind_spot(snippets) -> list[str]:
    """The asserts no mutant probes: no comparison to flip and no number to change."""
    asserts = [(s.path, a) for s in snippets for a in ast.walk(ast.parse(s.source))
               if isinstance(a, ast.Assert)]
    no_compare = [(path, a) for path, a in asserts
                  if not any(isinstance(n, ast.Compare) for n in ast.walk(a.test))]
    no_mutant = [(path, a) for path, a in no_compare
                 if not any(isinstance(n, ast.Constant) and type(n.value) in (int, float)
                            for n in ast.walk(a.test))]
    lines = ["", f"Blind spot: {len(no_compare)} of the {len(asserts)} asserts hold no comparison to "
             f"flip (`assert torch.allclose(...)`, `assert torch.equal(...)`, `assert flag`), and "
             f"{len(no_mutant)} of them no number either, so no mutant probes them"
             + (":" if no_mutant else ".")]
    for path, a in sorted(no_mutant, key=lambda pa: (pa[0], pa[1].lineno)):
        test = ast.unparse(a.test)
        lines.append(f"- `{path}:{a.lineno}` `assert {test[:90]}{'…' if len(test) > 90 else ''}`")
    return lines


def _values(values: list) -> str:
    shown = [f"{v:,}" if isinstance(v, int) else f"{v:.4g}" for v in values[:6]]
    return ", ".join(shown) + (", …" if len(values) > 6 else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="select", default="",
                        help="only snippets whose path contains this substring")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--allow-margin", action="store_true",
                        help="exit 0 when the only survivors are margin survivors")
    parser.add_argument("--dry-run", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return 0

    from whyitworks.snippets import iter_snippets

    snippets = [s for s in iter_snippets() if args.select in s.path and s.syntax_error is None]
    by_path = {s.path: s for s in snippets}
    mutants = {s.path: make_mutants(s.path, s.source) for s in snippets}
    total = sum(len(m) for m in mutants.values())
    print(f"{len(snippets)} snippets, {total} mutants, {args.jobs} jobs", file=sys.stderr)
    if args.dry_run:
        for found in mutants.values():
            for m in found:
                print(f"{m.where}: {m.kind} {m.change} [{m.context}]")
        print("\n".join(blind_spot(snippets)))
        return 0

    pool = Pool(args.jobs)
    started = time.perf_counter()

    # 1. The unmutated snippets: they must pass, and their time sets each mutant's limit.
    baseline: dict[str, dict] = {}
    pool.map([(s.path, {"path": s.path, "source": s.source}, 600.0) for s in snippets],
             lambda key, answer: baseline.__setitem__(key, answer))
    runnable = [s.path for s in snippets if baseline[s.path]["passed"]]
    broken = [s.path for s in snippets if not baseline[s.path]["passed"]]

    # 2. The mutants.
    jobs = []
    for path in runnable:
        limit = 20.0 + 5 * baseline[path].get("seconds", 10.0)
        jobs += [((path, m.number), {"path": path, "source": m.source}, limit) for m in mutants[path]]
    jobs.sort(key=lambda job: -job[2])  # the slowest first: the workers finish together
    finished = [0]

    def record(key, answer) -> None:
        path, number = key
        mutant = mutants[path][number - 1]
        mutant.outcome = "survived" if answer["passed"] else "killed"
        mutant.how = answer.get("kind", "")
        mutant.message = answer.get("message", "")
        finished[0] += 1
        if finished[0] % 50 == 0 or finished[0] == len(jobs):
            print(f"  {finished[0]}/{len(jobs)} mutants run", file=sys.stderr, flush=True)

    pool.map(jobs, record)
    elapsed = time.perf_counter() - started
    by_compare = {(m.snippet, m.compare): m for p in runnable for m in mutants[p] if m.kind == "flip"}
    for path in runnable:
        for m in mutants[path]:
            flip = by_compare.get((path, m.compare)) if m.kind == "number" and m.compare else None
            m.flip_survived = flip is not None and flip.outcome == "survived"

    # 3. The report.
    out: list[str] = []
    say = out.append
    say(f"# Mutants: {len(runnable)} snippets, {sum(len(mutants[p]) for p in runnable)} mutants "
        f"({elapsed:.0f} s, {args.jobs} jobs)")
    say("")
    say("| snippet | mutants | killed | survived | cannot fail | quantified | exact | margin | other |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals: Counter = Counter()
    for path in runnable:
        found = mutants[path]
        survivors = Counter(m.survivor_class for m in found if m.outcome == "survived")
        killed = sum(m.outcome == "killed" for m in found)
        row = Counter(mutants=len(found), killed=killed, survived=sum(survivors.values()), **survivors)
        totals.update(row)
        say(f"| `{path}` | {row['mutants']} | {row['killed']} | {row['survived']} | "
            + " | ".join(str(row[c]) for c in CLASSES) + " |")
    say(f"| **total** | {totals['mutants']} | {totals['killed']} | {totals['survived']} | "
        + " | ".join(str(totals[c]) for c in CLASSES) + " |")
    say("")
    how = Counter(m.how for p in runnable for m in mutants[p] if m.outcome == "killed")
    say("Killed by: " + ", ".join(f"{k or '?'} {n}" for k, n in how.most_common()) + ".")
    for line in blind_spot([by_path[path] for path in runnable]):
        say(line)
    say("")
    if any(baseline[path].get("assert_lines") is None for path in runnable):
        say("Which asserts ran is unknown: the runner no longer reports each assert it runs.")
    else:
        never = [(path, a.lineno) for path in runnable
                 for a in ast.walk(ast.parse(by_path[path].source))
                 if isinstance(a, ast.Assert) and a.lineno not in baseline[path]["assert_lines"]]
        say(f"Asserts that never ran in the unmutated snippets (they cannot fail): {len(never)}"
            + ("." if not never else ":"))
        for path, line in sorted(never):
            say(f"- `{path}:{line}`")
    if broken:
        say("")
        say(f"Skipped — the unmutated snippet fails ({len(broken)}):")
        for path in broken:
            b = baseline[path]
            say(f"- `{path}:{b.get('line', 0)}`: {b.get('kind')}: {b.get('message', '')[:160]}")

    for cls in CLASSES:
        survivors = [m for p in runnable for m in mutants[p]
                     if m.outcome == "survived" and m.survivor_class == cls]
        if not survivors:
            continue
        say("")
        say(f"## Survivors: {cls} ({len(survivors)})")
        say("")
        say(CLASS_NOTE[cls] + ".")
        say("")
        for m in survivors:
            b = baseline[m.snippet]
            ran = m.assert_line in (b.get("assert_lines") or [m.assert_line])
            values = b.get("values", {}).get(str(m.assert_line), [])
            notes = []
            if not ran:
                notes.append("this assert never ran")
            elif values:
                notes.append(f"compared {_values(values)}")
            if m.kind == "number":
                notes.append(m.context + (f", {m.direction}" if m.direction else ""))
                flip = by_compare.get((m.snippet, m.compare)) if m.compare else None
                if flip is not None:
                    notes.append(f"its flip {flip.change} " + ("was killed" if flip.outcome == "killed" else "survived too"))
            say(f"- `{m.where}` {m.change} — " + "; ".join(notes))

    must_fail = [m for p in runnable for m in mutants[p] if m.outcome == "survived"
                 and not (args.allow_margin and m.survivor_class == "margin")]
    margin = [m for p in runnable for m in mutants[p]
              if m.outcome == "survived" and m.survivor_class == "margin"]
    if margin:
        ways = Counter(m.direction or "undetermined" for m in margin)
        say("")
        say(f"Of the {len(margin)} margin survivors, {ways['loosened']} loosen their bound or "
            "tolerance (every value that passed before passes after, so no run could kill them), "
            f"{ways['tightened']} tighten it by less than the room the measured value has, and "
            f"{ways['undetermined']} sit in an expression or an exclusion, where the direction "
            "is not read.")
    say("")
    say(f"{'FAIL' if must_fail else 'OK'}: {totals['killed']} killed, {totals['survived']} survived "
        f"({', '.join(f'{totals[c]} {c}' for c in CLASSES)})"
        + (" — margin survivors allowed" if args.allow_margin else ""))
    text = "\n".join(out)
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    return 1 if must_fail else 0


if __name__ == "__main__":
    sys.exit(main())
