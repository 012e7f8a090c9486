"""Small, deterministic SVG charts for the figures the build draws from the checks' code.

No plotting library: a heat map and a line chart are a few dozen rectangles and
polylines, and writing them out by hand keeps every figure byte-for-byte the same for
the same numbers. Each chart sits on its own light card; the dark palette shows it
with its lightness inverted and its hues kept (``docs/assets/stylesheets/tables.css``),
so it reads in both. Each carries a <title> and <desc> for screen readers, and every
heat map names its axes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

INK = "#1f2933"
MUTED = "#616e7c"
CARD = "#fbfcfd"
GRID = "#d9dee4"
# Colour-blind-safe series colours (Okabe & Ito).
SERIES = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    if value == int(value) and abs(value) < 1e4:
        return f"{int(value)}"
    if abs(value) >= 1e4 or abs(value) < 1e-2:
        exponent = math.floor(math.log10(abs(value)))
        mantissa = value / 10**exponent
        return f"{mantissa:.1f}e{exponent}" if round(mantissa, 1) != 1 else f"1e{exponent}"
    return f"{value:.3g}"


def _frame(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="t d" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12">',
        f"<title id=\"t\">{escape(title)}</title>",
        f"<desc id=\"d\">{escape(desc)}</desc>",
        f'<rect x="0" y="0" width="{width}" height="{height}" rx="6" fill="{CARD}" stroke="{GRID}"/>',
        f'<text x="{width / 2:.1f}" y="20" text-anchor="middle" font-size="13" font-weight="600" fill="{INK}">'
        f"{escape(title)}</text>",
        *body,
        "</svg>",
    ])


def _colour(t: float) -> str:
    """A sequential colour from pale to dark blue for t in [0, 1]."""
    t = min(max(t, 0.0), 1.0)
    low, high = (247, 251, 255), (8, 48, 107)
    r, g, b = (round(a + (c - a) * t) for a, c in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _axis_labels(body: list[str], left: float, top: float, rows: int, cols: int, cell: int,
                 x_label: str, y_label: str) -> float:
    """Name a map's axes: what its columns are under it, what its rows are up its left
    side. Returns where the map's labels end, for what goes under it."""
    if not x_label.strip() or not y_label.strip():
        raise ValueError(f"a heat map names both its axes: got x_label={x_label!r}, y_label={y_label!r}; "
                         "say what the columns and the rows are (\"input position s\", \"output position t\")")
    bottom = top + rows * cell
    body.append(
        f'<text transform="translate({left - 8} {top + rows * cell / 2:.1f}) rotate(-90)" text-anchor="middle" '
        f'fill="{INK}">{escape(y_label)}</text>'
    )
    body.append(f'<text x="{left + cols * cell / 2:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{INK}">'
                f"{escape(x_label)}</text>")
    return bottom + 20


def heatmap(
    values: Sequence[Sequence[float]], title: str, desc: str, legend: str, *,
    x_label: str, y_label: str, cell: int = 14,
) -> str:
    """A heat map of a 2-D grid of non-negative values, darker for larger.

    Args:
        values: rows of numbers; row 0 is drawn at the top.
        title: the figure's title, drawn and given to screen readers.
        desc: a sentence saying what the figure shows, for screen readers.
        legend: what the colour measures, shown under the map with its range.
        x_label: what the columns are, written under the map (left to right).
        y_label: what the rows are, written up the left side (top to bottom).
        cell: the side of one cell, in pixels.
    """
    rows, cols = len(values), len(values[0])
    width = max(cols * cell + 32 + 2 * 24, 7 * len(title) + 40, 7 * len(x_label) + 40)
    top, left = 34, (width - cols * cell) // 2
    high = max(max(row) for row in values) or 1.0
    body = []
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            body.append(
                f'<rect x="{left + j * cell}" y="{top + i * cell}" width="{cell}" height="{cell}" '
                f'fill="{_colour(value / high)}"/>'
            )
    body.append(f'<rect x="{left}" y="{top}" width="{cols * cell}" height="{rows * cell}" fill="none" stroke="{MUTED}"/>')
    bottom = _axis_labels(body, left, top, rows, cols, cell, x_label, y_label)
    steps = 40
    bar_w = (cols * cell) / steps
    for k in range(steps):
        body.append(
            f'<rect x="{left + k * bar_w:.2f}" y="{bottom + 8}" width="{bar_w + 0.5:.2f}" height="8" '
            f'fill="{_colour(k / (steps - 1))}"/>'
        )
    body.append(f'<text x="{left}" y="{bottom + 30}" fill="{MUTED}">0</text>')
    body.append(f'<text x="{left + cols * cell}" y="{bottom + 30}" text-anchor="end" fill="{MUTED}">{_fmt(high)}</text>')
    body.append(f'<text x="{left + cols * cell / 2:.1f}" y="{bottom + 46}" text-anchor="middle" fill="{INK}">{escape(legend)}</text>')
    return _frame(width, bottom + 58, title, desc, body)


