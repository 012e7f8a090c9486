"""Shared set-up for the suite: the seed every snippet runs under, and the record of
what this run verified, page by page, which the site shows on each page."""

from __future__ import annotations

import pytest

from whyitworks import verification
from whyitworks.layout import FAMILIES, ROOT
from whyitworks.pages import iter_pages
from whyitworks.sitecheck import SiteCheck

SITE_CHECK = pytest.StashKey[SiteCheck]()

CLAIM_RESULTS: dict[str, list[int]] = {}  # page -> [claims held, claims failed] in this run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--seed", type=int, default=0,
        help="seed every snippet runs under (the flake check varies it; claims must hold for any)",
    )


def _start_site_check(config: pytest.Config) -> None:
    if SITE_CHECK not in config.stash:
        families = tuple(f"/{family}/" for family in FAMILIES)
        config.stash[SITE_CHECK] = SiteCheck(ROOT, families).start()


LAB_SECONDS: dict[str, float] = {}  # lab -> seconds its run took before the build started


def _run_labs() -> None:
    """Train every lab (each ``LAB`` of a module under snippets/lab/) now, in one pool on
    both cores, before anything else competes for them. The site's build draws the labs' tables and figures and
    the lab claims assert on the same run; both find it done instead of racing to compute it."""
    import importlib
    import time

    from snippets import _lab_runner

    modules = [importlib.import_module(f"snippets.lab.{path.parent.name}.{path.stem}")
               for path in sorted((ROOT / "snippets" / "lab").glob("*/_*.py"))
               if path.stem != "_figures"]
    modules = [m for m in modules if hasattr(m, "LAB")]
    # The heaviest lab first (the most conditions per job); the lighter ones fill the tail.
    modules.sort(key=lambda m: -len(getattr(m, "CONDITIONS", ())))
    start = time.perf_counter()
    _lab_runner.run_many([m.LAB for m in modules])
    LAB_SECONDS[" and ".join(m.LAB.name for m in modules)] = time.perf_counter() - start


def pytest_configure(config: pytest.Config) -> None:
    # The whole suite (no paths, -k or -m given) includes the site tests: start their
    # build now, so it overlaps everything else; the labs run first, because the build
    # needs their numbers and they train fastest with both cores to themselves.
    whole_suite = (
        config.args_source is pytest.Config.ArgsSource.TESTPATHS
        and not config.option.keyword and not config.option.markexpr
        and not config.option.collectonly and not hasattr(config, "workerinput")
    )
    if whole_suite:
        if config.getoption("--seed") == 0:
            _run_labs()
        _start_site_check(config)
    import torch

    # Every model here is tiny: one thread per process avoids the oversubscription that
    # makes small ops many times slower when processes share the cores.
    torch.set_num_threads(1)


def _is_site_test(item: pytest.Item) -> bool:
    return item.nodeid.startswith("tests/test_site.py::")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The site tests wait for the background build and browser; run them last so that
    # everything else runs meanwhile. A stable sort keeps pytest-randomly's order.
    items.sort(key=_is_site_test)


def pytest_collection_finish(session: pytest.Session) -> None:
    # Otherwise start it as soon as collection shows a site test is selected; and stop a
    # speculative start that turned out not to be needed.
    selected = any(_is_site_test(i) for i in session.items)
    if selected and not session.config.option.collectonly:
        _start_site_check(session.config)
    elif SITE_CHECK in session.config.stash:
        session.config.stash[SITE_CHECK].close()
        del session.config.stash[SITE_CHECK]


@pytest.fixture(scope="session")
def site_check(request: pytest.FixtureRequest) -> SiteCheck:
    _start_site_check(request.config)
    return request.config.stash[SITE_CHECK]


@pytest.fixture(scope="session")
def seed(request: pytest.FixtureRequest) -> int:
    return request.config.getoption("--seed")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    claim = dict(report.user_properties).get("claim")
    if claim is not None and report.when == "call":
        counts = CLAIM_RESULTS.setdefault(claim["page"], [0, 0])
        counts[0 if report.passed else 1] += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    if LAB_SECONDS:
        session.config.pluginmanager.get_plugin("terminalreporter").write_line(
            "labs (trained before the build started): "
            + ", ".join(f"{lab} {seconds:.1f} s" for lab, seconds in LAB_SECONDS.items())
        )
    check = session.config.stash.get(SITE_CHECK, None)
    if check is not None:
        check.close()
        if check.timings:
            shown = ", ".join(f"{name} done at {seconds:.1f} s" for name, seconds in check.timings.items())
            sweep = check.sweep.result() if check.sweep.done() and not check.sweep.exception() else None
            if sweep is not None and sweep.seconds:
                slowest = sorted(sweep.seconds.items(), key=lambda item: -item[1])[:3]
                shown += f" ({len(sweep.seconds)} pages, slowest " + ", ".join(
                    f"{path} {seconds:.1f} s" for path, seconds in slowest) + ")"
            session.config.pluginmanager.get_plugin("terminalreporter").write_line(
                f"site check (in the background from the start of the run): {shown}"
            )
    # Only a run under the default seed speaks for the page as published; under xdist
    # the controller, which sees every worker's reports, writes the record.
    if CLAIM_RESULTS and session.config.getoption("--seed") == 0 and not hasattr(session.config, "workerinput"):
        pages = {p.path: p for p in iter_pages()}
        verification.save({k: (v[0], v[1]) for k, v in CLAIM_RESULTS.items()}, pages)
