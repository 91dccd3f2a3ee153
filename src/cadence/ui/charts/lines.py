"""Lines and points: weekly means and rates, daily load averages, tempo per session, scatters;
horizontal reference lines (a target tempo, an acute:chronic ratio of 1)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from cadence.ui.charts.axes import colour
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labelled_line import LabelledLine

DOWNSAMPLE_FROM = 1000  # points; a year of days is fewer
PEAK_SAMPLES_PER_PIXEL = 1.0


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
    joined: np.ndarray | None = None,
) -> pg.PlotDataItem:
    """A line through the finite values; gaps (NaN: nothing measured) stay gaps.

    With `symbols`, each value also gets a dot, so a lone week between gaps still shows.
    `joined[i]` false breaks the line between point i and the next.
    """
    pen = pg.mkPen(colour(hex_colour), width=width, style=style)
    x, y = np.asarray(xs, float), np.asarray(ys, float)
    if joined is not None:
        finite = np.isfinite(y)
        connect = (np.asarray(joined, bool) & finite & np.append(finite[1:], False)).astype(int)
    else:
        # without gaps the quicker path of one unbroken line
        connect = "finite" if np.isnan(y).any() else "all"
    item = chart.curve_item(name)
    # Years of daily values are more points than the plot has pixels: draw each pixel column's
    # highest and lowest value only ("peak" keeps the envelope a person sees). The data kept on
    # the item (xData, yData, the hover read-out) stay whole.
    # One column of samples per pixel (pyqtgraph's default is five, i.e. ten points a pixel with
    # "peak"): thirty years of days drew about 11,000 points a line, now about two a pixel, and
    # the picture is the same, as each pixel column still spans its highest and lowest value.
    item.opts["autoDownsampleFactor"] = PEAK_SAMPLES_PER_PIXEL
    # What `setDownsampling(auto=…, method="peak")` sets, without the redraw of the old data it
    # makes when they change: `setData` below drops what was drawn and draws the new data with
    # them (a switch of range made every line's curve and points twice).
    item.opts["autoDownsample"] = len(x) > DOWNSAMPLE_FROM
    item.opts["downsampleMethod"] = "peak"
    item.setData(
        x,
        y,
        pen=pen,
        connect=connect,
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


# Above the lines and bars (z 0), as a reference line made last in each drawing was.
REFERENCE_Z = 0.5


def reference(
    chart: Chart,
    name: str,
    y: float,
    hex_colour: str,
    text: str = "",
    *,
    left: bool = False,
    kept: bool = False,
) -> pg.InfiniteLine:
    """A dashed horizontal line at y, with an optional label at its right end (or left end).

    `kept`: the line is kept between drawings (`Chart.kept_item`) and drawn above the chart's
    lines and bars, which only the caller knows to be the same as drawing it last."""

    def make() -> pg.InfiniteLine:
        at, anchor = (0.02, (0, 0)) if left else (0.98, (1, 0))
        return LabelledLine(
            pos=y,
            angle=0,
            movable=False,
            pen=pg.mkPen(colour(hex_colour), width=1.5, style=Qt.PenStyle.DashLine),
            label=text or None,
            # just under the line, clear of the phase names along the top
            labelOpts={"position": at, "color": colour(hex_colour), "anchors": [anchor, anchor]},
        )

    def make_kept() -> pg.InfiniteLine:
        item = make()
        item.setZValue(REFERENCE_Z)
        return item

    if not kept:
        return chart.add(name, make())
    return chart.kept_item(name, (y, hex_colour, text, left), make_kept)
