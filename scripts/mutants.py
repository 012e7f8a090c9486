"""Mutation testing of the claim snippets: can each check fail?

Every numeric literal of every ``assert``'s test is bumped (+1, or ×1.01) and every
comparison flipped (``<`` ↔ ``>=``, ``==`` ↔ ``!=``, ``in`` ↔ ``not in``...), one change per
mutant, each run with ``whyitworks.runner.run_snippet`` in a worker that has imported
torch: KILLED if it fails, SURVIVED if it passes. Survivors are sorted into classes
(cannot fail, quantified, exact, margin, other); what each means, the exit status and
examples: scripts/README.md.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tokenize
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from whyitworks.runner import _callee as _call_name  # a call's name: `f` of `f(x)` and of `m.f(x)`

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
    flip: Mutant | None = None  # for a number: the flip of the comparison it sits in

    @property
    def where(self) -> str:
        return f"{self.snippet}:{self.line}:{self.col}"

    @property
    def survivor_class(self) -> str:  # a flip that survives: no number in its comparison matters
        flip_survived = self.flip is not None and self.flip.outcome == "survived"
        return ("quantified" if self.quantified else "cannot fail" if self.kind == "flip" or flip_survived
                else "exact" if self.context == "equality"
                else "margin" if self.context in ("threshold", "inequality", "tolerance", "exclusion") else "other")


def _col(lines: list[str], lineno: int, byte_col: int) -> int:
    """An AST column (UTF-8 bytes) as a column in characters."""
    return len(lines[lineno - 1].encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))


def _splice(lines: list[str], start: tuple[int, int], end: tuple[int, int], text: str) -> str:
    """The source with ``text`` between ``start`` and ``end``, each (line, column in characters)."""
    return ("".join(lines[:start[0] - 1]) + lines[start[0] - 1][:start[1]] + text
            + lines[end[0] - 1][end[1]:] + "".join(lines[end[0]:]))


def _bumped(value: int | float) -> str:
    if isinstance(value, int):
        return str(value + 1)
    return "0.01" if value == 0 else repr(float(f"{value * 1.01:.12g}"))


def _constant_only(node: ast.AST) -> bool:
    """True for a literal or arithmetic of literals: ``0.7``, ``-1``, ``2 ** -20``."""
    return all(isinstance(n, (ast.Constant, ast.UnaryOp, ast.BinOp, ast.unaryop, ast.operator))
               for n in ast.walk(node))


def _operand(compare: ast.Compare, child: ast.AST) -> int:
    return 0 if child is compare.left else 1 + compare.comparators.index(child)


def _up(node: ast.AST, parents: dict, top: ast.AST) -> list[tuple[ast.AST, ast.AST]]:
    """(child, parent) pairs from ``node`` up to the assert's test ``top``."""
    pairs = []
    while node is not top and (parent := parents.get(node)) is not None:
        pairs.append((node, parent))
        node = parent
    return pairs


def _enclosing_compare(child: ast.AST, parents: dict, top: ast.AST) -> tuple[int, int, int] | None:
    """The comparison (line, col, op index) that ``child`` ends up an operand of, if any."""
    return next(((node.lineno, node.col_offset, min(_operand(node, child), len(node.ops) - 1))
                 for child, node in _up(child, parents, top) if isinstance(node, ast.Compare)), None)


