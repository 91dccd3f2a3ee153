"""Stacked bars with hatched edge weeks (ui/charts/bar_item.py): one shared brush per layer and
the edge bars drawn apart land on the very pixels pyqtgraph's per-bar brushes and pens drew."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QTransform

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
