"""The figures the build draws: deterministic, accessible, and shown by a page."""

from __future__ import annotations

import importlib
import inspect
import xml.etree.ElementTree as ET

import pytest

from whyitworks.layout import ROOT

FIGURES = []
for _path in sorted((ROOT / "snippets").rglob("_figures.py")):
    _topic = _path.parent.relative_to(ROOT / "snippets").as_posix()
    _module = importlib.import_module(f"snippets.{_topic.replace('/', '.')}._figures")
    for _name, _function in inspect.getmembers(_module, inspect.isfunction):
        if not _name.startswith("_") and _function.__module__ == _module.__name__:
            FIGURES.append((f"figures/{_topic}/{_name}.svg", _function))


@pytest.mark.parametrize(("uri", "draw"), FIGURES, ids=[u for u, _ in FIGURES])
def test_figure_is_deterministic_accessible_and_shown(uri: str, draw) -> None:
    first, second = draw(), draw()
    assert first == second, f"{uri}: two drawings differ; seed the figure's randomness"
    svg = ET.fromstring(first)
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{ns}title") is not None and svg.find(f"{ns}desc") is not None, (
        f"{uri}: a figure needs a <title> and a <desc> for screen readers")
    pages = [p for p in (ROOT / "docs").rglob("*.md") if uri in p.read_text(encoding="utf-8")]
    assert pages, f"{uri}: no page shows this figure; embed it with ![description](../{uri})"


def test_a_heat_map_without_named_axes_is_refused() -> None:
    from whyitworks.svg import heatmap, signed_heatmap

    grid = [[0.0, 1.0], [2.0, 3.0]]
    for draw in (heatmap, signed_heatmap):
        with pytest.raises(ValueError, match="names both its axes"):
            draw(grid, "A map", "What it shows.", "value", x_label="column", y_label=" ")
        with pytest.raises(TypeError):
            draw(grid, "A map", "What it shows.", "value")  # the labels are required
        svg = draw(grid, "A map", "What it shows.", "value", x_label="input column", y_label="output row")
        texts = [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
        assert "input column" in texts and "output row" in texts, texts