def _scales(
    x: Sequence[float], y: Sequence[float], log_x: bool, log_y: bool,
    left: float, top: float, plot_w: float, plot_h: float,
) -> tuple[Callable[[float], float], Callable[[float], float], float, float]:
    """Map x to pixels, and find the y range of a chart's plot area.

    Returns the x-to-pixel map, the y-to-axis-units map (log10 on a log axis) and the y
    range in axis units; a linear y axis always includes 0. A chart may widen the range
    (to round tick steps) before it maps y to pixels.
    """
    fx = math.log10 if log_x else (lambda v: v)
    fy = math.log10 if log_y else (lambda v: v)
    xs = [fx(v) for v in x]
    ys = [fy(v) for v in y]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    if not log_y:
        y0 = min(y0, 0.0)

    def px(v: float) -> float:
        return left + (fx(v) - x0) / ((x1 - x0) or 1) * plot_w

    return px, fy, y0, y1


def line_chart(
    x: Sequence[float],
    series: dict[str, Sequence[float]],
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    log_y: bool = False,
    log_x: bool = False,
    width: int = 560,
    height: int = 320,
) -> str:
    """Lines through points, one per named series, with axes, ticks and a legend.

    Args:
        x: the shared x values, increasing.
        series: name -> y values, one per x.
        title: the figure's title.
        desc: a sentence saying what the figure shows, for screen readers.
        x_label: what x is.
        y_label: what y is.
        log_y: draw y on a log scale (every y must be positive).
        log_x: draw x on a log scale (every x must be positive).
    """
    left, right, top, bottom = 64, 16, 34, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    px, fy, y0, y1 = _scales(x, [v for values in series.values() for v in values],
                             log_x, log_y, left, top, plot_w, plot_h)

    def py(v: float) -> float:  # reads y0 and y1 when called, after any widening
        return top + plot_h - (fy(v) - y0) / (y1 - y0) * plot_h

    body = [f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="{GRID}"/>']
    if log_y:
        ticks = [10.0**k for k in range(math.floor(y0), math.ceil(y1) + 1) if y0 - 1e-9 <= k <= y1 + 1e-9]
    else:
        ticks = [y0 + (y1 - y0) * k / 4 for k in range(5)]
    for tick in ticks:
        y = py(tick)
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{_fmt(tick)}</text>')
    for value in x:
        body.append(f'<text x="{px(value):.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="{MUTED}">{_fmt(value)}</text>')
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 14}" text-anchor="middle" fill="{INK}">{escape(x_label)}</text>')
    body.append(
        f'<text transform="translate(16 {top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" fill="{INK}">'
        f"{escape(y_label)}</text>"
    )
    for k, (name, values) in enumerate(series.items()):
        colour = SERIES[k % len(SERIES)]
        points = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(x, values, strict=True))
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for a, b in zip(x, values, strict=True):
            body.append(f'<circle cx="{px(a):.1f}" cy="{py(b):.1f}" r="3" fill="{colour}"/>')
        ly = top + 14 + 16 * k
        body.append(f'<line x1="{left + 10}" x2="{left + 28}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" stroke-width="2.5"/>')
        body.append(f'<text x="{left + 34}" y="{ly}" fill="{INK}">{escape(name)}</text>')
    return _frame(width, height, title, desc, body)


