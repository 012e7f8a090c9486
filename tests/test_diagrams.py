"""Diagrams drawn at build time (whyitworks.diagrams): the drawing a page asks for is the
one the prebuild made, a diagram mermaid cannot draw or a missing Chromium stops the
prebuild with the file and line and the fix, and a drawn diagram is an image with a name."""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest
from pymdownx.superfences import SuperFencesException

from whyitworks import diagrams
from whyitworks.markdown_ext import diagram_fence

PAGE = """\
# Toy

A diagram at the top level:

```mermaid
graph LR
  A["image"] --> B["conv"]
```

!!! note "One inside a note"

    ```mermaid
    graph TB
      C["x"] -->|"a label"| D["y"]
    ```
"""


def fenced_sources(text: str) -> list[str]:
    """What pymdownx.superfences hands the mermaid fence's format, for each diagram."""
    seen: list[str] = []

    def keep(source, language, class_name, options, md, **kwargs):
        seen.append(source)
        return "<div></div>"

    markdown.Markdown(extensions=["admonition", "pymdownx.superfences"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "x", "format": keep}]},
    }).convert(text)
    return seen


def test_the_prebuild_finds_every_diagram_the_page_renders(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "vision" / "toy.md"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    found = diagrams.find(tmp_path)
    assert [(d.path, d.line) for d in found] == [("docs/vision/toy.md", 5), ("docs/vision/toy.md", 12)]
    # The drawing is named by the source as the page's fence hands it over, indented or not.
    assert [diagrams.key(d.source) for d in found] == [diagrams.key(s) for s in fenced_sources(PAGE)]


def test_a_diagram_not_drawn_stops_the_build_with_the_command_to_run() -> None:
    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [
            {"name": "mermaid", "class": "wiw-diagram", "format": diagram_fence}]},
    })
    with pytest.raises(SuperFencesException) as raised:
        md.convert("```mermaid\ngraph LR\n  never_drawn_by_any_prebuild --> B\n```\n")
    message = str(raised.value)
    assert "the diagram that starts `graph LR` has not been drawn" in message, message
    assert "`.venv/bin/python -m whyitworks.prebuild`" in message, message


def test_without_chromium_the_prebuild_says_how_to_install_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser on it
    toy = diagrams.Diagram("docs/vision/toy.md", 5, "graph LR\n  A --> B")
    with pytest.raises(diagrams.DiagramError) as raised:
        diagrams.render([toy, toy])
    message = str(raised.value)
    assert message.startswith("docs/vision/toy.md:5 (and 1 more): drawing diagrams needs Chromium"), message
    assert "apt-get install chromium" in message and "python -m whyitworks.prebuild" in message


@pytest.mark.slow  # drives Chromium
def test_a_drawing_is_a_named_image_and_a_broken_diagram_names_its_line() -> None:
    good = diagrams.Diagram("docs/vision/toy.md", 5, textwrap.dedent("""\
        graph LR
          A["image<br/>(C, H, W)"] -->|"same stencil"| B["feature maps"]
          B --> C["pooled"]"""))
    bad = diagrams.Diagram("docs/vision/toy.md", 12, "graph LR\n  A -->|unclosed label B")
    drawing = diagrams.render([good])[good.key]
    assert set(drawing) == {"wide", "narrow", "label"}, "a left-to-right diagram is drawn top-to-bottom too"
    assert drawing["label"] == ("Diagram: image (C, H, W) → feature maps (same stencil); "
                                "feature maps → pooled")
    shown = diagrams.accessible(drawing["wide"], drawing["label"])
    opening = shown[:shown.index(">")]
    assert 'role="img"' in opening and 'aria-label="Diagram: image (C, H, W)' in opening, opening
    assert "graphics-document" not in opening and "min-width:" in opening, opening
    with pytest.raises(diagrams.DiagramError) as raised:
        diagrams.render([bad])
    message = str(raised.value)
    assert message.startswith("docs/vision/toy.md:12: mermaid cannot draw this diagram"), message
    assert "python -m whyitworks.prebuild" in message
