"""What the last test run verified, page by page, so the site can say it.

When the suite checks a page's claims it records, for that page, how many claims held,
the versions of Python, torch and numpy they held under, when, and a fingerprint of the
page and its snippets. The build reads the record: a page whose fingerprint still
matches says when and with what its claims were verified; a page changed since, or
never checked in this checkout, says that instead.
"""

from __future__ import annotations

import hashlib
import json
import platform
from datetime import UTC, datetime
from pathlib import Path

from whyitworks.layout import ROOT
from whyitworks.pages import Page

RECORD = Path("build") / "verification.json"


def fingerprint(page: Page, root: Path = ROOT) -> str:
    """A hash of the page and every snippet its claims include."""
    digest = hashlib.sha256((root / page.path).read_bytes())
    for file in sorted({f for claim in page.claims for f in claim.files}):
        path = root / file
        digest.update(file.encode())
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()[:16]


def versions() -> dict[str, str]:
    import numpy
    import torch

    return {"python": platform.python_version(), "torch": torch.__version__.split("+")[0],
            "numpy": numpy.__version__}


def load(root: Path = ROOT) -> dict:
    path = root / RECORD
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}


def save(results: dict[str, tuple[int, int]], pages: dict[str, Page], root: Path = ROOT) -> None:
    """Merge this run's results (page path -> (claims held, claims failed)) into the record."""
    record = load(root)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    found = versions()
    for path, (held, failed) in results.items():
        page = pages.get(path)
        if page is None:
            continue
        record[path] = {"held": held, "failed": failed, "claims": len(page.claims),
                        "when": now, "fingerprint": fingerprint(page, root), **found}
    (root / RECORD).parent.mkdir(parents=True, exist_ok=True)
    (root / RECORD).write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def run_command(page: Page) -> str:
    """The command that checks one page's claims and records the result."""
    return f'`make test ARGS="-k {page.path}"`'


def status_line(page: Page, root: Path = ROOT) -> str:
    """The sentence a page shows about its own verification. Every claim box carries the
    claim mark whether or not its check has run here, so the sentence says which it is
    without contradicting the marks: before the first run, that the checks exist and have
    not run in this checkout; after, what they found."""
    entry = load(root).get(page.path)
    count = len(page.claims)
    one = count == 1
    claims = f"{count} claim" + ("" if one else "s")
    them = "it" if one else "them"
    if entry is None:
        subject = "The claim on this page has a check" if one else \
            f"The {count} claims on this page have checks"
        return (f"{subject} that this checkout has not run yet, so no result is recorded here: "
                f"{run_command(page)} runs {them} and records the result{'' if one else 's'}.")
    if entry.get("fingerprint") != fingerprint(page, root):
        return (f"This page or one of its snippets changed after its {claims} "
                f"{'was' if one else 'were'} last checked ({entry['when']}): "
                f"{run_command(page)} checks {them} again.")
    if entry["failed"] or entry["held"] != count:
        return (f"{entry['held']} of the {claims} on this page held when last checked "
                f"({entry['when']}); {run_command(page)} shows which did not and why.")
    every = "The claim" if one else f"All {count} claims"
    verb = "was" if one else "were"
    return (f"{every} on this page {verb} verified on {entry['when']} with "
            f"Python {entry['python']}, torch {entry['torch']} and numpy {entry['numpy']}.")
