"""`Chart`: one themed pyqtgraph plot with a title row (title and legend), a hover readout,
clicks that open a week, training cycles in the background, and a message when there is nothing
to draw. The chart families (volume, load, quality, stops, heatmap) draw into it.

Items are kept between drawings and refilled (`bar_item`, `curve_item` …): adding items to a
pyqtgraph scene costs far more than giving them new data, and a range switch must stay quick.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TypeVar, cast

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QGraphicsGridLayout, QWidget

from cadence.domain.measures import week_start_of
from cadence.services.stats.lazy import CycleMarks
from cadence.ui.charts.axes import (
    DAY_S,
    CalendarAxis,
    ChartTheme,
    PercentAxis,
    ValueAxis,
    date_axis,
    day_at,
    legend_html,
    stamp,
    system_theme,
)
from cadence.ui.charts.bar_item import SparseBarGraphItem
from cadence.ui.charts.cycles import CycleBands, CycleLabels
from cadence.ui.charts.dashes import DashedDataItem
from cadence.ui.charts.hover import HoverReadout
from cadence.ui.charts.plot_view import (
    PlainPlotItem,
    without_background_cache,
    without_hidden_axis_labels,
)

# Charts whose y axis counts things (sessions, stop-points, days): whole-number ticks only.
COUNT_KINDS = frozenset(
    {"sessions_per_week", "stop_points_by_reason", "stop_position", "days_practised"}
)

ItemT = TypeVar("ItemT", bound=pg.GraphicsObject)


class ChartViewBox(pg.ViewBox):
    """A view box whose linked views copy each other's range.

    pyqtgraph lines linked views up by their position on screen, which suits plots side by side
    in one window but goes wrong for charts stacked in a scroll area (a chart laid out or
    scrolled later takes a shifted range). Our linked charts share the same dates, so copy them.
    """

    def linkedViewChanged(self, view, axis):  # pyqtgraph's name
        if self.linksBlocked or view is None:
            return
        rect = view.viewRect()
        view.blockLink(True)
        try:
            if axis == pg.ViewBox.XAxis:
                self.enableAutoRange(pg.ViewBox.XAxis, False)
                self.setXRange(rect.left(), rect.right(), padding=0)
            else:
                self.enableAutoRange(pg.ViewBox.YAxis, False)
                self.setYRange(rect.top(), rect.bottom(), padding=0)
        finally:
            view.blockLink(False)

    def childrenBounds(self, frac=None, orthoRange=(None, None), items=None):  # pyqtgraph's name
        """pyqtgraph's bounds of the items, without first moving the items to the view's new
        range. pyqtgraph maps each item's bounds to the view through `mapFromItemToView`, which
        brings the view's transform up to date first: after a change of x, fitting y moved every
        item (and each told its children) to the new x and the old y, then again to the new y.
        An item placed directly in the view maps to it by its own transform alone, the same
        numbers whatever the view's; for any other item pyqtgraph's own way is taken."""
        group = self.childGroup
        if not self._matrixNeedsUpdate or any(
            item.parentItem() is not group for item in (self.addedItems if items is None else items)
        ):
            return super().childrenBounds(frac, orthoRange, items)
        self._matrixNeedsUpdate = False  # (what `mapFromItemToView` reads before mapping)
        try:
            return super().childrenBounds(frac, orthoRange, items)
        finally:
            self._matrixNeedsUpdate = True

    def fix_y_range(self, low: float, high: float, padding: float) -> None:
        """Show y from low to high, whatever the data. Turning auto-range off first fits the
        range to the data (a pass over every item, and a range change every chart hears) when a
        fit is pending; with x not auto-ranged either, that fit would be thrown away at once."""
        if self.state["autoRange"][0] is False:
            self._autoRangeNeedsUpdate = False  # pyqtgraph's flag of a pending fit
        self.enableAutoRange(y=False)
        self.setYRange(low, high, padding=padding)


class Chart(pg.PlotWidget):
    """A plot of one measure. `series` names what is drawn now (for the readout and for tests);
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
        axes["left"] = PercentAxis("left") if percent else ValueAxis("left")
        self.view_box = ChartViewBox(enableMenu=False)  # the plot's view box, by its own type
        plot = PlainPlotItem(viewBox=self.view_box, axisItems=axes)
        super().__init__(parent=parent, plotItem=plot)
        self.setBackground(self.theme.background)  # (typed as a str in the constructor)
        without_background_cache(self)
        self.time_axis = time_axis
        self.kind = ""
        self.series: dict[str, pg.GraphicsObject] = {}
        self.data: dict[str, object] = {}
        self._pool: dict[tuple[type, str], pg.GraphicsObject] = {}
        self._extras: list[pg.GraphicsObject] = []  # drawn once, removed on reset
        self._kept_keys: dict[str, object] = {}  # what each `kept_item` shows
        self._span: tuple[date, date, int] | None = None
        self._limits: tuple[float, float] | None = None
        self._title_html = ""
        self._title_natural = 0  # the height the wrapped title row needs
        self._title_applied = 0
        # charts whose title rows keep one height with this (held weakly: each holds the other)
        self.title_peers: weakref.WeakSet[Chart] = weakref.WeakSet()
        item = self.plot_item
        item.hideButtons()
        item.setMenuEnabled(False)
        self.view_box.setMouseEnabled(x=time_axis, y=False)
        self.view_box.setAutoVisible(y=True)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(self.theme.faint(0.45)))
            axis.setTextPen(pg.mkPen(self.theme.foreground))
        item.getAxis("left").setWidth(52)
        # no SI prefixes ("x1e+03"): each range change would re-typeset the axis label
        item.getAxis("left").enableAutoSIPrefix(False)
        without_hidden_axis_labels(item)
        # the grid is drawn by the backdrop (pyqtgraph's own grid is slow to paint)
        self.bands = CycleBands(self.theme, item.getAxis("left"))
        self.bands.labels = CycleLabels(self.bands)
        item.addItem(self.bands, ignoreBounds=True)
        item.addItem(self.bands.labels, ignoreBounds=True)
        self._message = pg.TextItem("", color=self.theme.faint(0.75), anchor=(0.5, 0.5))
        self._message.hide()
        item.addItem(self._message, ignoreBounds=True)
        self.hover = HoverReadout(item, self.theme)
        scene = self.scene()
        assert isinstance(scene, pg.GraphicsScene)  # pyqtgraph's scene, made by the view
        scene.sigMouseMoved.connect(self.hover.moved)
        scene.sigMouseClicked.connect(self._clicked)
        if height:
            self.setFixedHeight(height)

    @property
    def plot_item(self) -> pg.PlotItem:
        item = self.getPlotItem()
        assert item is not None  # (None only once the chart is closed)
        return item

    # --- drawing --------------------------------------------------------------------------------

    def reset(self, kind: str, title: str, legend: Sequence[tuple[str, str]] = ()) -> None:
        """Start a new drawing of `kind` with its title row: every item is hidden until reused."""
        for pooled in self._pool.values():
            pooled.hide()
        for extra in self._extras:
            self.plot_item.removeItem(extra)
        self._extras.clear()
        self.series.clear()
        self.data.clear()
        self.hover.clear()
        self._message.hide()
        self.bands.show_names = True
        self.kind = kind
        self.set_title(title, legend)
        left = self.plot_item.getAxis("left")
        left.setTicks(None)
        if isinstance(left, ValueAxis):
            left.set_integers(kind in COUNT_KINDS)
        self.view_box.enableAutoRange(y=True)

    def set_title(self, title: str, legend: Sequence[tuple[str, str]] = ()) -> None:
        html = legend_html(title, legend, self.theme.foreground)
        if html != self._title_html:  # typesetting it again costs more than the data
            self._title_html = html
            self._fit_title()

    def _fit_title(self) -> None:
        """Wrap the title row to the chart's width: a long legend must never widen the plot
        beyond the widget (pyqtgraph sizes the plot's column to the title's width)."""
        label = self.plot_item.titleLabel
        # the plot column: the widget less the left axis and the margins
        label.item.setTextWidth(max(120.0, self.width() - 100.0))
        label.item.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignCenter))
        self.plot_item.setTitle(self._title_html)
        # pyqtgraph gives the title row a fixed 30 px: a legend wrapped to a second or third line
        # would spill over the plot. The row takes the height of the wrapped text instead.
        self._title_natural = math.ceil(label.itemRect().height()) + 2
        self._title_applied = 0  # setTitle put pyqtgraph's 30 px back
        # charts side by side (Compare's columns) share the tallest title row of their group
        group = [self, *self.title_peers]
        height = max(chart._title_natural for chart in group)
        for chart in group:
            chart._set_title_height(height)

    def _set_title_height(self, height: int) -> None:
        if height != self._title_applied:
            self._title_applied = height
            self.plot_item.titleLabel.setMaximumHeight(height)
            layout = self.plot_item.layout  # pyqtgraph's grid, in place of QGraphicsWidget.layout()
            assert isinstance(layout, QGraphicsGridLayout)
            layout.setRowFixedHeight(0, height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # (pyqtgraph calls this from its constructor, before our attributes exist, and from
        # close(), after the plot is gone)
        if getattr(self, "_title_html", "") and getattr(self, "plotItem", None) is not None:
            self._fit_title()

    def wheelEvent(self, event) -> None:
        """The wheel scrolls the page the chart sits on; Ctrl + wheel zooms the time axis."""
        if self.time_axis and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()
            return
        # handed on, not ignored: Qt passes an ignored wheel on to the parents only when it
        # came from the device, and the page must scroll the same either way
        QApplication.sendEvent(area.viewport(), event)
        event.accept()

    def _pooled(self, cls: type[ItemT], name: str, make: Callable[[], ItemT]) -> ItemT:
        item = self._pool.get((cls, name))
        if not isinstance(item, cls):  # none yet: the pool files each item under its class
            item = make()
            self.plot_item.addItem(item)
            self._pool[(cls, name)] = item
        item.show()
        self.series[name] = item
        return item

    def bar_item(self, name: str) -> SparseBarGraphItem:
        """The bars called `name`, shown and ready for setOpts (x, height, y0, width, brush)."""
        return self._pooled(
            SparseBarGraphItem, name, lambda: SparseBarGraphItem(x=[], height=[], width=1)
        )

    def curve_item(self, name: str) -> pg.PlotDataItem:
        """The line called `name`, shown and ready for setData (a dashed or dotted pen is drawn
        as cut solid dashes: ui/charts/dashes.py)."""
        return self._pooled(pg.PlotDataItem, name, DashedDataItem)

    def scatter_item(self, name: str) -> pg.ScatterPlotItem:
        return self._pooled(pg.ScatterPlotItem, name, pg.ScatterPlotItem)

    def image_item(self, name: str) -> pg.ImageItem:
        return self._pooled(pg.ImageItem, name, lambda: pg.ImageItem(axisOrder="col-major"))

    def kept_item(self, name: str, key: object, make: Callable[[], ItemT]) -> ItemT:
        """The item called `name` that `make` makes for `key` (all it shows: a reference line's
        height, colour and label), shown. Kept between drawings, hidden by `reset`, and made
        again only when `key` changes: making and adding a pyqtgraph item costs far more than
        showing it again."""
        item = self._pool.get((Chart, name))  # (Chart: no item class is a kept item's key)
        if item is None or self._kept_keys.get(name) != key:
            if item is not None:
                self.plot_item.removeItem(item)
            item = make()
            self.plot_item.addItem(item)
            self._pool[(Chart, name)] = item
            self._kept_keys[name] = key
        item.show()
        self.series[name] = item
        return cast(ItemT, item)  # (the pool files it under `name` for this method alone)

    def add(self, name: str, item: ItemT, *, bounds: bool = True) -> ItemT:
        """Add an item for this drawing only (a reference line); `name` files it in `series`."""
        self.plot_item.addItem(item, ignoreBounds=not bounds)
        self._extras.append(item)
        if name:
            self.series[name] = item
        return item

    def set_span(self, start: date, end: date, week_start: int = 0) -> None:
        """The dates shown: the x range (the weeks holding them), its limits, and which weeks a
        click may open (those inside the dates)."""
        self._span = (start, end, week_start)
        axis = self.plot_item.getAxis("bottom")
        if isinstance(axis, CalendarAxis):
            axis.week_start = week_start
        # whole weeks on the axis: a week's bar stands in its middle, also the week of today
        left = stamp(week_start_of(start, week_start))
        right = stamp(week_start_of(end, week_start) + timedelta(days=7))
        margin = max(DAY_S, (right - left) * 0.01)
        limits = (left - margin, right + margin)
        vb = self.view_box
        # Linked charts already follow the first one drawn: setting the same range again would
        # make every chart of a linked group update every other one.
        if self._limits != limits:
            vb.setLimits(xMin=limits[0], xMax=limits[1], minXRange=7 * DAY_S)
            self._limits = limits
        if not np.allclose(self._x_range(), limits, rtol=0, atol=1.0):
            vb.setXRange(*limits, padding=0)

    def _x_range(self) -> tuple[float, float]:
        x0, x1 = self.view_box.viewRange()[0]
        return (float(x0), float(x1))

    def settle(self) -> None:
        """Fit the range to the new data now, not at the next paint: a range changed while
        painting asks for a second paint of the whole chart."""
        self.view_box.prepareForPaint()

    def set_y_range(self, low: float, high: float) -> None:
        self.view_box.fix_y_range(low, high, padding=0.04)

    def read_out(
        self,
        xs: np.ndarray,
        describe: Callable[[int], str],
        tolerance: float = np.inf,
        ys: np.ndarray | None = None,
        locate: Callable[[QPointF], int | None] | None = None,
    ) -> None:
        """What hovering says: `describe(i)` of the point nearest the pointer, and the training
        phase there, if any."""

        bands = self.bands if self.time_axis else None  # not self: the hover holds this

        def with_phase(i: int) -> str:
            text = describe(i)
            phase = bands.phase_at(float(xs[i])) if bands is not None else ""
            return f"{text}\n{phase}" if phase else text

        self.hover.set_points(xs, with_phase, tolerance, ys, locate)

    def show_message(self, text: str) -> None:
        """Nothing to draw: say why in the middle of the plot, instead of an empty grid."""
        self.view_box.enableAutoRange(y=False)
        (x0, x1), _ = self.view_box.viewRange()
        if self._limits is not None and self.time_axis:
            x0, x1 = self._limits
        self.view_box.setYRange(0, 1, padding=0)
        self._message.setText(text)
        self._message.setPos((x0 + x1) / 2, 0.5)
        self._message.show()
        self.data["message"] = text

    @property
    def message(self) -> str:
        return str(self.data.get("message", ""))

    def set_marks(self, marks: CycleMarks | None) -> None:
        """Shade training phases and mark goal events (None: take them away)."""
        self.bands.set_marks(marks if self.time_axis else None)

    # --- clicks ---------------------------------------------------------------------------------

    def week_at(self, scene_pos: QPointF) -> date | None:
        """The first day of the week under a point of the scene, if inside the dates shown."""
        vb = self.view_box
        if self._span is None or not self.time_axis:
            return None
        if not vb.sceneBoundingRect().contains(scene_pos):
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