def _diverging(t: float) -> str:
    """A diverging colour for t in [-1, 1]: orange below zero, white at zero, blue above."""
    t = min(max(t, -1.0), 1.0)
    mid, end = (247, 247, 247), ((8, 48, 107) if t >= 0 else (179, 88, 6))
    r, g, b = (round(a + (c - a) * abs(t)) for a, c in zip(mid, end, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def signed_heatmap(
    values: Sequence[Sequence[float]],
    title: str,
    desc: str,
    legend: str,
    *,
    x_label: str,
    y_label: str,
    cell: int = 14,
) -> str:
    """A heat map of a 2-D grid of signed values: blue above zero, orange below, white at zero.

    The scale is symmetric, ±max |value|, so equal magnitudes get equal depths of colour.

    Args:
        values: rows of numbers; row 0 is drawn at the top.
        title: the figure's title, drawn and given to screen readers.
        desc: a sentence saying what the figure shows, for screen readers.
        legend: what the colour measures, shown under the colour bar.
        cell: the side of one cell, in pixels.
        x_label: what the columns are, written under the map (left to right).
        y_label: what the rows are, written up the left side (top to bottom).
    """
    rows, cols = len(values), len(values[0])
    width = max(cols * cell + 32 + 2 * 24, 7 * len(title) + 40, 7 * len(x_label) + 40)
    top, left = 34, (width - cols * cell) // 2
    high = max(abs(v) for row in values for v in row) or 1.0
    body = []
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            body.append(
                f'<rect x="{left + j * cell}" y="{top + i * cell}" width="{cell}" height="{cell}" '
                f'fill="{_diverging(value / high)}"/>'
            )
    body.append(f'<rect x="{left}" y="{top}" width="{cols * cell}" height="{rows * cell}" fill="none" stroke="{MUTED}"/>')
    bottom = _axis_labels(body, left, top, rows, cols, cell, x_label, y_label)
    steps = 40
    bar_w = (cols * cell) / steps
    for k in range(steps):
        body.append(
            f'<rect x="{left + k * bar_w:.2f}" y="{bottom + 8}" width="{bar_w + 0.5:.2f}" height="8" '
            f'fill="{_diverging(2 * k / (steps - 1) - 1)}"/>'
        )
    for x, anchor, label in ((left, "start", _fmt(-high)), (left + cols * cell / 2, "middle", "0"),
                             (left + cols * cell, "end", _fmt(high))):
        body.append(f'<text x="{x:.1f}" y="{bottom + 30}" text-anchor="{anchor}" fill="{MUTED}">{label}</text>')
    body.append(f'<text x="{left + cols * cell / 2:.1f}" y="{bottom + 46}" text-anchor="middle" fill="{INK}">{escape(legend)}</text>')
    return _frame(width, bottom + 58, title, desc, body)


def measured_chart(
    x: Sequence[float],
    measured: dict[str, Sequence[float]],
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    predicted: dict[str, Sequence[float]] | None = None,
    prediction_label: str = "prediction",
    log_y: bool = False,
    log_x: bool = False,
    width: int = 560,
    height: int = 340,
) -> str:
    """Measurements as dots, each series' prediction as a dashed line of the same colour.

    The chart for "measured against predicted": a dot that sits on its dashed line is a
    prediction borne out. The legend goes under the plot, so no data can hide it.

    Args:
        x: the shared x values, increasing.
        measured: name -> measured y values, one per x, drawn as dots.
        title: the figure's title.
        desc: a sentence saying what the figure shows, for screen readers.
        x_label: what x is.
        y_label: what y is.
        predicted: name (a key of `measured`) -> predicted y values, one per x, drawn as a
            dashed line in that series' colour; series without one have dots only.
        prediction_label: what the dashed lines are, for the legend.
        log_y: draw y on a log scale (every y must be positive).
        log_x: draw x on a log scale (every x must be positive).
        width: the figure's width, in pixels.
        height: the figure's height, in pixels, legend included.
    """
    predicted = predicted or {}
    left, right, top, bottom = 64, 16, 34, 74
    plot_w, plot_h = width - left - right, height - top - bottom
    px, fy, y0, y1 = _scales(x, [v for values in (*measured.values(), *predicted.values()) for v in values],
                             log_x, log_y, left, top, plot_w, plot_h)

    def py(v: float) -> float:  # reads y0 and y1 when called, after any widening
        return top + plot_h - (fy(v) - y0) / (y1 - y0) * plot_h

    body = [f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="{GRID}"/>']
    if log_y:
        decades = [k for k in range(math.floor(y0), math.ceil(y1) + 1) if y0 - 1e-9 <= k <= y1 + 1e-9]
        every = max(1, math.ceil(len(decades) * 18 / plot_h))  # at least 18 px between labels
        ticks = [10.0**k for k in decades if k % every == 0]
    else:  # round steps (1, 2, 2.5 or 5 times a power of ten), the axis widened to whole steps
        raw = (y1 - y0) / 4
        step = next(m * 10.0 ** math.floor(math.log10(raw)) for m in (1, 2, 2.5, 5, 10)
                    if m * 10.0 ** math.floor(math.log10(raw)) >= raw * (1 - 1e-9))
        y0, y1 = math.floor(y0 / step + 1e-9) * step, math.ceil(y1 / step - 1e-9) * step
        ticks = [y0 + step * k for k in range(round((y1 - y0) / step) + 1)]
    for tick in ticks:
        y = py(tick)
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{_fmt(tick)}</text>')
    every = max(1, math.ceil(len(x) * 36 / plot_w))  # at least 36 px between x labels
    for value in x[::every]:
        body.append(f'<text x="{px(value):.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="{MUTED}">{_fmt(value)}</text>')
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h + 36}" text-anchor="middle" fill="{INK}">{escape(x_label)}</text>')
    body.append(
        f'<text transform="translate(16 {top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" fill="{INK}">'
        f"{escape(y_label)}</text>"
    )
    legend_y, legend_x = height - 14, float(left)
    for k, (name, values) in enumerate(measured.items()):
        colour = SERIES[k % len(SERIES)]
        if name in predicted:
            points = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(x, predicted[name], strict=True))
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-dasharray="5 4"/>')
        for a, b in zip(x, values, strict=True):
            body.append(f'<circle cx="{px(a):.1f}" cy="{py(b):.1f}" r="3.5" fill="{colour}"/>')
        body.append(f'<circle cx="{legend_x + 4}" cy="{legend_y - 4}" r="3.5" fill="{colour}"/>')
        body.append(f'<text x="{legend_x + 12}" y="{legend_y}" fill="{INK}">{escape(name)}</text>')
        legend_x += 12 + 6.8 * len(name) + 18
    if predicted:
        body.append(
            f'<line x1="{legend_x}" x2="{legend_x + 22}" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{MUTED}" '
            'stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
        body.append(f'<text x="{legend_x + 28}" y="{legend_y}" fill="{INK}">{escape(prediction_label)}</text>')
    return _frame(width, height, title, desc, body)


def labelled_grid(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    title: str,
    desc: str,
    legend: str,
    low: float = 0.0,
    high: float = 1.0,
    missing: str = "cannot run",
) -> str:
    """A grid of values in [low, high] with named rows and columns, each cell shaded
    (darker for higher) and labelled with its value, so the figure reads without colour.

    Args:
        rows: a label per row, drawn at its left.
        columns: a label per column, drawn above it (slanted, so long labels fit).
        values: one row of numbers per label; ``None`` for a cell that has no value.
        title: the figure's title.
        desc: a sentence saying what the figure shows, for screen readers.
        legend: what the numbers are, drawn under the grid.
        low: the value drawn palest.
        high: the value drawn darkest.
        missing: the text of a cell whose value is ``None``.
    """
    cell_w, cell_h = 74, 30
    left = 16 + 7 * max(len(r) for r in rows)
    top = 40 + 6 * max(len(c) for c in columns) * 0.72 + 8
    width = int(left + cell_w * len(columns) + 24)
    height = int(top + cell_h * len(rows) + 40)
    body = []
    for j, name in enumerate(columns):
        x = left + (j + 0.5) * cell_w
        body.append(
            f'<text transform="translate({x:.1f} {top - 6:.1f}) rotate(-35)" fill="{INK}">{escape(name)}</text>'
        )
    for i, (name, row) in enumerate(zip(rows, values, strict=True)):
        y = top + i * cell_h
        body.append(f'<text x="{left - 8}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="end" fill="{INK}">{escape(name)}</text>')
        for j, value in enumerate(row):
            x = left + j * cell_w
            if value is None:
                body.append(f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{CARD}" stroke="{GRID}"/>')
                body.append(f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="middle" '
                            f'font-size="10" fill="{MUTED}">{escape(missing)}</text>')
                continue
            t = (value - low) / (high - low)
            body.append(f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{_colour(t)}" stroke="{CARD}"/>')
            ink = "#ffffff" if t > 0.55 else INK
            body.append(f'<text x="{x + cell_w / 2}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="middle" '
                        f'fill="{ink}">{value:.2f}</text>')
    body.append(f'<text x="{left + cell_w * len(columns) / 2:.1f}" y="{height - 14}" text-anchor="middle" '
                f'fill="{MUTED}">{escape(legend)}</text>')
    return _frame(width, height, title, desc, body)
