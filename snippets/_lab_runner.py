"""Runs a lab once for everyone who reads it: the lab's checks, its table and its figure.

A lab (``snippets/lab/<name>/_lab.py``) trains each of its architectures on five seeds
and measures each under every condition. That takes seconds, not milliseconds, so it
runs once per change of the lab's code: the first caller computes it, two processes at
a time (one job per architecture and seed), and writes ``build/lab/<name>-<hash>.json``;
any other caller, in this process or another (the site's build runs beside the tests),
waits on a lock and reads the same file. The hash covers the lab's source, the seeds
and the torch version, so an edit to the lab runs it again.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
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


def _warm_up() -> None:
    """One tiny optimiser step: a fresh process pays about a second for its first one,
    and forked workers inherit what the parent has already paid."""
    weight = torch.zeros(2, requires_grad=True)
    optimiser = torch.optim.Adam([weight], foreach=True)
    weight.sum().backward()
    optimiser.step()


def run(name: str, source: Path, measure: Callable[[str, int], dict], architectures,
        seed_count: int = SEEDS_PER_RUN) -> dict:
    """``{"seeds": [...], "accuracy": {arch: {condition: [one value per seed]}}}`` for the lab
    ``name``, whose code is ``source`` and whose ``measure(arch, seed)`` returns one
    architecture's accuracy under every condition, on ``seed_count`` seeds."""
    run_seeds = seeds(seed_count)
    digest = hashlib.sha256(source.read_bytes() + repr((run_seeds, torch.__version__)).encode())
    folder = ROOT / "build" / "lab"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{digest.hexdigest()[:16]}.json"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one run at a time; the others wait, then read it
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        _warm_up()
        jobs = [(arch, seed) for seed in run_seeds for arch in architectures]
        table: dict = {arch: {} for arch in architectures}
        with ProcessPoolExecutor(max_workers=2, mp_context=get_context("fork")) as pool:
            for (arch, seed), measured in zip(jobs, pool.map(measure, *zip(*jobs))):
                for condition, value in measured.items():
                    table[arch].setdefault(condition, [None] * len(run_seeds))[run_seeds.index(seed)] = value
        record = {"seeds": run_seeds, "accuracy": table}
        path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        return record
