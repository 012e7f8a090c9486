"""Runs a lab once for everyone who reads it: the lab's checks, its table and its figure.

A lab (``snippets/lab/<name>/_lab.py``) trains each of its architectures on five seeds
and measures each under every condition. That takes seconds, not milliseconds, so it
runs once per change of the lab's code: the first caller computes it, two processes at
a time (one job per architecture and seed), and writes ``build/lab/<name>-<hash>.json``;
any other caller, in this process or another (the site's build runs beside the tests),
waits on a lock and reads the same file. The hash covers the lab's source and the shared
helpers it imports, the seeds and the torch version, so an edit to any of them runs it again.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
SEEDS_PER_RUN = 5


def seeds(count: int = SEEDS_PER_RUN) -> list[int]:
    """The seeds of this run: 0 to count - 1 by default; k·count to k·count + count - 1 under
    ``WHYITWORKS_SEED=k``, so the suite's other seeds try new ones each."""
    first = count * int(os.environ.get("WHYITWORKS_SEED", "0"))
    return list(range(first, first + count))


def _worker() -> None:
    """Each training process flushes denormal floats to zero (each lab's ``measure`` sets
    its own thread count). A gradient carried back through many steps, such as
    the one through the cell of an LSTM whose forget gate starts near one half, otherwise
    passes through numbers below 1.2e-38 (float32's smallest normal number), which the CPU
    handles many times more slowly; flushing them changed no lab result when this was
    measured, and cut that LSTM's four trainings from 0.89 s to 0.26 s."""
    torch.set_flush_denormal(True)


def _warm_up() -> None:
    """One tiny optimiser step: a fresh process pays about a second for its first one,
    and forked workers inherit what the parent has already paid."""
    weight = torch.zeros(2, requires_grad=True)
    optimiser = torch.optim.Adam([weight], foreach=True)
    weight.sum().backward()
    optimiser.step()


@dataclass(frozen=True)
class Lab:
    """One lab: its name, its code (``source``, hashed to know when to run it again), and
    ``measure(arch, seed)``, which trains one architecture and returns its accuracy under
    every condition."""

    name: str
    source: Path
    measure: Callable[[str, int], dict]
    architectures: tuple[str, ...]
    seed_count: int = SEEDS_PER_RUN

    def code(self) -> bytes:
        """The lab's source and that of every shared helper it imports (``snippets._*``),
        and every one those import in turn, so that a change to any of them trains the
        lab again."""
        source = self.source.read_bytes()
        seen: set[str] = set()
        queue = [source]
        while queue:
            found = re.findall(rb"from snippets(?:\.(_\w+) import| import (_\w+))", queue.pop())
            for name in sorted({(a or b).decode() for a, b in found} - seen):
                seen.add(name)
                queue.append((ROOT / "snippets" / f"{name}.py").read_bytes())
        for name in sorted(seen):
            source += (ROOT / "snippets" / f"{name}.py").read_bytes()
        return source

    def path(self, run_seeds: list[int]) -> Path:
        digest = hashlib.sha256(self.code() + repr((run_seeds, torch.__version__)).encode())
        return ROOT / "build" / "lab" / f"{self.name}-{digest.hexdigest()[:16]}.json"


def run_many(labs: list[Lab]) -> list[dict]:
    """``{"seeds": [...], "accuracy": {arch: {condition: [one value per seed]}}}`` for each
    lab, in order. The labs not yet run for their current code share one pool of two
    processes, their jobs in the order given, so the heavier lab (first) and the lighter
    one fill both cores to the end."""
    folder = ROOT / "build" / "lab"
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        for lab in sorted(labs, key=lambda lab: lab.name):  # one order, so two callers cannot deadlock
            lock = stack.enter_context(open(folder / f"{lab.name}.lock", "w"))
            fcntl.flock(lock, fcntl.LOCK_EX)  # one run at a time; the others wait, then read it
        plans = [(lab, seeds(lab.seed_count)) for lab in labs]
        pending = [(lab, run_seeds) for lab, run_seeds in plans if not lab.path(run_seeds).is_file()]
        if pending:
            _warm_up()
            tables = {lab.name: {arch: {} for arch in lab.architectures} for lab, _ in pending}
            with ProcessPoolExecutor(max_workers=2, mp_context=get_context("fork"),
                                     initializer=_worker) as pool:
                jobs = [(lab, run_seeds, arch, seed, pool.submit(lab.measure, arch, seed))
                        for lab, run_seeds in pending for seed in run_seeds for arch in lab.architectures]
                for lab, run_seeds, arch, seed, job in jobs:
                    for condition, value in job.result().items():
                        row = tables[lab.name][arch].setdefault(condition, [None] * len(run_seeds))
                        row[run_seeds.index(seed)] = value
            for lab, run_seeds in pending:
                record = {"seeds": run_seeds, "accuracy": tables[lab.name]}
                lab.path(run_seeds).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        return [json.loads(lab.path(run_seeds).read_text(encoding="utf-8")) for lab, run_seeds in plans]


def run(lab: Lab) -> dict:
    """One lab's record (see ``run_many``)."""
    return run_many([lab])[0]


def accuracy_grid(lab: str, record: dict, architectures: dict[str, str], conditions) -> str:
    """The figure of a lab's run: the mean accuracy over its seeds of every architecture
    (rows, labelled by ``architectures``' values) under every condition (columns)."""
    from statistics import mean

    from whyitworks.svg import labelled_grid

    accuracy = record["accuracy"]
    values = [
        [None if None in accuracy[arch][c] else mean(accuracy[arch][c]) for c in conditions]
        for arch in architectures
    ]
    seeds = record["seeds"]
    rows, columns = list(architectures.values()), [c.replace("_", " ") for c in conditions]
    worst = min((v, r, c) for r, row in zip(rows, values, strict=True)
                for c, v in zip(columns, row, strict=True) if v is not None)
    return labelled_grid(
        rows, columns, values,
        title=f"The {lab} lab: mean accuracy under each condition",
        desc=f"Mean test accuracy over seeds {seeds[0]} to {seeds[-1]} of each architecture (rows) "
             f"under each condition (columns), darker for higher; the lowest is {worst[0]:.2f}, "
             f"{worst[1]} under {worst[2]}.",
        legend=f"mean accuracy over seeds {seeds[0]} to {seeds[-1]}; 1 is every answer right",
    )
