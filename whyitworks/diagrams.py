"""Diagrams drawn at build time, as formulas are: a page ships SVG, not mermaid (3.5 MB).

``python -m whyitworks.prebuild`` finds every ```` ```mermaid ```` fence under ``docs/``
and has mermaid itself (from the site's ``node_modules``) draw it in headless Chromium,
the browser the suite already drives. Each drawing is kept in ``build/diagrams/``, named
by a hash of the diagram's source, mermaid's version and the settings below, so Chromium
starts only for a diagram that is new or was edited. While a page is rendered, the
``mermaid`` fence of ``whyitworks.markdown_ext`` puts the drawing in the page, for MkDocs
and Zensical alike.

What a reader gets:

* colours from the theme's own variables, so a diagram follows the light and dark
  palettes;
* a name for screen readers (``role="img"``, and an ``aria-label`` that reads out every
  arrow, from → to, with its label);
* text that stays legible: a diagram is never shrunk below ``SMALLEST`` of its drawn
  size (its box scrolls instead), and a left-to-right flowchart is drawn top-to-bottom
  too, for narrow screens, or only top-to-bottom when it is wider than ``WIDEST``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from whyitworks.layout import DIAGRAMS, DOCS, ROOT

MERMAID = Path("node_modules") / "mermaid" / "dist" / "mermaid.min.js"
SCRIPT = Path(__file__).with_name("render_diagram.js")
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*mermaid\b[^\n]*\n(?P<body>.*?)^[ \t]*(?P=fence)[ \t]*$",
    re.M | re.S,
)
LEFT_TO_RIGHT = re.compile(r"^(graph|flowchart)([ \t]+)(LR|RL)\b")
WIDEST = 920  # px: a left-to-right drawing wider than this is shown top-to-bottom only
SMALLEST = 0.8  # the least a drawing is scaled: 16 px text stays at 12.8 px or more
FONT = "Helvetica, Arial, 'Liberation Sans', sans-serif"  # one set of metrics on most systems
# Mermaid's own styles, recoloured with the theme's variables (material and Zensical
# define them for both palettes); each has a fallback for a page without them.
THEME_CSS = """
.node rect, .node polygon, .node circle, .node ellipse, .node path {
  fill: var(--md-mermaid-node-bg-color, #e0f2f1); stroke: var(--md-mermaid-node-fg-color, #00796b); }
.cluster rect { fill: var(--md-default-fg-color--lightest, #f5f5f5);
  stroke: var(--md-default-fg-color--lighter, #9e9e9e); }
.flowchart-link { stroke: var(--md-mermaid-edge-color, #37474f) !important; }
.marker { fill: var(--md-mermaid-edge-color, #37474f) !important;
  stroke: var(--md-mermaid-edge-color, #37474f) !important; }
text, .nodeLabel, .edgeLabel, .cluster-label text {
  fill: var(--md-mermaid-label-fg-color, #37474f) !important; }
.edgeLabel rect, .edgeLabel .background, .labelBkg { fill: var(--md-mermaid-label-bg-color, #fff);
  background-color: var(--md-mermaid-label-bg-color, #fff); opacity: 1; }
.node .label rect.background { fill: none; }
"""
CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "theme": "base",
    "fontFamily": FONT,
    "fontSize": 16,
    "htmlLabels": False,  # SVG text: no foreignObject to clip a label set in a wider font
    "flowchart": {"htmlLabels": False, "useMaxWidth": True},
    "themeCSS": THEME_CSS,
}
VERSION = 2  # of this module's output: raise it when the drawing changes, to redraw all


class DiagramError(SystemExit):
    """A diagram that cannot be drawn; the message names its file and line and the fix."""


@dataclass(frozen=True)
class Diagram:
    path: str  # docs/x/y.md
    line: int  # of the opening fence
    source: str  # as the fence holds it, unindented and stripped

    @property
    def key(self) -> str:
        return key(self.source)


def normalise(source: str) -> str:
    return textwrap.dedent(source).strip()


def mermaid_version(root: Path = ROOT) -> str:
    manifest = root / "node_modules" / "mermaid" / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"] if manifest.is_file() else "?"


def key(source: str, root: Path = ROOT) -> str:
    """The name of a diagram's drawing: its source, mermaid's version and the settings."""
    data = json.dumps([normalise(source), mermaid_version(root), CONFIG, VERSION,
                       SCRIPT.read_text(encoding="utf-8")])
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def find(root: Path = ROOT) -> list[Diagram]:
    """Every mermaid fence of every page, in file and line order."""
    found = []
    for path in sorted((root / DOCS).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            found.append(Diagram(path.relative_to(root).as_posix(), text.count("\n", 0, match.start()) + 1,
                                 normalise(match["body"])))
    return found


def drawing_path(source: str, root: Path = ROOT) -> str:
    return f"{DIAGRAMS}/{key(source, root)}.json"


def render(diagrams: list[Diagram], root: Path = ROOT) -> dict[str, dict]:
    """Draw each diagram with mermaid in headless Chromium: ``{key: drawing}``, where a
    drawing holds the SVG as written (``wide``), the SVG drawn top-to-bottom for a
    left-to-right flowchart (``narrow``) and the ``label`` a screen reader says."""
    first = diagrams[0]
    where = f"{first.path}:{first.line}" + (f" (and {len(diagrams) - 1} more)" if len(diagrams) > 1 else "")
    again = "then run `.venv/bin/python -m whyitworks.prebuild` again"
    if not (root / MERMAID).is_file():
        raise DiagramError(f"{where}: drawing diagrams needs mermaid, which is missing: run `npm ci` "
                           f"in {root}, {again}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise DiagramError(f"{where}: drawing diagrams needs Playwright: "
                           "`.venv/bin/python -m pip install -c constraints.txt -e '.[test]'` "
                           f"(or `make setup`) installs it, {again}") from None
    from whyitworks.sitecheck import CHROMIUM_FLAGS, chromium_path

    try:
        executable = chromium_path()
    except RuntimeError:
        raise DiagramError(
            f"{where}: drawing diagrams needs Chromium, and none was found: install it (Debian/Ubuntu: "
            "`sudo apt-get install chromium`) or point CHROMIUM at a Chrome or Chromium binary, "
            f"{again}") from None
    script = SCRIPT.read_text(encoding="utf-8")
    drawings: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_content(f'<!doctype html><html lang="en"><body style="font-family: {FONT}"></body></html>')
            page.add_script_tag(path=str(root / MERMAID))
            for diagram in diagrams:
                k = diagram.key
                drawing = {}
                variants = [("wide", diagram.source)]
                if LEFT_TO_RIGHT.match(diagram.source):
                    variants.append(("narrow", LEFT_TO_RIGHT.sub(r"\1\2TB", diagram.source, count=1)))
                for kind, source in variants:
                    answer = page.evaluate(script, {"id": f"wiw-{k[:10]}-{kind[0]}", "source": source,
                                                    "config": CONFIG})
                    if "error" in answer:
                        raise DiagramError(
                            f"{diagram.path}:{diagram.line}: mermaid cannot draw this diagram: "
                            f"{answer['error'].strip()}. Fix it (https://mermaid.js.org/syntax/flowchart.html "
                            f"says how), {again}")
                    drawing[kind] = compact(answer["svg"])
                    drawing["label"] = answer["label"]
                drawings[k] = drawing
        finally:
            browser.close()
    return drawings


def draw(out) -> None:
    """Keep every diagram's drawing in ``build/diagrams/``, drawing the ones not yet there
    (``out`` is the prebuild's ``Output``)."""
    todo: dict[str, Diagram] = {}
    for diagram in find(out.root):
        path = drawing_path(diagram.source, out.root)
        kept = out.root / path
        if kept.is_file():
            out.write(path, kept.read_bytes())
        else:
            todo.setdefault(diagram.key, diagram)
    if todo:
        for k, drawing in render(list(todo.values()), out.root).items():
            out.write(f"{DIAGRAMS}/{k}.json", json.dumps(drawing, sort_keys=True) + "\n")


def width(svg: str) -> float:
    box = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"', svg)
    return float(box.group(1)) if box else 0.0


NUMBERS = re.compile(r'\s(d|points|transform|x|y|width|height|viewBox|style)="([^"]*)"')
FRACTION = re.compile(r"(\d+\.\d{2})\d+")


def compact(svg: str) -> str:
    """The SVG with its coordinates to two decimals (mermaid writes sixteen, and a rounded
    shape's outline runs to tens of kilobytes) and without the points mermaid keeps for
    its own scripts."""
    svg = re.sub(r'\sdata-points="[^"]*"', "", svg)
    def rounded(match: re.Match) -> str:
        return f' {match[1]}="{FRACTION.sub(lambda number: number[1], match[2])}"'

    return NUMBERS.sub(rounded, svg)


def shown(drawing: dict) -> list[str]:
    """Which drawings a page shows: the top-to-bottom one as well, for narrow screens,
    when it is the narrower; only that one when the other is wider than ``WIDEST``."""
    if "narrow" not in drawing or width(drawing["narrow"]) >= width(drawing["wide"]):
        return ["wide"]
    return ["narrow"] if width(drawing["wide"]) > WIDEST else ["wide", "narrow"]


def accessible(svg: str, label: str) -> str:
    """The drawing's root element made an image with a name, and kept legible."""
    opening = re.match(r"<svg\b[^>]*>", svg)
    if opening is None:
        return svg
    tag = opening.group(0)
    tag = re.sub(r'\s(role|aria-roledescription)="[^"]*"', "", tag)
    smallest = f"min-width: {width(svg) * SMALLEST:.0f}px; "
    tag = tag.replace('style="', f'style="{smallest}', 1) if 'style="' in tag else tag[:-1] + f' style="{smallest}">'
    tag = tag[:-1] + f' role="img" aria-label="{html.escape(label, quote=True)}" focusable="false">'
    return tag + svg[opening.end():]


def figure(source: str, root: Path = ROOT) -> str | None:
    """The HTML that shows a diagram, or None when the prebuild has not drawn it."""
    kept = root / drawing_path(source, root)
    if not kept.is_file():
        return None
    drawing = json.loads(kept.read_text(encoding="utf-8"))
    kinds = shown(drawing)
    # Each drawing sits in a box that scrolls sideways when the page is narrower than the
    # drawing at its smallest; the box takes the keyboard's focus, as axe asks.
    boxes = "".join(f'<div class="wiw-diagram-{kind}" tabindex="0">{accessible(drawing[kind], drawing["label"])}</div>'
                    for kind in kinds)
    both = " wiw-diagram-two" if len(kinds) == 2 else ""
    return f'<div class="wiw-diagram{both}" data-search-exclude>{boxes}</div>'
