"""Start a new page: ``python -m whyitworks.scaffold <family>/<topic> "Title"``.

Writes ``docs/<family>/<topic>.md`` from the page template and a snippet folder
``snippets/<family>/<topic>/`` with one claim and one failure-mode check to fill in,
then says what to do next. Until they are filled in, the new checks fail on purpose,
with a message that says what to write.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from whyitworks.layout import DOCS, FAMILIES, ROOT, SNIPPETS

TEMPLATES = Path(__file__).parent / "templates"
TOPIC_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def add_to_nav(config: str, family: str, title: str, target: str) -> str:
    """``mkdocs.yml``'s text with the page added at the end of its family's nav section
    (a new section before the glossary if the family has none yet)."""
    entry = f"      - {json.dumps(title) if ':' in title else title}: {target}"
    lines = config.splitlines()
    header = f"  - {family.capitalize()}:"
    # A section may carry a longer title ("Attention and Transformers", "Labs").
    found = [i for i, line in enumerate(lines)
             if line.startswith(f"  - {family.capitalize()}") and line.endswith(":")]
    if found:
        at = found[0] + 1
        while at < len(lines) and lines[at].startswith("      "):
            at += 1
        lines.insert(at, entry)
    else:
        at = next((i for i, line in enumerate(lines) if line.startswith("  - Glossary:")), None)
        if at is None:
            raise ValueError("mkdocs.yml has no nav entry '  - Glossary:' to put a new family before")
        lines[at:at] = [header, entry]
    return "\n".join(lines) + "\n"


def scaffold(family: str, topic: str, title: str, root: Path = ROOT) -> list[Path]:
    """Create the page and its snippets; return the files written.

    Raises:
        ValueError: the family is unknown, the topic is not snake_case, or the page exists.
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown family '{family}': use one of {', '.join(FAMILIES)}")
    if not TOPIC_RE.match(topic):
        raise ValueError(f"topic '{topic}' must be snake_case, like depthwise_separable")
    page = root / DOCS / family / f"{topic}.md"
    folder = root / SNIPPETS / family / topic
    if page.exists() or folder.exists():
        raise ValueError(f"{page.relative_to(root)} or {folder.relative_to(root)} already exists")

    names = {"family": family, "topic": topic, "title": title,
             "claim": "first_claim", "failure": "first_failure_fails"}
    text = (TEMPLATES / "page.md").read_text(encoding="utf-8")
    for key, value in names.items():
        text = text.replace("{" + key + "}", value)
    text = text.replace(";--8<--", "--8<--")  # the template escapes its includes
    page.parent.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True)
    page.write_text(text, encoding="utf-8")
    written = [page]
    for template, name in (("claim.py", names["claim"]), ("failure.py", names["failure"])):
        target = folder / f"{name}.py"
        target.write_text((TEMPLATES / template).read_text(encoding="utf-8"), encoding="utf-8")
        written.append(target)
    config = root / "mkdocs.yml"
    if config.is_file():
        config.write_text(add_to_nav(config.read_text(encoding="utf-8"), family, title,
                                     f"{family}/{topic}.md"), encoding="utf-8")
        written.append(config)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m whyitworks.scaffold", description=__doc__.split("\n\n")[0])
    parser.add_argument("where", help="<family>/<topic>, e.g. vision/mobilenet")
    parser.add_argument("title", help='the page title, e.g. "MobileNet"')
    args = parser.parse_args(argv)
    family, _, topic = args.where.partition("/")
    try:
        written = scaffold(family, topic, args.title)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"""
Next:
  1. The page is in `nav` (mkdocs.yml), at the end of its family; move it if it belongs
     elsewhere.
  2. Write the page: each TODO, and the description and tags in its front matter.
  3. Turn each snippet into a real check, rename it after its claim, and update the
     include on the page. Until then its test fails on purpose.
  4. Run the page's checks:   .venv/bin/python -m pytest -k {topic}
     then everything:          make test
  The contract is in docs/contributing.md.""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
