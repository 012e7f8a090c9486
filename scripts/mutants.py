"""Mutation testing of the claim snippets: can each check fail?

    .venv/bin/python scripts/mutants.py                   # every snippet
    .venv/bin/python scripts/mutants.py -k cnn --jobs 2   # the snippets whose path has 'cnn'

Every numeric literal of every ``assert``'s test is bumped (+1, or ×1.01) and every
comparison flipped (``<`` ↔ ``>=``, ``==`` ↔ ``!=``, ``in`` ↔ ``not in``...), one change per
mutant, each run with ``whyitworks.runner.run_snippet`` in a worker that has imported
torch: KILLED if it fails, SURVIVED if it passes. Survivors are sorted into classes
(cannot fail, quantified, exact, margin, other); what each means, and the exit status:
scripts/README.md.
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

FLIP = {ast.Lt: ">=", ast.GtE: "<", ast.Gt: "<=", ast.LtE: ">", ast.Eq: "!=", ast.NotEq: "==",
        ast.In: "not in", ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is"}  # each to its negation
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
OP_WORDS = {"<", ">", "<=", ">=", "==", "!=", "in", "not", "is"}
TOLERANCE_KEYWORDS = {"atol", "rtol", "rel_tol", "abs_tol", "tol", "eps", "tolerance", "delta"}
EQUALITY_CALLS = {"allclose", "isclose", "equal", "array_equal", "assert_close",
                  "assert_allclose", "assert_equal", "isin"}
ITERATION_CALLS = {"range", "enumerate", "zip", "linspace", "arange"}

CLASSES = ("cannot fail", "quantified", "exact", "margin", "other")


@dataclass
class Mutant:
    snippet: str
    line: int
    col: int  # 1-based, in characters
    kind: str  # "number" or "flip"
    change: str  # what was changed, as text
    context: str  # "equality", "threshold", "inequality", "tolerance", "index", "iteration", "other"
    source: str
    assert_line: int
    compare: tuple[int, int, int] | None = None  # (line, col) of its Compare node, op index
    quantified: bool = False
    direction: str = ""  # for a bound or a tolerance: "loosened", "tightened", or "" if not told
    outcome: str = ""  # "killed" or "survived", from the run
    how: str = ""  # the failure kind that killed it: assertion, error, timeout, crash
    flip_survived: bool = False  # for a number: the flip of its comparison survived too

    @property
    def where(self) -> str:
        return f"{self.snippet}:{self.line}:{self.col}"

    @property
    def survivor_class(self) -> str:  # a flip that survives: no number in its comparison matters
        return ("quantified" if self.quantified else "cannot fail" if self.kind == "flip" or self.flip_survived
                else "exact" if self.context == "equality"
                else "margin" if self.context in ("threshold", "inequality", "tolerance", "exclusion") else "other")


class _Source:
    """Positions in a source file, converted between AST byte offsets and characters."""

    def __init__(self, source: str) -> None:
        self.text, self.lines, self.starts = source, source.splitlines(keepends=True), [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def char_col(self, lineno: int, byte_col: int) -> int:
        line = self.lines[lineno - 1] if lineno <= len(self.lines) else ""
        return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))

    def offset(self, lineno: int, char_col: int) -> int:
        return self.starts[lineno - 1] + char_col

    def node_span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, self.char_col(node.lineno, node.col_offset)),
                self.offset(node.end_lineno, self.char_col(node.end_lineno, node.end_col_offset)))

    def splice(self, start: int, end: int, text: str) -> str:
        return self.text[:start] + text + self.text[end:]


def _bumped(value: int | float) -> str:
    if isinstance(value, int):
        return str(value + 1)
    return "0.01" if value == 0 else repr(float(f"{value * 1.01:.12g}"))


def _call_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


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
            if ((name in ("isclose", "allclose", "assert_allclose") and node.args.index(child) >= 2)
                    or (name == "round" and node.args.index(child) == 1)):  # round: a precision
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
    grows = float(_bumped(const.value)) > const.value
    node = parents.get(const)
    if context == "tolerance":  # a rounding precision is neither looser nor tighter
        return "" if isinstance(node, ast.Call) and _call_name(node) == "round" else "loosened" if grows else "tightened"
    if context != "threshold" or not isinstance(node, ast.Compare):
        return ""  # inside an expression: its effect on the bound is not read here
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
        if (isinstance(current, ast.IfExp) or (isinstance(current, ast.Call) and _call_name(current) == "any")
                or (isinstance(current, ast.BoolOp) and isinstance(current.op, ast.Or))):
            return True
        current = None if current is top else parents.get(current)
    return False


def make_mutants(path: str, source: str) -> list[Mutant]:
    """Every mutant of one snippet, in source order."""
    tree = ast.parse(source, filename=path)
    text = _Source(source)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[Mutant] = []

    def add(**kwargs) -> None:
        found.append(Mutant(snippet=path, **kwargs))

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
                    old, new = " ".join(w.string for w in words), FLIP[type(op)]
                    start = text.offset(*words[0].start)
                    end = text.offset(*words[-1].end)
                    add(line=words[0].start[0], col=words[0].start[1] + 1, kind="flip",
                        change=f"`{old}` → `{new}`", context="comparison",
                        source=text.splice(start, end, new), assert_line=node.lineno,
                        compare=(sub.lineno, sub.col_offset, i), quantified=_quantified(sub, parents, test))
    return sorted(found, key=lambda m: (m.line, m.col, m.kind))


def worker() -> None:
    """(in a worker process) Run each snippet source sent on stdin, as the suite runs a snippet;
    answer one JSON line each. ``scripts/bench.py`` times the snippets with it too."""
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # a snippet's prints and warnings must not mix with the answers
    os.dup2(devnull, 2)
    import torch

    torch.set_num_threads(1)  # as tests/conftest.py does
    from whyitworks import runner
    from whyitworks.runner import run_snippet

    hits: set[int] = set()  # which asserts ran: the runner's recorder is told of each

    class Tracking(runner.Recorder):
        def hit(self, line: int) -> None:
            hits.add(line)
            super().hit(line)

    runner.Recorder = Tracking

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
            for data in (ROOT / job["path"]).parent.iterdir():  # files a snippet reads beside it
                if data.is_file() and data.suffix != ".py" and not (target.parent / data.name).exists():
                    (target.parent / data.name).symlink_to(data)
            hits.clear()
            start = time.perf_counter()
            result = run_snippet(target, 0, ROOT)
            failure = result.failure
            answers.write(json.dumps({
                "passed": result.passed, "seconds": time.perf_counter() - start, "assert_lines": sorted(hits),
                "kind": failure.kind if failure else "", "line": failure.line if failure else 0,
                "message": (failure.message if failure else "")[:300],
                "values": {str(k): v[:8] for k, v in result.values_by_line.items()}}) + "\n")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Pool:
    """``jobs`` long-lived worker processes, one job each at a time, with time limits."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.selector = selectors.DefaultSelector()

    def _start(self) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker"],
                                cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
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
                proc.stdin.write(json.dumps(job) + "\n")
                proc.stdin.flush()
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
                    done(key, {"passed": False, "kind": "timeout", "message": "ran past its time limit"})
                    self._stop(proc)
                    idle.append(self._start())
        for proc in idle:
            self.selector.unregister(proc.stdout)
            proc.stdin.close()
            proc.wait()


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
        jobs += [(m, {"path": path, "source": m.source}, limit) for m in mutants[path]]
    jobs.sort(key=lambda job: -job[2])  # the slowest first: the workers finish together
    finished = [0]

    def record(mutant: Mutant, answer: dict) -> None:
        mutant.outcome = "survived" if answer["passed"] else "killed"
        mutant.how = answer.get("kind", "")
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
    out = [f"# Mutants: {len(runnable)} snippets, {sum(len(mutants[p]) for p in runnable)} mutants "
           f"({elapsed:.0f} s, {args.jobs} jobs)", "",
           "| snippet | mutants | killed | survived | " + " | ".join(CLASSES) + " |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    totals: Counter = Counter()
    for path in [*runnable, None]:
        if path is None:
            row, path = totals, "**total**"
        else:
            survivors = Counter(m.survivor_class for m in mutants[path] if m.outcome == "survived")
            row = Counter(mutants=len(mutants[path]), survived=sum(survivors.values()), **survivors,
                          killed=sum(m.outcome == "killed" for m in mutants[path]))
            totals.update(row)
            path = f"`{path}`"
        out.append(f"| {path} | " + " | ".join(str(row[c]) for c in ("mutants", "killed", "survived", *CLASSES))
                   + " |")
    how = Counter(m.how for p in runnable for m in mutants[p] if m.outcome == "killed")
    out += ["", "Killed by: " + ", ".join(f"{k or '?'} {n}" for k, n in how.most_common()) + ".",
            *blind_spot([by_path[path] for path in runnable]), ""]
    never = [(path, a.lineno) for path in runnable for a in ast.walk(ast.parse(by_path[path].source))
             if isinstance(a, ast.Assert) and a.lineno not in baseline[path]["assert_lines"]]
    out.append(f"Asserts that never ran in the unmutated snippets (they cannot fail): {len(never)}"
               + ("." if not never else ":"))
    out += [f"- `{path}:{line}`" for path, line in sorted(never)]
    if broken:
        out += ["", f"Skipped — the unmutated snippet fails ({len(broken)}):"]
        out += [f"- `{p}:{baseline[p].get('line', 0)}`: {baseline[p].get('kind')}: "
                f"{baseline[p].get('message', '')[:160]}" for p in broken]
    survived = [m for p in runnable for m in mutants[p] if m.outcome == "survived"]
    if survived:
        out += ["", "What each class of survivor means, and which to act on: the table in scripts/README.md."]
    for cls in CLASSES:
        survivors = [m for m in survived if m.survivor_class == cls]
        if survivors:
            out += ["", f"## Survivors: {cls} ({len(survivors)})", ""]
        for m in survivors:
            b = baseline[m.snippet]
            values = b.get("values", {}).get(str(m.assert_line), [])
            notes = (["this assert never ran"] if m.assert_line not in b["assert_lines"]
                     else [f"compared {_values(values)}"] if values else [])
            flip = by_compare.get((m.snippet, m.compare)) if m.kind == "number" and m.compare else None
            if m.kind == "number":
                notes.append(m.context + (f", {m.direction}" if m.direction else ""))
            if flip is not None:
                notes.append(f"its flip {flip.change} " + ("was killed" if flip.outcome == "killed" else "survived too"))
            out.append(f"- `{m.where}` {m.change} — " + "; ".join(notes))
    must_fail = [m for m in survived if not (args.allow_margin and m.survivor_class == "margin")]
    margin = [m for m in survived if m.survivor_class == "margin"]
    if margin:
        ways = Counter(m.direction or "undetermined" for m in margin)
        out += ["", f"Of the {len(margin)} margin survivors, {ways['loosened']} loosen their bound or "
                "tolerance (every value that passed before passes after, so no run could kill them), "
                f"{ways['tightened']} tighten it by less than the room the measured value has, and "
                f"{ways['undetermined']} sit in an expression or an exclusion, where the direction "
                "is not read."]
    out += ["", f"{'FAIL' if must_fail else 'OK'}: {totals['killed']} killed, {totals['survived']} survived "
            f"({', '.join(f'{totals[c]} {c}' for c in CLASSES)})"
            + (" — margin survivors allowed" if args.allow_margin else "")]
    text = "\n".join(out)
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    return 1 if must_fail else 0


if __name__ == "__main__":
    sys.exit(main())
