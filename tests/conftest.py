"""Shared set-up for the suite: the seed every snippet runs under."""

from __future__ import annotations

import pytest
import torch


def pytest_configure(config: pytest.Config) -> None:
    # Every model here is tiny: one thread per process avoids the oversubscription that
    # makes small ops many times slower when processes share the cores.
    torch.set_num_threads(1)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--seed", type=int, default=0,
        help="seed every snippet runs under (the flake check varies it; claims must hold for any)",
    )


@pytest.fixture(scope="session")
def seed(request: pytest.FixtureRequest) -> int:
    return request.config.getoption("--seed")
