"""Lines and points: weekly means and rates, daily load averages, tempo per session, scatters;
horizontal reference lines (a target tempo, an acute:chronic ratio of 1)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from cadence.ui.charts.axes import colour
from cadence.ui.charts.chart import Chart


def line(
    chart: Chart,
    name: str,
    xs: np.ndarray,
    ys: np.ndarray,
    hex_colour: str,
    *,
    width: float = 2.0,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
    symbols: bool = False,
) -> pg.PlotDataItem:
    """A line through the finite values; gaps (NaN: nothing measured) stay gaps.

    With `symbols`, each value also gets a dot, so a lone week between gaps still shows.
    """
    pen = pg.mkPen(colour(hex_colour), width=width, style=style)
    x, y = np.asarray(xs, float), np.asarray(ys, float)
    item = chart.curve_item(name)
    item.setData(
        x,
        y,
        pen=pen,
        # without gaps the quicker path of one unbroken line
        connect="finite" if np.isnan(y).any() else "all",
        symbol="o" if symbols else None,
        symbolSize=6,
        symbolBrush=colour(hex_colour),
        symbolPen=pg.mkPen(None),
    )
    return item


def points(
    chart: Chart, name: str, xs: np.ndarray, ys: np.ndarray, hex_colour: str, size: float = 8
) -> pg.ScatterPlotItem:
    item = chart.scatter_item(name)
    item.setData(
        x=np.asarray(xs, float),
        y=np.asarray(ys, float),
        size=size,
        brush=colour(hex_colour, 170),
        pen=pg.mkPen(colour(hex_colour), width=1),
    )
    return item


def reference(
    chart: Chart, name: str, y: float, hex_colour: str, text: str = ""
) -> pg.InfiniteLine:
    """A dashed horizontal line at y, with an optional label at its right end."""
    item = pg.InfiniteLine(
        pos=y,
        angle=0,
        movable=False,
        pen=pg.mkPen(colour(hex_colour), width=1.5, style=Qt.PenStyle.DashLine),
        label=text or None,
        # right-aligned just under the line, clear of the phase names along the top
        labelOpts={"position": 0.98, "color": colour(hex_colour), "anchors": [(1, 0), (1, 0)]},
    )
    return chart.add(name, item)
