"""Run a snippet in this interpreter and record what its asserts compared.

Each snippet runs once per seed, as ``__main__``, from its own file (so tracebacks
name its lines), seeded, with the network refused. Before it runs, every ``assert``
is rewritten so that the values its test compares (the operands of each comparison,
the arguments of ``allclose``-like calls) are recorded as they are evaluated — nothing
is evaluated twice and short-circuits still short-circuit.
The recorded numbers are what the claim checker compares a sentence against: a
number in a sentence must be a number an assert actually compared.
"""

from __future__ import annotations

import ast
import builtins
import numbers
import os
import random
import socket
import sys
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whyitworks.layout import ROOT, SEED_ENV, rel

MAX_ELEMENTS = 64  # a tensor or tuple with more elements is not a stated number
# A snippet that runs longer than this is stopped and reported: a check is meant to take
# well under two seconds (the benchmark reports the real times); the budget only catches
# a snippet that hangs or trains far more than a claim needs, generously for slow machines.
TIME_BUDGET_S = int(os.environ.get("WHYITWORKS_SNIPPET_BUDGET", "60"))
# Where model caches live: empty during a run, so no snippet can lean on weights that one
# machine happens to have downloaded before.
CACHE_VARIABLES = ("TORCH_HOME", "HF_HOME", "XDG_CACHE_HOME", "HUGGINGFACE_HUB_CACHE")


class OverBudget(RuntimeError):
    """Raised inside a snippet that runs past ``TIME_BUDGET_S``."""


class NetworkUse(RuntimeError):
    """Raised inside a snippet that tries to open a connection or resolve a name."""


@dataclass
class Failure:
    """Why a snippet run did not pass."""

    kind: str  # "assertion", "error", "network", "no-assert", "syntax"
    line: int
    message: str
    source_line: str = ""
    values: list = field(default_factory=list)


@dataclass
class RunResult:
    path: str
    seed: int
    values: list = field(default_factory=list)  # every number an assert compared
    values_by_line: dict[int, list] = field(default_factory=dict)  # all of them, by assert line
    # (value, side) for each value an assert kept something on one side of, by line: the
    # right-hand operand of ``x > b`` is a bound x was kept above ("greater"), of ``x < b``
    # one it was kept below ("less"), as "above b" and "below b" say in a sentence
    bounds_by_line: dict[int, list] = field(default_factory=dict)
    asserts_run: int = 0
    lines_run: set[int] = field(default_factory=set)  # the assert lines that executed
    failure: Failure | None = None

    @property
    def passed(self) -> bool:
        return self.failure is None


