"""Keep CONTRIBUTING.md in step with docs/contributing.md.

GitHub shows CONTRIBUTING.md to everyone who opens a pull request; the site shows
docs/contributing.md. One is written, the other generated from it:
``python -m whyitworks.contributing`` rewrites CONTRIBUTING.md, and a test fails when
the two have drifted apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from whyitworks.layout import ROOT
from whyitworks.pages import INCLUDE_RE

SOURCE = Path("docs") / "contributing.md"
TARGET = Path("CONTRIBUTING.md")
HEADER = ("<!-- Generated from docs/contributing.md by `.venv/bin/python -m whyitworks.contributing`. "
          "Edit that file, not this one: a test fails when the two differ. -->\n\n")
RELATIVE_LINK = re.compile(r"\]\((?!https?:|#|/|mailto:)([^)]+)\)")


def render(root: Path = ROOT) -> str:
    """CONTRIBUTING.md as it should be: the page, with its includes expanded and its
    links made relative to the repository root."""
    lines = (root / SOURCE).read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "---":
        lines = lines[lines.index("---", 1) + 1:]
    out = []
    for line in lines:
        match = INCLUDE_RE.match(line)
        if match and not match.group("escape"):
            out.append((root / match.group("target")).read_text(encoding="utf-8").rstrip("\n"))
        else:
            out.append(line)
    text = "\n".join(out).lstrip("\n").replace(";--8<--", "--8<--")
    return HEADER + RELATIVE_LINK.sub(lambda m: f"](docs/{m.group(1)})", text) + "\n"


def main() -> int:
    (ROOT / TARGET).write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET} from {SOURCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
