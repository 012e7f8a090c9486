"""Where things live. Every other module asks here instead of repeating a path."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = "docs"
SNIPPETS = "snippets"

# Families whose pages explain an architecture or an idea and so follow the
# skeleton of HOUSE_STYLE.md. Any other folder under docs/ (reference/, checks/)
# holds pages of another kind.
FAMILIES = ("foundations", "vision", "sequence", "attention", "graphs", "generative", "adaptation", "lessons", "lab")

# The headings every architecture page carries, in this order.
SKELETON = (
    "Purpose",
    "Mental model",
    "Anatomy",
    "Assumptions",
    "Limitations",
    "Failure modes",
    "Checks",
    "References",
)

# Generated pages (one per check) are written under this folder of the site.
CHECKS_URL_DIR = "checks"

# What ``python -m whyitworks.prebuild`` writes before an engine builds the site: the
# folders it owns (ignored by git, emptied of whatever it no longer writes) and the
# file that holds the generated tables, keyed by page and marker.
# ``build/diagrams`` keeps each diagram's drawing, named by its source (whyitworks.diagrams).
DIAGRAMS = "build/diagrams"
GENERATED_DIRS = (f"{DOCS}/{CHECKS_URL_DIR}", f"{DOCS}/figures", f"{DOCS}/assets/vendor", "build/generated",
                  DIAGRAMS)
TABLES = "build/generated/tables.json"

# The environment variable the suite sets to vary every seeded snippet.
SEED_ENV = "WHYITWORKS_SEED"


def rel(path: Path, root: Path = ROOT) -> str:
    """A path as the reader knows it: relative to the repository root, with slashes."""
    if path.is_absolute() and root.is_absolute() and ".." not in path.parts:
        try:  # the common case, without asking the file system (resolve) each time
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