def _numbers_in(value, out: list, depth: int = 0) -> None:
    """Append the plain numbers a value stands for: scalars, small tensors, shapes."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, numbers.Number):
        if isinstance(value, numbers.Integral):
            out.append(int(value))
        elif isinstance(value, numbers.Real):
            out.append(float(value))
        return
    numel = getattr(value, "numel", None) or getattr(value, "size", None)
    if hasattr(value, "tolist") and hasattr(value, "dtype"):  # torch.Tensor, np.ndarray, np scalar
        try:
            count = numel() if callable(numel) else int(numel)
        except TypeError:
            return
        if count <= MAX_ELEMENTS and "bool" not in str(value.dtype) and "complex" not in str(value.dtype):
            items = value.tolist()
            _numbers_in(items if isinstance(items, list) else [items], out, depth + 1)
        return
    if isinstance(value, (tuple, list)) and depth < 3 and len(value) <= MAX_ELEMENTS:
        for item in value:
            _numbers_in(item, out, depth + 1)


class Recorder:
    """Collects the values that asserts compare, per line."""

    def __init__(self) -> None:
        self.values: list = []
        self.by_line: dict[int, list] = {}  # every value each assert line compared
        self.bounds_by_line: dict[int, list] = {}  # (value, side) of each bound, per line
        self.last_by_line: dict[int, list] = {}  # what it compared the last time it ran
        self.asserts_run = 0
        self.lines_run: set[int] = set()

    def record(self, value, line: int, side: str | None = None):
        found: list = []
        try:
            _numbers_in(value, found)
        except Exception:  # noqa: BLE001 - a value that cannot be read (a meta tensor) is skipped
            found = []
        if found:
            self.values.extend(found)
            self.by_line.setdefault(line, []).extend(found)
            self.last_by_line.setdefault(line, []).extend(found)
            if side is not None and len(found) == 1:  # a bound is one number
                self.bounds_by_line.setdefault(line, []).append((found[0], side))
        return value

    def hit(self, line: int) -> None:
        self.asserts_run += 1
        self.lines_run.add(line)
        self.last_by_line[line] = []


EQUALITY_CALLS = {"allclose", "isclose", "equal", "array_equal", "array_almost_equal", "assert_close"}
# Calls and methods that reduce a difference to one number: abs(a - b), (a - b).abs().max(), …
REDUCERS = {"abs", "fabs", "max", "amax", "norm", "vector_norm", "item", "float", "mean", "sum"}


def _callee(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _difference(node: ast.expr) -> ast.BinOp | None:
    """The ``a - b`` inside ``abs(a - b)``, ``(a - b).abs().max()``, ``abs(a - b) / b`` …"""
    for _ in range(8):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub):
            return node
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            node = node.left
        elif isinstance(node, ast.Call) and _callee(node) in REDUCERS:
            if node.args:
                node = node.args[0]
            elif isinstance(node.func, ast.Attribute):
                node = node.func.value
            else:
                return None
        else:
            return None
    return None


class _WrapValues(ast.NodeTransformer):
    """Wrap the values an assert *compares* in ``__wiw_rec__``: the operands of each
    comparison and the positional arguments of ``allclose``-like calls, each as a whole,
    and the two sides of a difference an operand reduces (``abs(a - b) < tol``).

    Nothing else is recorded: not the coefficients inside a formula, keyword arguments,
    ``round``'s precision, indices or loop counters. A number in a sentence must be a
    value the check compared.
    """

    def __init__(self, line: int) -> None:
        self.line = line

    def _wrap(self, node: ast.expr, side: str | None = None) -> ast.expr:
        args = [node, ast.Constant(self.line)] + ([ast.Constant(side)] if side else [])
        call = ast.Call(func=ast.Name("__wiw_rec__", ast.Load()), args=args, keywords=[])
        return ast.copy_location(call, node)

    def _operand(self, node: ast.expr, side: str | None = None) -> ast.expr:
        node = self.visit(node)  # comparisons nested inside an operand are recorded too
        difference = _difference(node)
        if difference is not None:
            difference.left = self._wrap(difference.left)
            difference.right = self._wrap(difference.right)
        return self._wrap(node, side)

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        # The house style writes the measured value on the left and the bound on the right
        # (``acc > 0.9``), so each right-hand operand of an ordering is recorded as a bound.
        sides = {ast.Lt: "less", ast.LtE: "less", ast.Gt: "greater", ast.GtE: "greater"}
        node.left = self._operand(node.left)
        node.comparators = [self._operand(c, sides.get(type(op))) for op, c in zip(node.ops, node.comparators, strict=True)]
        return node

    def visit_Call(self, node: ast.Call) -> ast.expr:
        if _callee(node) in EQUALITY_CALLS:
            node.args = [self._operand(a) for a in node.args]
            return node
        return self.generic_visit(node)

    def visit_Lambda(self, node: ast.Lambda) -> ast.expr:
        return node


class _RecordAsserts(ast.NodeTransformer):
    def visit_Assert(self, node: ast.Assert):
        line = node.lineno
        node.test = _WrapValues(line).visit(node.test)
        hit = ast.Expr(
            ast.Call(ast.Name("__wiw_hit__", ast.Load()), [ast.Constant(line)], [])
        )
        ast.copy_location(hit, node)
        return [hit, node]


def instrument(source: str, filename: str):
    """Compile ``source`` with every assert rewritten to record its values."""
    tree = ast.parse(source, filename=filename)
    tree = _RecordAsserts().visit(tree)
    ast.fix_missing_locations(tree)
    return compile(tree, filename, "exec", dont_inherit=True, optimize=0)


def seed_everything(seed: int) -> None:
    """Seed every generator a snippet may use, and tell it the seed."""
    os.environ[SEED_ENV] = str(seed)
    random.seed(seed)
    try:
        import numpy as np

        np.random.seed(seed)
    except ImportError:  # numpy is a dependency; this only guards odd installs
        pass
    import torch

    torch.manual_seed(seed)


def _caller_line(path: str) -> int:
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_filename == path:
            return frame.f_lineno
        frame = frame.f_back
    return 1


@contextmanager
def network_refused(path: str):
    """Make every attempt to reach the network raise ``NetworkUse``."""

    def refuse(what: str):
        def blocked(*args, **kwargs):
            target = next((a for a in args if not isinstance(a, socket.socket)), "")
            line = _caller_line(path)
            raise NetworkUse(
                f"{rel(Path(path))}:{line}: the snippet tried to use the network "
                f"({what} {target!r})"
            )

        return blocked

    saved = {
        (socket.socket, "connect"): socket.socket.connect,
        (socket.socket, "connect_ex"): socket.socket.connect_ex,
        (socket.socket, "sendto"): socket.socket.sendto,
        (socket, "create_connection"): socket.create_connection,
        (socket, "getaddrinfo"): socket.getaddrinfo,
        (socket, "gethostbyname"): socket.gethostbyname,
    }
    try:
        for (owner, name) in saved:
            setattr(owner, name, refuse(name))
        yield
    finally:
        for (owner, name), original in saved.items():
            setattr(owner, name, original)


@contextmanager
def no_cached_weights():
    """Point every model cache at a fresh empty folder, offline, for the snippet's run."""
    import tempfile

    saved = {name: os.environ.get(name) for name in (*CACHE_VARIABLES, "HF_HUB_OFFLINE")}
    with tempfile.TemporaryDirectory(prefix="whyitworks-no-cache-") as empty:
        try:
            for name in CACHE_VARIABLES:
                os.environ[name] = empty
            os.environ["HF_HUB_OFFLINE"] = "1"
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


