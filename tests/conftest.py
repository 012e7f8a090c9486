"""Shared set-up for the suite: the seed every snippet runs under, and the record of
what this run verified, page by page, which the site shows on each page."""

from __future__ import annotations

import re

import pytest
import torch

from whyitworks import verification
from whyitworks.pages import iter_pages

CLAIM_TEST = re.compile(r"::test_claim_numbers_are_asserted\[(?P<page>[^\]]+):\d+\]$")
CLAIM_RESULTS: dict[str, list[int]] = {}  # page -> [claims held, claims failed] in this run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--seed", type=int, default=0,
        help="seed every snippet runs under (the flake check varies it; claims must hold for any)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Every model here is tiny: one thread per process avoids the oversubscription that
    # makes small ops many times slower when processes share the cores.
    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def seed(request: pytest.FixtureRequest) -> int:
    return request.config.getoption("--seed")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    match = CLAIM_TEST.search(report.nodeid)
    if match and report.when == "call":
        counts = CLAIM_RESULTS.setdefault(match.group("page"), [0, 0])
        counts[0 if report.passed else 1] += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Only a run under the default seed speaks for the page as published; under xdist
    # the controller, which sees every worker's reports, writes the record.
    if CLAIM_RESULTS and session.config.getoption("--seed") == 0 and not hasattr(session.config, "workerinput"):
        pages = {p.path: p for p in iter_pages()}
        verification.save({k: (v[0], v[1]) for k, v in CLAIM_RESULTS.items()}, pages)
