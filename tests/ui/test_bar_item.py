"""Stacked bars with hatched edge weeks (ui/charts/bar_item.py): one shared brush per layer and
the edge bars drawn apart land on the very pixels pyqtgraph's per-bar brushes and pens drew."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPicture, QTransform
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cadence.ui.charts.bar_item import SparseBarGraphItem

WEEK = 604_800.0


def render(item: pg.BarGraphItem, transform: QTransform) -> QImage:
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setTransform(transform)
    item.paint(painter)
    painter.end()
    return image


def test_edge_weeks_draw_as_per_bar_brushes_did_with_one_brush_for_the_rest(qapp) -> None:
    rng = np.random.default_rng(3)
    n = 300
    xs = 8.2e8 + WEEK * np.arange(n)  # thirty-year timestamps: big numbers, thin bars
    heights = np.where(rng.random(n) < 0.7, 0.0, rng.integers(1, 5, n).astype(float))
    base = rng.integers(0, 3, n).astype(float)
    edge = np.zeros(n, dtype=bool)
    edge[[0, n - 1]] = True
    heights[n - 1] = 0.0  # an empty edge week is still outlined
    fill = QColor("#8050f0")
    hatch = QBrush(fill, Qt.BrushStyle.BDiagPattern)
    line, none = pg.mkPen(fill, width=1), pg.mkPen(None)
    data = {"x": xs, "height": heights, "y0": base, "width": WEEK * 0.8}
    per_bar = pg.BarGraphItem(
        **data,
        brushes=[hatch if e else QBrush(fill) for e in edge],
        pens=[line if e else none for e in edge],
    )
    shared = SparseBarGraphItem(x=[], height=[], width=1)
    shared.set_edges(edge, hatch, line)
    shared.setOpts(**data, brush=fill, pen=none, brushes=None, pens=None)
    # the data scaled onto 400 × 200 pixels, y up
    transform = QTransform()
    transform.scale(400 / (WEEK * (n + 1)), -20)
    transform.translate(-xs[0] + WEEK, -9)
    assert render(shared, transform) == render(per_bar, transform)
    assert render(shared, transform) != render(pg.BarGraphItem(**data, brush=fill), transform)
    styles = [b.style() for b in shared.bar_brushes()]
    assert styles == [Qt.BrushStyle.BDiagPattern] + [Qt.BrushStyle.SolidPattern] * (n - 2) + [
        Qt.BrushStyle.BDiagPattern
    ]
    assert shared.boundingRect() == per_bar.boundingRect()
    assert shared.opts["height"] is heights  # every week kept for the readout


def layer(rng: np.random.Generator, n: int, last: bool = True) -> SparseBarGraphItem:
    """A stacked layer of `n` weeks: thin bars on big timestamps, many of height 0, heights and
    bases that land anywhere between pixels, the first week hatched (and the last, with `last`).
    """
    xs = 8.2e8 + WEEK * np.arange(n) + rng.uniform(0, WEEK)
    heights = np.where(rng.random(n) < 0.4, 0.0, rng.integers(1, 6, n) * rng.uniform(0.3, 1.7))
    base = rng.integers(0, 4, n) * rng.uniform(0.2, 1.3)
    fill = QColor("#e07020")
    item = SparseBarGraphItem(x=[], height=[], width=1)
    marked = np.zeros(n, dtype=bool)
    marked[0] = True
    marked[n - 1] = last
    item.set_edges(marked, QBrush(fill, Qt.BrushStyle.BDiagPattern), pg.mkPen(fill, width=1))
    item.setOpts(x=xs, height=heights, y0=base, width=WEEK * 0.8, brush=fill, pen=pg.mkPen(None))
    return item


def played(item: SparseBarGraphItem, image: QImage, transform: QTransform) -> QImage:
    """`image` with the layer's recorded picture played on it, as the bars were drawn before."""
    painter = QPainter(image)
    painter.setTransform(transform)
    item._picture().play(painter)
    painter.end()
    return image


