"""Bars: stacked weekly bars (minutes by discipline, stop-points by reason) and plain bars on a
category axis (where in the plan stops fall)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from cadence.ui.charts.axes import colour
from cadence.ui.charts.chart import Chart

BAR_SHARE = 0.8  # of a period's width: a little air between bars


def stacked_bars(
    chart: Chart,
    xs: np.ndarray,
    layers: Sequence[tuple[str, Sequence[float], str | QColor]],
    width: float,
    partial: np.ndarray | None = None,
) -> list[pg.BarGraphItem]:
    """One BarGraphItem per layer (name, heights, colour), each standing on the ones before.

    Bars where `partial` is true (a week only partly inside the range) are hatched and outlined
    instead of filled, so a short edge week does not read as a sudden drop."""
    base = np.zeros(len(xs), dtype=float)
    items = []
    marked = partial is not None and bool(np.any(partial))
    for name, heights, hex_colour in layers:
        h = np.asarray(heights, dtype=float)
        item = chart.bar_item(name)
        fill = colour(hex_colour) if isinstance(hex_colour, str) else hex_colour
        # the edge weeks hatched and outlined, drawn apart from the layer's one brush
        hatch = QBrush(fill, Qt.BrushStyle.BDiagPattern)
        item.set_edges(partial if marked else None, hatch, pg.mkPen(fill, width=1))
        style = {"brush": fill, "pen": pg.mkPen(None), "brushes": None, "pens": None}
        item.setOpts(
            x=np.asarray(xs, dtype=float),
            height=h,
            y0=base.copy(),
            width=width * BAR_SHARE,
            **style,
        )
        items.append(item)
        base = base + h
    return items


def category_axis(chart: Chart, labels: Sequence[str], every: int = 1) -> None:
    """Label the bottom axis 0, 1, 2 … with words (every n-th, so they never overlap)."""
    ticks = [(i, text) for i, text in enumerate(labels) if i % every == 0]
    chart.plot_item.getAxis("bottom").setTicks([ticks, []])
