"""The GitHub Actions workflow is linted like code: actionlint for correctness,
zizmor for security (pinned actions, least privilege, no credential leaks)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from whyitworks.layout import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: `pip install -e '.[test]'` installs it", pytrace=False)
    return found


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS, "no workflow under .github/workflows"


def test_actionlint_finds_nothing() -> None:
    done = subprocess.run([tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_even_when_pedantic() -> None:
    done = subprocess.run(
        [tool("zizmor"), "--offline", "--persona=pedantic", "--no-progress", ".github/workflows"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_runs_the_readme_test_command() -> None:
    text = "\n".join(w.read_text() for w in WORKFLOWS)
    assert "bash .ci/run" in text, "the workflow must run .ci/run, which runs the README's command"
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
    assert "pull_request_target" not in text, "pull_request_target runs untrusted code with secrets"


def test_ruff_finds_nothing() -> None:
    folders = [d for d in ("whyitworks", "tests", "snippets", "scripts") if (ROOT / d).is_dir()]
    done = subprocess.run([tool("ruff"), "check", *folders], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