@contextmanager
def time_budget(path: str, seconds: int | None = None):
    """Stop the snippet with ``OverBudget`` once it has run ``seconds`` (main thread,
    Unix only; elsewhere the budget is not enforced)."""
    import signal
    import threading

    seconds = seconds or TIME_BUDGET_S
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise OverBudget(f"{rel(Path(path))}:{_caller_line(path)}: the snippet ran past its "
                         f"{seconds} s budget")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _torch_state_restored():
    """A snippet may change torch's global modes; the next snippet must not inherit them."""
    import torch

    grad = torch.is_grad_enabled()
    dtype = torch.get_default_dtype()
    deterministic = torch.are_deterministic_algorithms_enabled()
    threads = torch.get_num_threads()
    try:
        yield
    finally:
        torch.set_grad_enabled(grad)
        torch.set_default_dtype(dtype)
        torch.use_deterministic_algorithms(deterministic)
        torch.set_num_threads(threads)


def _failing_line(tb, path: str) -> int:
    line = 1
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == path:
            line = lineno
    return line


def run_snippet(path: Path, seed: int = 0, root: Path = ROOT) -> RunResult:
    """Run one snippet in this interpreter and return what its asserts compared."""
    path = path.resolve()
    name = rel(path, root)
    filename = str(path)
    result = RunResult(name, seed)
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()

    try:
        code = instrument(source, filename)
    except SyntaxError as error:
        result.failure = Failure("syntax", error.lineno or 1, error.msg)
        return result

    recorder = Recorder()
    module = name.removesuffix(".py").replace("/", ".")
    namespace = {
        "__name__": "__main__",
        "__file__": filename,
        "__package__": module.rpartition(".")[0],
        "__builtins__": builtins,
        "__wiw_rec__": recorder.record,
        "__wiw_hit__": recorder.hit,
    }

    with _torch_state_restored(), network_refused(filename), no_cached_weights(), time_budget(filename):
        seed_everything(seed)
        try:
            exec(code, namespace)
        except AssertionError as error:
            line = _failing_line(error.__traceback__, filename)
            result.failure = Failure(
                "assertion", line, str(error) or "(the assert has no message)",
                lines[line - 1].strip() if line <= len(lines) else "",
                list(recorder.last_by_line.get(line, [])),
            )
        except NetworkUse as error:
            line = _failing_line(error.__traceback__, filename)
            result.failure = Failure("network", line, str(error))
        except OverBudget as error:
            line = _failing_line(error.__traceback__, filename)
            result.failure = Failure("budget", line, str(error))
        except BaseException as error:  # noqa: BLE001 - every other exception is a broken snippet
            if isinstance(error, KeyboardInterrupt):
                raise
            line = _failing_line(error.__traceback__, filename)
            result.failure = Failure(
                "error", line, f"{type(error).__name__}: {error}",
                lines[line - 1].strip() if line <= len(lines) else "",
            )
    result.values = recorder.values
    result.values_by_line = recorder.by_line
    result.bounds_by_line = recorder.bounds_by_line
    result.asserts_run = recorder.asserts_run
    result.lines_run = recorder.lines_run
    if result.failure is None and recorder.asserts_run == 0:
        result.failure = Failure("no-assert", 1, "the snippet ran to the end without executing a single assert")
    return result


_CACHE: dict[tuple[str, int], RunResult] = {}


def run_cached(path: Path, seed: int = 0, root: Path = ROOT) -> RunResult:
    """Run a snippet once per seed per session; the snippet test and the claim
    checks of every page that shows it share that one run."""
    key = (str(path.resolve()), seed)
    if key not in _CACHE:
        _CACHE[key] = run_snippet(path, seed, root)
    return _CACHE[key]
