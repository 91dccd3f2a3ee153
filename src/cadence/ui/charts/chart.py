"""`Chart`: one themed pyqtgraph plot with a title row (title and legend), a hover readout,
clicks that open a week, training cycles in the background, and a message when there is nothing
to draw. The chart families (volume, load, quality, stops, heatmap) draw into it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QWidget

from cadence.domain.measures import week_start_of
from cadence.services.trends import CycleMarks
from cadence.ui.charts.axes import (
    DAY_S,
    CalendarAxis,
    ChartTheme,
    PercentAxis,
    date_axis,
    day_at,
    legend_html,
    shade_cycles,
    stamp,
    system_theme,
)
from cadence.ui.charts.hover import HoverReadout


class Chart(pg.PlotWidget):
    """A plot of one measure. `series` names what is drawn (for the hover text and for tests);
    `data` keeps arrays that are not plot items (the heat map's grid of minutes)."""

    weekClicked = Signal(object)  # the first day (date) of the week clicked

    def __init__(
        self,
        *,
        time_axis: bool = True,
        percent: bool = False,
        theme: ChartTheme | None = None,
        height: int = 230,
        parent: QWidget | None = None,
    ) -> None:
        self.theme = theme or system_theme()
        axes: dict[str, pg.AxisItem] = {}
        if time_axis:
            axes["bottom"] = date_axis()
        if percent:
            axes["left"] = PercentAxis("left")
        super().__init__(parent=parent, background=self.theme.background, axisItems=axes)
        self.time_axis = time_axis
        self.kind = ""
        self.series: dict[str, pg.GraphicsObject] = {}
        self.data: dict[str, object] = {}
        self._items: list[pg.GraphicsObject] = []
        self._marks: list[pg.GraphicsObject] = []
        self._message: pg.TextItem | None = None
        self._span: tuple[date, date, int] | None = None
        item = self.plot_item
        item.hideButtons()
        item.setMenuEnabled(False)
        item.showGrid(x=False, y=True, alpha=0.18)
        item.vb.setMouseEnabled(x=time_axis, y=False)
        item.vb.setAutoVisible(y=True)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(self.theme.faint(0.45)))
            axis.setTextPen(pg.mkPen(self.theme.foreground))
        item.getAxis("left").setWidth(52)
        self.hover = HoverReadout(item, self.theme)
        self.scene().sigMouseMoved.connect(self.hover.moved)
        self.scene().sigMouseClicked.connect(self._clicked)
        if height:
            self.setFixedHeight(height)

    @property
    def plot_item(self) -> pg.PlotItem:
        return self.getPlotItem()

    # --- drawing --------------------------------------------------------------------------------

    def reset(self, kind: str, title: str, legend: Sequence[tuple[str, str]] = ()) -> None:
        """Take away what was drawn and start a new drawing of `kind` with its title row."""
        for item in self._items:
            self.plot_item.removeItem(item)
        self._items.clear()
        self.series.clear()
        self.data.clear()
        self.hover.clear()
        if self._message is not None:
            self.plot_item.removeItem(self._message)
            self._message = None
        self.kind = kind
        self.set_title(title, legend)
        self.plot_item.getAxis("left").setTicks(None)
        self.plot_item.vb.invertY(False)
        self.plot_item.vb.enableAutoRange(y=True)

    def set_title(self, title: str, legend: Sequence[tuple[str, str]] = ()) -> None:
        self.plot_item.setTitle(legend_html(title, legend, self.theme.foreground))

    def add(self, name: str, item: pg.GraphicsObject, *, bounds: bool = True) -> pg.GraphicsObject:
        """Add a drawn item; `name` (if any) files it in `series`."""
        self.plot_item.addItem(item, ignoreBounds=not bounds)
        self._items.append(item)
        if name:
            self.series[name] = item
        return item

    def set_span(self, start: date, end: date, week_start: int = 0) -> None:
        """The dates shown: the x range, its limits, and which weeks a click may open."""
        self._span = (start, end, week_start)
        axis = self.plot_item.getAxis("bottom")
        if isinstance(axis, CalendarAxis):
            axis.week_start = week_start
        left, right = stamp(start), stamp(end + timedelta(days=1))
        margin = max(DAY_S, (right - left) * 0.01)
        vb = self.plot_item.vb
        vb.setLimits(xMin=left - margin, xMax=right + margin, minXRange=7 * DAY_S)
        self.setXRange(left, right, padding=0.01)

    def set_y_range(self, low: float, high: float) -> None:
        self.plot_item.vb.enableAutoRange(y=False)
        self.setYRange(low, high, padding=0.04)

    def read_out(
        self,
        xs: np.ndarray,
        describe: Callable[[int], str],
        tolerance: float = np.inf,
        ys: np.ndarray | None = None,
        locate: Callable[[QPointF], int | None] | None = None,
    ) -> None:
        self.hover.set_points(xs, describe, tolerance, ys, locate)

    def show_message(self, text: str) -> None:
        """Nothing to draw: say why in the middle of the plot, instead of an empty grid."""
        self.plot_item.vb.enableAutoRange(y=False)
        (x0, x1), _ = self.plot_item.vb.viewRange()
        if self._span is not None:
            start, end, _ws = self._span
            x0, x1 = stamp(start), stamp(end + timedelta(days=1))
        self.setYRange(0, 1, padding=0)
        self._message = pg.TextItem(text, color=self.theme.faint(0.75), anchor=(0.5, 0.5))
        self._message.setPos((x0 + x1) / 2, 0.5)
        self.plot_item.addItem(self._message, ignoreBounds=True)
        self.data["message"] = text

    @property
    def message(self) -> str:
        return str(self.data.get("message", ""))

    def set_marks(self, marks: CycleMarks | None) -> None:
        """Shade training phases and mark goal events (None or empty: take them away)."""
        for item in self._marks:
            self.plot_item.removeItem(item)
        self._marks = []
        if marks is not None and self.time_axis:
            self._marks = shade_cycles(self.plot_item, marks, self.theme)

    @property
    def marks(self) -> list[pg.GraphicsObject]:
        return list(self._marks)

    # --- clicks ---------------------------------------------------------------------------------

    def week_at(self, scene_pos: QPointF) -> date | None:
        """The first day of the week under a point of the scene, if inside the dates shown."""
        vb = self.plot_item.vb
        if (
            self._span is None
            or not self.time_axis
            or not vb.sceneBoundingRect().contains(scene_pos)
        ):
            return None
        start, end, week_start = self._span
        day = day_at(vb.mapSceneToView(scene_pos).x())
        if not start <= day <= end:
            return None
        return week_start_of(day, week_start)

    def _clicked(self, event) -> None:
        if event.button() != pg.QtCore.Qt.MouseButton.LeftButton or event.double():
            return
        week = self.week_at(event.scenePos())
        if week is not None:
            self.weekClicked.emit(week)
