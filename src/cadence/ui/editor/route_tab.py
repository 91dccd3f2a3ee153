"""The session editor's Route tab for an imported run with track points: the route's shape
(drawn from the points alone, no map tiles, no network), pace, heart rate and elevation over the
distance on one linked axis, and the splits per km or mile."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.palette import RUNNING
from cadence.domain.splits import Split
from cadence.domain.units import Units, format_duration, pace_clock
from cadence.services.records.tracks import RouteData, load_track, route_data
from cadence.ui.charts.axes import ChartTheme, system_theme
from cadence.ui.widgets.cells import item_at

SPLIT_COLUMNS = ("Split", "Time", "Pace", "Heart rate", "Elevation")


def tr(text: str) -> str:
    return QCoreApplication.translate("RouteTab", text)


def route_tab_for(session_id: int | None, units: Units) -> RouteTab | None:
    """The tab for a session that has track points; None for every other session."""
    if session_id is None:
        return None
    track = load_track(session_id)
    if track is None:
        return None
    return RouteTab(route_data(track, units))


def _change_text(metres: float | None) -> str:
    if metres is None:
        return ""
    whole = round(metres)
    return f"{whole:+d}" if whole else "0"


class PaceAxis(pg.AxisItem):
    """Seconds per km or mile written as m:ss."""

    def tickSpacing(self, minVal, maxVal, size):  # pyqtgraph's name: whole minutes, half minutes
        span = abs(maxVal - minVal)
        if span > 1200:
            return [(300.0, 0.0), (60.0, 0.0)]
        return [(60.0, 0.0), (30.0, 0.0)] if span > 240 else [(30.0, 0.0), (10.0, 0.0)]

    def tickStrings(self, values, scale, spacing):  # pyqtgraph's name
        return [pace_clock(v) if v > 0 else "" for v in values]


class RouteTab(QWidget):
    def __init__(self, data: RouteData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RouteTab")
        self.data = data
        theme = system_theme()
        self.route_plot = self._route_plot(theme)
        self.splits_table = self._splits_table(data.splits)
        self.charts = self._charts(theme)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.route_plot)
        left.addWidget(self.splits_table)
        left.setSizes([360, 240])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.charts)
        split.setSizes([420, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    # -- the route's shape ------------------------------------------------------------------

    def _route_plot(self, theme: ChartTheme) -> QWidget:
        data = self.data
        if data.east_m is None or data.north_m is None:
            label = QLabel(tr("This run was recorded without positions (a treadmill?)."))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label
        plot = pg.PlotWidget()
        plot.setBackground(theme.background)  # (typed as a str in the constructor)
        plot.setObjectName("RoutePlot")
        plot.setAspectLocked(True)  # equal metres east and north
        plot.hideAxis("bottom")
        plot.hideAxis("left")
        plot.setMenuEnabled(False)
        plot.setToolTip(tr("The route from its points (north is up); scroll to zoom"))
        east, north = data.east_m, data.north_m
        plot.plot(east, north, pen=pg.mkPen(QColor(RUNNING), width=3), connect="finite")
        known = np.flatnonzero(np.isfinite(east) & np.isfinite(north))
        # the finish first, so that the start stays visible on a run back to where it began
        ends = [(known[-1], "#C62828", tr("Finish")), (known[0], "#2E7D32", tr("Start"))]
        for index, colour, name in ends:
            plot.plot(
                [east[index]],
                [north[index]],
                pen=None,
                symbol="o",
                symbolSize=11,
                symbolBrush=QColor(colour),
                symbolPen=pg.mkPen(theme.background, width=2),
                name=name,
            )
        self._split_marks(plot, theme)
        return plot

    def _split_marks(self, plot: pg.PlotWidget, theme: ChartTheme) -> None:
        """The number of each whole split where it ends."""
        data = self.data
        if data.distance is None or data.east_m is None or data.north_m is None:
            return
        for split in data.splits:
            if split.partial:
                continue
            index = int(np.searchsorted(data.distance, split.number, side="left"))
            if index >= len(data.distance) or not np.isfinite(data.east_m[index]):
                continue
            text = pg.TextItem(str(split.number), color=theme.foreground, anchor=(0.5, 1.2))
            plot.addItem(text)
            text.setPos(float(data.east_m[index]), float(data.north_m[index]))

    # -- pace, heart rate and elevation over the distance --------------------------------------

    def _charts(self, theme: ChartTheme) -> QWidget:
        data = self.data
        self.plots: dict[str, pg.PlotItem] = {}
        if data.distance is None:
            return QLabel(tr("This run was recorded without distances."))
        area = pg.GraphicsLayoutWidget()
        area.setObjectName("RouteCharts")
        area.setBackground(theme.background)
        unit = data.units
        rows = [
            ("pace", tr("Pace (min/{unit})").format(unit=unit), data.pace_s, RUNNING),
            ("hr", tr("Heart rate (bpm)"), data.hr, "#D55E00"),
            ("elevation", tr("Elevation (m)"), data.elevation_m, "#0072B2"),
        ]
        first: pg.PlotItem | None = None
        for key, title, values, colour in rows:
            if values is None or not np.isfinite(values).any():
                continue
            axes = {"left": PaceAxis(orientation="left")} if key == "pace" else {}
            plot = area.ci.addPlot(axisItems=axes)
            area.ci.nextRow()
            plot.setTitle(title, color=theme.foreground.name(), size="9pt")
            plot.showGrid(x=True, y=True, alpha=0.15)
            plot.setMenuEnabled(False)
            plot.plot(
                data.distance, values, pen=pg.mkPen(QColor(colour), width=2), connect="finite"
            )
            if key == "pace":
                plot.getViewBox().invertY(True)  # faster is higher
                low, high = np.nanpercentile(values, [2, 98])  # not the first steps' crawl
                plot.getViewBox().setYRange(low - 15, high + 15, padding=0)
            if first is None:
                first = plot
            else:
                plot.getViewBox().setXLink(first)
            plot.setLabel("bottom", tr("Distance ({unit})").format(unit=unit))
            self.plots[key] = plot
        return area

    # -- splits ------------------------------------------------------------------------------

    def _splits_table(self, splits: list[Split]) -> QTableWidget:
        table = QTableWidget(len(splits), len(SPLIT_COLUMNS))
        table.setObjectName("SplitsTable")
        unit = self.data.units
        headers = [
            tr("Split ({unit})").format(unit=unit),
            tr("Time"),
            tr("Pace (/{unit})").format(unit=unit),
            tr("Heart rate"),
        ]
        table.setHorizontalHeaderLabels([*headers, tr("Elevation (m)")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, split in enumerate(splits):
            change = split.elevation_change_m
            cells = [
                split.label,
                format_duration(split.time_s),
                pace_clock(split.pace_s),
                f"{split.avg_hr:.0f}" if split.avg_hr is not None else "",
                _change_text(change),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                align = Qt.AlignmentFlag.AlignRight if column else Qt.AlignmentFlag.AlignLeft
                item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
                if split.partial and column == 0:
                    item.setToolTip(
                        tr("A partial split: {length} {unit}").format(length=split.label, unit=unit)
                    )
                table.setItem(row, column, item)
        for column in (3, 4):  # no heart rate or heights recorded: no column of blanks
            table.setColumnHidden(
                column, not any(item_at(table, r, column).text() for r in range(len(splits)))
            )
        if not splits:
            table.setToolTip(tr("No splits: the run was recorded without distances."))
        return table

    def split_rows(self) -> list[list[str]]:
        """The splits table's text, row by row (for tests and people alike)."""
        table = self.splits_table
        return [
            [
                item_at(table, r, c).text()
                for c in range(table.columnCount())
                if not table.isColumnHidden(c)
            ]
            for r in range(table.rowCount())
        ]