def _context(const: ast.Constant, parents: dict, top: ast.AST) -> tuple[str, tuple | None, str]:
    """What a literal does in its assert: (context, the comparison it feeds, and whether
    bumping it loosens or tightens the bound or tolerance it is; "" if not told)."""
    grows = float(_bumped(const.value)) > const.value
    parent = parents.get(const)
    # A rounding precision is neither looser nor tighter.
    tolerance = "" if isinstance(parent, ast.Call) and _call_name(parent) == "round" else _way(grows)
    for child, node in _up(const, parents, top):
        if isinstance(node, ast.Subscript) and child is node.slice:
            return "index", None, ""
        if isinstance(node, ast.keyword) and node.arg in TOLERANCE_KEYWORDS:
            return "tolerance", _enclosing_compare(node, parents, top), tolerance
        if isinstance(node, ast.Call) and child in node.args:
            name = _call_name(node)
            if ((name in ("isclose", "allclose", "assert_allclose") and node.args.index(child) >= 2)
                    or (name == "round" and node.args.index(child) == 1)):  # round: a precision
                return "tolerance", _enclosing_compare(node, parents, top), tolerance
            if name in EQUALITY_CALLS:
                return "equality", None, ""
            if name in ITERATION_CALLS:
                return "iteration", None, ""
        if isinstance(node, ast.Compare):
            index = _operand(node, child)
            adjacent = [i for i in (index - 1, index) if 0 <= i < len(node.ops)]
            ordering = [i for i in adjacent if isinstance(node.ops[i], ORDERING)]
            where = (node.lineno, node.col_offset)
            if ordering and not _constant_only(child):
                return "inequality", (*where, ordering[0]), ""
            if ordering:  # x < c bounds from above, c < x from below: is a larger c easier to hold?
                easier = {isinstance(node.ops[i], (ast.Lt, ast.LtE)) == (i < index) for i in ordering}
                told = child is const and len(easier) == 1  # inside an expression it is not read
                return "threshold", (*where, ordering[0]), _way(easier.pop() == grows) if told else ""
            if all(isinstance(node.ops[i], (ast.NotEq, ast.NotIn, ast.IsNot)) for i in adjacent):
                return "exclusion", (*where, adjacent[0]), ""  # one-sided: many values differ
            if isinstance(node.ops[index], ast.In) if index < len(node.ops) else False:
                return "membership", (*where, index), ""  # the element sought in a collection
            return "equality", (*where, adjacent[0]), ""
    return "other", None, ""


def _way(loosens: bool) -> str:
    return "loosened" if loosens else "tightened"


def _quantified(node: ast.AST, parents: dict, top: ast.AST) -> bool:
    """True if ``node`` sits under ``any(...)``, an ``or`` or ``x if c else y`` inside the assert's test."""
    return any(isinstance(p, ast.IfExp) or (isinstance(p, ast.Call) and _call_name(p) == "any")
               or (isinstance(p, ast.BoolOp) and isinstance(p.op, ast.Or)) for _, p in _up(node, parents, top))


