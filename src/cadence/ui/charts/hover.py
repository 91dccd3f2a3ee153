"""Hovering a chart shows the value under the pointer with its date, in a box at the top of the
plot and a thin cursor line, so a reading never hides behind the data."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

from cadence.ui.charts.axes import ChartTheme


class HoverReadout:
    """Reads out the point nearest the pointer: by x on time charts, by distance on scatters.

    `describe(i)` turns the index of the nearest point into the text shown ("Week of 3 Mar 2025:
    120 min"); points farther than `tolerance` (axis units, by x) are not read out.
    """

    def __init__(self, plot: pg.PlotItem, theme: ChartTheme) -> None:
        self.plot = plot
        self.xs = np.empty(0)
        self.ys: np.ndarray | None = None
        self.tolerance = np.inf
        self.describe: Callable[[int], str] | None = None
        self.locate: Callable[[QPointF], int | None] | None = None
        self.index: int | None = None
        fill = pg.mkBrush(theme.background)
        self.label = pg.TextItem(
            color=theme.foreground, fill=fill, border=pg.mkPen(theme.faint(0.35)), anchor=(0, 0)
        )
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(theme.faint(0.45)))
        for item in (self.label, self.cursor):
            item.setZValue(1000)
            item.hide()
            plot.addItem(item, ignoreBounds=True)

    def set_points(
        self,
        xs: np.ndarray,
        describe: Callable[[int], str],
        tolerance: float = np.inf,
        ys: np.ndarray | None = None,
        locate: Callable[[QPointF], int | None] | None = None,
    ) -> None:
        """Points to read out; with `ys`, the nearest point on screen (a scatter) is chosen;
        with `locate` (a point of the view -> an index), that function decides (a heat map)."""
        self.locate = locate
        self.xs = np.asarray(xs, dtype=float)
        self.ys = None if ys is None else np.asarray(ys, dtype=float)
        self.describe = describe
        self.tolerance = tolerance
        self.hide()

    def clear(self) -> None:
        self.xs = np.empty(0)
        self.ys = None
        self.describe = None
        self.locate = None
        self.hide()

    def hide(self) -> None:
        self.index = None
        self.label.hide()
        self.cursor.hide()

    @property
    def text(self) -> str:
        """What the readout shows now ('' when hidden)."""
        return self.label.toPlainText() if self.label.isVisible() else ""

    def nearest(self, scene_pos: QPointF) -> int | None:
        vb = self.plot.getViewBox()
        if not len(self.xs) or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        if self.locate is not None:
            return self.locate(vb.mapSceneToView(scene_pos))
        if self.ys is None:
            x = vb.mapSceneToView(scene_pos).x()
            i = int(np.argmin(np.abs(self.xs - x)))
            return i if abs(self.xs[i] - x) <= self.tolerance else None
        # On a scatter: the nearest point in pixels, within 24 px.
        finite = np.isfinite(self.xs) & np.isfinite(self.ys)
        if not finite.any():
            return None
        points = [vb.mapViewToScene(QPointF(x, y)) for x, y in zip(self.xs, self.ys, strict=True)]
        px = np.array([p.x() for p in points]) - scene_pos.x()
        py = np.array([p.y() for p in points]) - scene_pos.y()
        distance = np.where(finite, np.hypot(px, py), np.inf)
        i = int(np.argmin(distance))
        return i if distance[i] <= 24 else None

    def moved(self, scene_pos: QPointF) -> None:
        i = self.nearest(scene_pos)
        if i is None or self.describe is None:
            self.hide()
            return
        self.show_at(i)

    def show_at(self, i: int) -> None:
        """Show the readout of point i, on the side of the plot with more room."""
        assert self.describe is not None
        self.index = i
        vb = self.plot.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        top = y0 if vb.yInverted() else y1
        x = float(self.xs[i])
        self.label.setText(self.describe(i))
        self.label.setAnchor((0, 0) if x < (x0 + x1) / 2 else (1, 0))
        self.label.setPos(x, top)
        self.cursor.setPos(x)
        self.label.show()
        self.cursor.setVisible(self.ys is None and self.locate is None)