def blank(ratio: float = 1.0) -> QImage:
    image = QImage(int(400 * ratio), int(200 * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    return image


def test_bars_fill_the_pixels_their_recorded_picture_filled_without_recording_it(qapp) -> None:
    """On a raster device the filled bars are worked out as whole pixels; Qt fills a picture's
    rectangles as paths, on other pixels than `drawRects` would (a bar a pixel aside): the
    pixels must be the picture's, at any scale and shift, on a screen of pixel ratio 1 or 2."""
    rng = np.random.default_rng(7)
    for trial in range(24):
        n = int(rng.integers(40, 900))
        item = layer(rng, n, last=trial % 3 != 0)
        transform = QTransform()
        transform.translate(rng.uniform(-30, 30), rng.uniform(150, 200))
        transform.scale(rng.uniform(0.5, 2.5) * 400 / (WEEK * n), -rng.uniform(3, 40))
        transform.translate(-8.2e8, 0)
        ratio = 2.0 if trial % 4 == 1 else 1.0
        painted = blank(ratio)
        painter = QPainter(painted)
        painter.setTransform(transform)
        item.paint(painter)
        painter.end()
        assert item._recorded is None  # the fast way: no picture recorded
        assert painted == played(item, blank(ratio), transform), f"trial {trial}"


def test_edges_of_bars_on_the_pixel_grid_land_as_the_picture_had_them(qapp) -> None:
    """Bar edges at and near the middle of a pixel (where rounding decides), in one pixel a
    data unit, partly outside the image, y up or down."""
    rng = np.random.default_rng(11)
    for flip in (1.0, -1.0):
        n = 500
        parts = rng.integers(0, 256, (n, 4)) / 256.0 + rng.choice([0.0, 1e-9, -1e-9], (n, 4))
        xs = rng.integers(-40, 440, n) + parts[:, 0]
        item = SparseBarGraphItem(x=[], height=[], width=1)
        item.setOpts(
            x0=xs,
            width=rng.integers(0, 12, n) + parts[:, 1],
            y0=rng.integers(-30, 230, n) + parts[:, 2],
            height=rng.integers(0, 20, n) + parts[:, 3],
            brush=QColor("#2080c0"),
            pen=pg.mkPen(None),
        )
        item.set_edges(np.arange(n) == 0, QBrush(Qt.BrushStyle.BDiagPattern), pg.mkPen("k"))
        item.setOpts()  # the edges take effect at the next setOpts
        transform = QTransform(1.0, 0.0, 0.0, flip, 0.0, 200.0 if flip < 0 else 0.0)
        assert render(item, transform) == played(item, blank(), transform)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_bars_in_a_window_land_as_the_picture_had_them(qtbot, monkeypatch) -> None:
    """Painted in a window, a chart's painter is offset to where its widget sits; the whole
    window grabbed is the same as with the recorded picture."""
    rng = np.random.default_rng(5)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(37, 23, 11, 9)
    plot = pg.PlotWidget()
    column.addWidget(plot)
    items = [layer(rng, 700) for _ in range(3)]
    for item in items:
        plot.addItem(item)
    qtbot.addWidget(holder)
    holder.resize(520, 300)
    holder.show()
    qtbot.waitExposed(holder)
    straight = holder.grab().toImage()
    assert all(item._recorded is None for item in items)
    for item in items:  # the same layers, their pictures played
        monkeypatch.setattr(item, "_paint_pixels", lambda _painter: False)
    plot.viewport().repaint()
    assert holder.grab().toImage() == straight
    assert all(item._recorded is not None for item in items)


def test_bars_printed_or_exported_are_the_recorded_picture(qapp) -> None:
    """Off the pixel grid (a PDF, an SVG, a picture) the bars stay rectangles: the picture is
    played there."""
    item = layer(np.random.default_rng(2), 120)
    picture = QPicture()
    painter = QPainter(picture)
    item.paint(painter)
    painter.end()
    assert item._recorded is not None
    assert picture.size() > item._recorded.size() > 0


def test_a_layers_bounds_are_pyqtgraphs_own_as_its_data_and_the_view_change(qtbot) -> None:
    """The bounding rectangle kept between Qt's questions is the one pyqtgraph works out, after
    every change of data, pen, view range and plot size."""
    rng = np.random.default_rng(11)
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(600, 260)
    plot.show()
    qtbot.waitExposed(plot)
    items = [layer(rng, 300), layer(rng, 40, last=False)]
    for item in items:
        plot.addItem(item)
    kept = 0
    for step in range(40):
        if step % 3 == 0:  # new data (a switch of range), sometimes another outline width
            item = items[step % 2]
            n = int(rng.integers(1, 400))
            wide = pg.mkPen(QColor("#e07020"), width=float(rng.choice([1.0, 2.5])))
            mask = rng.random(n) < 0.1
            item.set_edges(mask, QBrush(QColor("#e07020"), Qt.BrushStyle.BDiagPattern), wide)
            item.setOpts(
                x=8.2e8 + WEEK * np.arange(n),
                height=rng.integers(0, 5, n).astype(float),
                y0=np.zeros(n),
                width=WEEK * float(rng.uniform(0.2, 0.9)),
            )
        elif step % 3 == 1:  # the view's range
            left = 8.2e8 + WEEK * float(rng.uniform(-20, 200))
            plot.setXRange(left, left + WEEK * float(rng.uniform(5, 400)), padding=0)
            plot.setYRange(0, float(rng.uniform(1, 30)), padding=0)
        else:  # the plot's size
            plot.resize(int(rng.integers(200, 700)), int(rng.integers(120, 300)))
        qtbot.wait(1)
        for item in items:
            for _ in range(2):  # asked again with nothing changed: kept, and still the same
                ours = item.boundingRect()
                assert ours == pg.BarGraphItem.boundingRect(item), step
            kept += item._bounds is not None
    assert kept == 80