def make_mutants(path: str, source: str) -> list[Mutant]:
    """Every mutant of one snippet, in source order."""
    tree = ast.parse(source, filename=path)
    lines = source.splitlines(keepends=True)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[Mutant] = []
    for node in (n for n in ast.walk(tree) if isinstance(n, ast.Assert)):
        test = node.test
        for sub in ast.walk(test):
            if isinstance(sub, ast.Constant) and type(sub.value) in (int, float):
                start = (sub.lineno, _col(lines, sub.lineno, sub.col_offset))
                end = (sub.end_lineno, _col(lines, sub.end_lineno, sub.end_col_offset))
                old, new = ast.get_source_segment(source, sub), _bumped(sub.value)
                context, compare, direction = _context(sub, parents, test)
                found.append(Mutant(path, sub.lineno, start[1] + 1, "number", f"{old} → {new}", context,
                                    _splice(lines, start, end, new), node.lineno, compare,
                                    _quantified(sub, parents, test), direction))
            elif isinstance(sub, ast.Compare):
                operands = [sub.left, *sub.comparators]
                for i, op in enumerate(sub.ops):
                    left, right = operands[i], operands[i + 1]
                    after = (left.end_lineno, _col(lines, left.end_lineno, left.end_col_offset))
                    before = (right.lineno, _col(lines, right.lineno, right.col_offset))
                    words = [t for t in tokens if t.type in (tokenize.OP, tokenize.NAME)
                             and t.string in OP_WORDS and after <= t.start and t.end <= before]
                    if words:
                        old, new = " ".join(w.string for w in words), FLIP[type(op)]
                        found.append(Mutant(path, words[0].start[0], words[0].start[1] + 1, "flip",
                                            f"`{old}` → `{new}`", "comparison",
                                            _splice(lines, words[0].start, words[-1].end, new), node.lineno,
                                            (sub.lineno, sub.col_offset, i), _quantified(sub, parents, test)))
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
    from whyitworks.runner import run_snippet

    folder = Path(tempfile.mkdtemp(prefix="wiw-mutant-"))
    try:
        for line in sys.stdin:
            job = json.loads(line)
            target = folder / job["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(job["source"], encoding="utf-8")
            for data in (ROOT / job["path"]).parent.iterdir():  # files a snippet reads beside it
                if data.is_file() and data.suffix != ".py" and not (target.parent / data.name).exists():
                    (target.parent / data.name).symlink_to(data)
            start = time.perf_counter()
            result = run_snippet(target, 0, ROOT)
            failure = result.failure
            answers.write(json.dumps({
                "passed": result.passed, "seconds": time.perf_counter() - start,
                "assert_lines": sorted(result.lines_run),  # the asserts that ran
                "kind": failure.kind if failure else "", "line": failure.line if failure else 0,
                "message": (failure.message if failure else "")[:300],
                "values": {str(k): v[:8] for k, v in result.values_by_line.items()}}) + "\n")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_jobs(jobs: list[tuple[object, dict, float]], workers: int, done) -> None:
    """Run each (key, job, time limit) in ``workers`` long-lived worker processes; call
    ``done(key, answer)`` as each finishes. A worker that dies or runs past a limit is replaced."""
    queue, lock = deque(jobs), threading.Lock()

    def start() -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker"], cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def drive(_) -> None:  # one thread per worker process
        proc = start()
        while True:
            with lock:
                if not queue:
                    break
                key, job, limit = queue.popleft()
            proc.stdin.write(json.dumps(job) + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline() if select.select([proc.stdout], [], [], limit)[0] else None
            with lock:
                done(key, json.loads(line) if line else {
                    "passed": False, "kind": "timeout" if line is None else "crash",
                    "message": "ran past its time limit" if line is None else "the worker process died"})
            if not line:
                proc.kill()
                proc.wait()
                proc = start()
        proc.stdin.close()
        proc.wait()

    count = min(max(1, workers), len(jobs))
    with ThreadPoolExecutor(max(1, count)) as threads:
        list(threads.map(drive, range(count)))  # list(): a thread's exception is raised here


def blind_spot(snippets) -> list[str]:
    """The asserts no mutant probes: no comparison to flip and no number to change."""
    asserts = [(s.path, a) for s in snippets for a in ast.walk(ast.parse(s.source)) if isinstance(a, ast.Assert)]
    no_compare = [(path, a) for path, a in asserts if not any(isinstance(n, ast.Compare) for n in ast.walk(a.test))]
    no_mutant = [(path, a) for path, a in no_compare
                 if not any(isinstance(n, ast.Constant) and type(n.value) in (int, float) for n in ast.walk(a.test))]
    lines = ["", f"Blind spot: {len(no_compare)} of the {len(asserts)} asserts hold no comparison to "
             f"flip (`assert torch.allclose(...)`, `assert torch.equal(...)`, `assert flag`), and "
             f"{len(no_mutant)} of them no number either, so no mutant probes them" + (":" if no_mutant else ".")]
    for path, a in sorted(no_mutant, key=lambda pa: (pa[0], pa[1].lineno)):
        test = ast.unparse(a.test)
        lines.append(f"- `{path}:{a.lineno}` `assert {test[:90]}{'…' if len(test) > 90 else ''}`")
    return lines


def survivor_notes(m: Mutant, baseline: dict) -> str:
    """What the unmutated run compared at the survivor's assert, where the number sits, and its flip."""
    values = baseline.get("values", {}).get(str(m.assert_line), [])
    shown = ", ".join(f"{v:,}" if isinstance(v, int) else f"{v:.4g}" for v in values[:6])
    shown += ", …" if len(values) > 6 else ""
    notes = (["this assert never ran"] if m.assert_line not in baseline["assert_lines"]
             else [f"compared {shown}"] if values else [])
    if m.kind == "number":
        notes.append(m.context + (f", {m.direction}" if m.direction else ""))
    if m.flip is not None:
        notes.append(f"its flip {m.flip.change} " + ("was killed" if m.flip.outcome == "killed" else "survived too"))
    return f"- `{m.where}` {m.change} — " + "; ".join(notes)


def report(mutants: dict[str, list[Mutant]], baseline: dict, by_path: dict, args, elapsed: float) -> tuple[str, bool]:
    """The report, and whether it fails the run (a survivor not allowed)."""
    runnable = [p for p in mutants if baseline[p]["passed"]]
    broken = [p for p in mutants if not baseline[p]["passed"]]
    rows = {}
    for path in runnable:
        survivors = Counter(m.survivor_class for m in mutants[path] if m.outcome == "survived")
        rows[f"`{path}`"] = Counter(mutants=len(mutants[path]), survived=sum(survivors.values()), **survivors,
                                    killed=sum(m.outcome == "killed" for m in mutants[path]))
    totals = rows["**total**"] = sum(rows.values(), Counter())
    survived = [m for p in runnable for m in mutants[p] if m.outcome == "survived"]
    how = Counter(m.how for p in runnable for m in mutants[p] if m.outcome == "killed")
    never = [(path, line) for path in sorted(runnable) for line in by_path[path].assert_lines
             if line not in baseline[path]["assert_lines"]]
    out = [f"# Mutants: {len(runnable)} snippets, {sum(len(mutants[p]) for p in runnable)} mutants "
           f"({elapsed:.0f} s, {args.jobs} jobs)", "",
           "| snippet | mutants | killed | survived | " + " | ".join(CLASSES) + " |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
           *[f"| {name} | " + " | ".join(str(row[c]) for c in ("mutants", "killed", "survived", *CLASSES)) + " |"
             for name, row in rows.items()],
           "", "Killed by: " + ", ".join(f"{k or '?'} {n}" for k, n in how.most_common()) + ".",
           *blind_spot([by_path[path] for path in runnable]), "",
           f"Asserts that never ran in the unmutated snippets (they cannot fail): {len(never)}"
           + (":" if never else "."), *[f"- `{path}:{line}`" for path, line in never]]
    if broken:
        out += ["", f"Skipped — the unmutated snippet fails ({len(broken)}):"]
        out += [f"- `{p}:{baseline[p].get('line', 0)}`: {baseline[p].get('kind')}: "
                f"{baseline[p].get('message', '')[:160]}" for p in broken]
    if survived:
        out += ["", "What each class of survivor means, and which to act on: the table in scripts/README.md."]
    for cls in CLASSES:
        survivors = [m for m in survived if m.survivor_class == cls]
        out += ["", f"## Survivors: {cls} ({len(survivors)})", ""] if survivors else []
        out += [survivor_notes(m, baseline[m.snippet]) for m in survivors]
    margin = [m for m in survived if m.survivor_class == "margin"]
    if margin:
        ways = Counter(m.direction or "undetermined" for m in margin)
        out += ["", f"Of the {len(margin)} margin survivors, {ways['loosened']} loosen their bound or "
                "tolerance (every value that passed before passes after, so no run could kill them), "
                f"{ways['tightened']} tighten it by less than the room the measured value has, and "
                f"{ways['undetermined']} sit in an expression or an exclusion, where the direction "
                "is not read."]
    fails = any(not (args.allow_margin and m.survivor_class == "margin") for m in survived)
    out += ["", f"{'FAIL' if fails else 'OK'}: {totals['killed']} killed, {totals['survived']} survived "
            f"({', '.join(f'{totals[c]} {c}' for c in CLASSES)})"
            + (" — margin survivors allowed" if args.allow_margin else "")]
    return "\n".join(out), fails


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="select", default="", help="only snippets whose path contains this substring")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--allow-margin", action="store_true",
                        help="exit 0 when the only survivors are margin survivors")
    parser.add_argument("--dry-run", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker()

    from whyitworks.snippets import iter_snippets

    snippets = [s for s in iter_snippets() if args.select in s.path and s.syntax_error is None]
    by_path = {s.path: s for s in snippets}
    mutants = {s.path: make_mutants(s.path, s.source) for s in snippets}
    print(f"{len(snippets)} snippets, {sum(map(len, mutants.values()))} mutants, {args.jobs} jobs", file=sys.stderr)
    if args.dry_run:
        for m in (m for found in mutants.values() for m in found):
            print(f"{m.where}: {m.kind} {m.change} [{m.context}]")
        print("\n".join(blind_spot(snippets)))
        return 0
    started = time.perf_counter()
    # 1. The unmutated snippets: they must pass, and their time sets each mutant's limit.
    baseline: dict[str, dict] = {}
    run_jobs([(s.path, {"path": s.path, "source": s.source}, 600.0) for s in snippets], args.jobs,
             baseline.__setitem__)
    # 2. The mutants, the slowest first: the workers finish together.
    jobs = sorted(((m, {"path": path, "source": m.source}, 20.0 + 5 * baseline[path].get("seconds", 10.0))
                   for path in mutants if baseline[path]["passed"] for m in mutants[path]), key=lambda job: -job[2])
    finished = [0]

    def record(mutant: Mutant, answer: dict) -> None:
        mutant.outcome, mutant.how = "survived" if answer["passed"] else "killed", answer.get("kind", "")
        finished[0] += 1
        if finished[0] % 50 == 0 or finished[0] == len(jobs):
            print(f"  {finished[0]}/{len(jobs)} mutants run", file=sys.stderr, flush=True)

    run_jobs(jobs, args.jobs, record)
    flips = {(m.snippet, m.compare): m for found in mutants.values() for m in found if m.kind == "flip"}
    for m in (m for found in mutants.values() for m in found if m.kind == "number" and m.compare):
        m.flip = flips.get((m.snippet, m.compare))
    text, fails = report(mutants, baseline, by_path, args, time.perf_counter() - started)
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
