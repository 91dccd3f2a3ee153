"""The Compare view: music on the left, running on the right, the same measures on one linked time
axis (zooming or scrolling one chart moves them all), each row on one y scale; a table of the two
crafts' figures for the range; and a cross-over chart (a day's run against the next day's focus).

Every number comes from the stats service (the measures of `compute_stats`, computed on demand by
`LazyStats`, and `LazyStats.load_of` per craft for the fitness and fatigue of each); the view only
draws them. The rows come from the whole journal's facts (`journal_facts`), fetched once until the
journal changes, so switching the range only picks other rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cadence.domain.enums import Discipline
from cadence.domain.palette import discipline_colour
from cadence.domain.units import METRES_PER_MILE, Units
from cadence.services.changes import Changes
from cadence.services.records.preferences import load_preferences
from cadence.services.stats.journal import journal_facts
from cadence.services.stats.lazy import CycleMarks, LazyStats, Measures, cycle_marks
from cadence.services.stats.types import ALL, DisciplineSummary, LoadSeries
from cadence.ui.bus import AppBus
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.crossover import crossover_caption, draw_crossover
from cadence.ui.charts.labels import key_name, minutes_text
from cadence.ui.charts.load import draw_load
from cadence.ui.charts.pages import ChartPage, chart_view_body, note_label
from cadence.ui.charts.registry import CHARTS, Where, draw_chart
from cadence.ui.views.base import View
from cadence.ui.widgets.cells import item_at
from cadence.ui.widgets.choosers import RangeChooser, shared_range

DISCIPLINES = (Discipline.MUSIC, Discipline.RUNNING)
# The rows, top to bottom: (chart kind, y axis in percent, as the chart registry has it)
ROWS: tuple[tuple[str, bool], ...] = tuple(
    (kind, CHARTS[kind].percent)
    for kind in (
        "minutes_per_week",
        "sessions_per_week",
        "focus",
        "rpe",
        "intention_rate",
        "completion",
        "stop_points_by_reason",
        "load",
    )
)
ROW_HEIGHT = 230
CROSSOVER = "crossover"


class CompareView(View):
    NAME = "compare"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.report: LazyStats | None = None
        self.loads: dict[str, LoadSeries] = {}
        self.marks: dict[str, CycleMarks] = {}
        self.last_redraw_s = 0.0
        self.units = Units.KM
        self._made: dict[tuple[str, str], Chart] = {}  # the charts made so far, by row and craft
        self._cells: dict[tuple[str, str], QWidget] = {}  # what the grid holds: blank or chart
        self._span: tuple[date, date, int] | None = None  # the dates every chart shows
        self._waiting: list[str] = []  # rows (and CROSSOVER) not drawn yet for this report

        # one range for Trends and Compare: what is chosen in either is what the other shows next
        self.range_chooser = RangeChooser(preset="3m", state=shared_range(bus))
        self.range_chooser.followed.connect(self._range_followed)
        self.summary = QLabel()
        self.summary.setObjectName("CompareSummary")
        controls = QHBoxLayout()
        controls.addWidget(self.range_chooser)
        controls.addStretch(1)
        controls.addWidget(self.summary)

        self.table = self._make_table()
        self.crossover = Chart(time_axis=False, height=300)
        self.crossover.setObjectName("chart-crossover")
        self.crossover_note = note_label("CrossoverNote")
        self.crossover_note.setMinimumWidth(260)
        cross_row = QHBoxLayout()
        cross_row.setSpacing(16)
        cross_row.addWidget(self.crossover, 3)
        cross_row.addWidget(self.crossover_note, 1)
        cross_widget = QWidget()
        cross_widget.setLayout(cross_row)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        for column, discipline in enumerate(DISCIPLINES):
            head = QLabel(
                f"<h3 style='color:{discipline_colour(discipline)}'>"
                f"{key_name(discipline.value)}</h3>"
            )
            head.setObjectName(f"CompareHead-{discipline.value}")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, column)
        # Each cell holds a blank of a chart's height until its row is first drawn (`_make`):
        # sixteen plots made up front were 18 MB, and a window shows two or three rows.
        self._grid = grid
        for column in range(len(DISCIPLINES)):  # two equal columns, whichever cells are made
            grid.setColumnStretch(column, 1)
        for row, (kind, _percent) in enumerate(ROWS, start=1):
            for column, discipline in enumerate(DISCIPLINES):
                blank = QWidget()
                blank.setFixedHeight(ROW_HEIGHT)
                self._cells[(kind, discipline.value)] = blank
                grid.addWidget(blank, row, column)
        grid_widget = QWidget()
        grid_widget.setLayout(grid)

        self.page = ChartPage()
        self.page.add(self.table)
        self.page.add(grid_widget)
        self.page.add(cross_widget)
        self.page.finish()
        self.empty, self.stack = chart_view_body(
            self,
            controls,
            self.page,
            show_all=partial(self.range_chooser.set_preset, "all"),
            open_demo=partial(self.bus.command.emit, "open-demo"),
        )
        # methods and partials of the children, never lambdas holding `self` (docs/architecture.md)
        self.range_chooser.changed.connect(self.refresh_now)
        self.page.verticalScrollBar().valueChanged.connect(self._draw_in_view)
        self.page.viewport().installEventFilter(self)

    def chart(self, kind: str, discipline: Discipline | str) -> Chart:
        """The chart of a row and craft, drawn now if its row was waiting to come into view."""
        if kind in self._waiting:
            self._draw_row(kind)
        return self._make(kind, Discipline(discipline).value)

    @property
    def charts(self) -> dict[tuple[str, str], Chart]:
        """Every chart of the grid by (row, craft), those not made yet made now (not drawn)."""
        return {key: self._make(*key) for key in self._cells}

    def _make(self, kind: str, key: str) -> Chart:
        """The chart of a row and craft, made and put in its cell if it was not yet."""
        chart = self._made.get((kind, key))
        if chart is not None:
            return chart
        chart = Chart(percent=CHARTS[kind].percent, height=ROW_HEIGHT)
        chart.setObjectName(f"chart-{kind}-{key}")
        chart.weekClicked.connect(self._open_week)
        if self._span is not None:  # the dates of the others, without moving them
            chart.view_box.blockLink(True)
            chart.set_span(*self._span)
            chart.view_box.blockLink(False)
        # one time axis for all: zoom or scroll any chart and the others follow
        root = next(iter(self._made.values()), None)
        if root is not None:
            chart.setXLink(root)
            chart.view_box.linkedViewChanged(root.view_box, pg.ViewBox.XAxis)
        blank = self._cells[(kind, key)]
        self._grid.replaceWidget(blank, chart)
        blank.deleteLater()
        chart.show()  # (a widget put in a shown page stays hidden until told)
        self._cells[(kind, key)] = chart
        self._made[(kind, key)] = chart
        # side by side, one title-row height: the plots (and their y scale) line up
        peer = self._made.get((kind, "running" if key == "music" else "music"))
        if peer is not None:
            chart.title_peers.add(peer)
            peer.title_peers.add(chart)
        return chart

    # --- View ---------------------------------------------------------------------------------

    def _range_followed(self) -> None:
        """The range was chosen in the other chart view: redraw with it when next shown."""
        if self.isVisible():
            self.refresh_now()
        else:
            self._stale = True

    def wants(self, changes: Changes) -> bool:
        return changes.sessions or changes.plans or changes.preferences or changes.trash

    def reload(self) -> None:
        began = time.perf_counter()
        prefs = load_preferences()
        self.units = prefs.units
        journal = journal_facts()
        span = journal.span()
        chosen = self.range_chooser.resolve(date.today(), prefs.week_start, span)
        if chosen is None:  # reversed custom dates; the chooser says so
            return
        start, end = chosen
        # only the measures drawn here are computed (not the daily series, tempo, accuracy)
        self.report = LazyStats(start, end, None, prefs.week_start, journal=journal)
        if not self.report.has_sessions:
            self.summary.clear()
            self.empty.explain_range(start, end, span)
            self.stack.setCurrentWidget(self.empty)
            self._waiting = []
        else:
            self.loads = {}
            self.marks = {d.value: cycle_marks(start, end, d) for d in DISCIPLINES}
            self.stack.setCurrentWidget(self.page)
            self._draw(self.report)
        self.last_redraw_s = time.perf_counter() - began

    # --- drawing ------------------------------------------------------------------------------
    #
    # The page holds eight rows of two charts and the cross-over; a window shows two or three of
    # them. A range switch draws the rows in view (and one beyond) at once, the others as they
    # scroll into view (`_draw_in_view`, on every scroll and resize, before Qt paints them), or
    # when asked for (`chart()`).

    def _draw(self, report: Measures) -> None:
        total = report.summary[ALL]
        self.summary.setText(
            self.tr("{n} sessions · {time}").format(
                n=round(total.sessions.total or 0), time=minutes_text(total.minutes.total)
            )
        )
        self._fill_table(report.summary, self.units)
        # Every chart takes the new dates now, drawn or not, so the linked axes agree.
        self._span = (report.start, report.end, report.week_start)
        with self._links_resting():
            for chart in self._made.values():
                chart.set_span(*self._span)
        self._waiting = [kind for kind, _percent in ROWS] + [CROSSOVER]
        self._draw_in_view()

    @contextmanager
    def _links_resting(self) -> Iterator[None]:
        """While charts are drawn, their links rest: a chart drawn tells the one it is linked to,
        which tells all the others, and each would move every other chart again."""
        charts = list(self._made.values())
        for chart in charts:
            chart.view_box.blockLink(True)
        try:
            yield
        finally:
            for chart in charts:
                chart.view_box.blockLink(False)

    def _draw_in_view(self) -> None:
        """Draw the waiting rows that are in view, or one row away from it."""
        if not self._waiting or self.stack.currentWidget() is not self.page:
            return
        body = self.page.widget()
        assert body is not None  # (the page's rows, set when the view was built)
        self._grid.activate()  # charts made since in their cells' places (not yet laid out)
        top = self.page.verticalScrollBar().value() - ROW_HEIGHT
        bottom = top + self.page.viewport().height() + 2 * ROW_HEIGHT
        for kind in list(self._waiting):
            widget = self.crossover if kind == CROSSOVER else self._cells[(kind, "music")]
            y = widget.mapTo(body, QPoint(0, 0)).y()
            if y < bottom and y + widget.height() > top:
                self._draw_row(kind)

    def _draw_row(self, kind: str) -> None:
        self._waiting.remove(kind)
        report = self.report
        assert report is not None
        if kind == CROSSOVER:
            self._draw_crossover(report)
            return
        pair = [self._make(kind, d.value) for d in DISCIPLINES]
        with self._links_resting():
            for discipline, chart in zip(DISCIPLINES, pair, strict=True):
                self._draw_chart(kind, chart, report, discipline)
                chart.set_marks(self.marks[discipline.value])
            self._same_y(pair)
        # Drawing set each chart to the whole range: take the range the drawn ones show now
        # (the reader may have zoomed or scrolled them).
        shown = next((c for (k, _d), c in self._made.items() if k not in self._waiting), None)
        for chart in pair:
            chart.settle()
            if shown is not None and shown not in pair:
                chart.view_box.linkedViewChanged(shown.view_box, pg.ViewBox.XAxis)

    def _draw_chart(
        self, kind: str, chart: Chart, report: LazyStats, discipline: Discipline
    ) -> None:
        key = discipline.value
        if kind == "load":  # the craft's own load, kept across redraws of the range
            if key not in self.loads:
                self.loads[key] = report.load_of(discipline)
            hue = discipline_colour(discipline)
            span = (report.start, report.end, report.week_start)
            draw_load(chart, self.loads[key], hue, *span, key_name(key))
        else:
            draw_chart(kind, chart, report, Where([key], key=key))

    @staticmethod
    def _same_y(pair: list[Chart]) -> None:
        """Both crafts of a row on one y scale, so their heights compare at a glance."""
        live = [c for c in pair if not c.message]
        if not live:
            return
        ranges = []
        for chart in live:
            chart.view_box.updateAutoRange()
            ranges.append(chart.view_box.viewRange()[1])
        low, high = min(r[0] for r in ranges), max(r[1] for r in ranges)
        for chart in live:
            chart.view_box.fix_y_range(low, high, padding=0)

    def _draw_crossover(self, report: Measures) -> None:
        draw_crossover(self.crossover, report.crossover)
        self.crossover.settle()
        self.crossover_note.setText(
            crossover_caption(report.crossover)
            + ". "
            + self.tr(
                "A correlation is not a cause: a hard run and a scattered practice day may share "
                "one (sleep, a busy week), and a handful of days can make or hide a pattern."
            )
        )

    def eventFilter(self, watched, event) -> bool:
        if watched is self.page.viewport() and event.type() == QEvent.Type.Resize:
            self._draw_in_view()
        return super().eventFilter(watched, event)

    # --- the table ----------------------------------------------------------------------------

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(len(_TABLE_ROWS), 6)
        table.setObjectName("CompareTable")
        heads = [self.tr("Total"), self.tr("Mean"), self.tr("Median")]
        for column in range(6):
            discipline = DISCIPLINES[column // 3]
            item = QTableWidgetItem(f"{key_name(discipline.value)}\n{heads[column % 3]}")
            item.setForeground(QColor(discipline_colour(discipline)))
            table.setHorizontalHeaderItem(column, item)
        for row, (_field, title, _total, _avg) in enumerate(_TABLE_ROWS):
            table.setVerticalHeaderItem(row, QTableWidgetItem(self.tr(title).format(units="km")))
        for row in range(len(_TABLE_ROWS)):
            for column in range(6):
                item = QTableWidgetItem()
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.setWordWrap(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + sum(table.verticalHeader().sectionSizeHint(r) for r in range(len(_TABLE_ROWS)))
            + 8
        )
        return table

    def _fill_table(self, summary: dict[str, DisciplineSummary], units: Units) -> None:
        per_km = 1000.0 / METRES_PER_MILE if units == "mi" else 1.0
        distance = next(i for i, row in enumerate(_TABLE_ROWS) if row[0] == "distance_km")
        self.table.verticalHeaderItem(distance).setText(
            self.tr(_TABLE_ROWS[distance][1]).format(units=units)
        )
        # Sixty cells, one notice: each cell's own dataChanged makes the table measure every
        # row again (the rows fit their contents), 8 ms in all.
        model = self.table.model()
        model.blockSignals(True)
        try:
            self._fill_cells(summary, per_km)
        finally:
            model.blockSignals(False)
        model.dataChanged.emit(
            model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1)
        )

    def _fill_cells(self, summary: dict[str, DisciplineSummary], per_km: float) -> None:
        for row, (field, _title, total_fmt, avg_fmt) in enumerate(_TABLE_ROWS):
            for block, discipline in enumerate(DISCIPLINES):
                stat = getattr(summary[discipline.value], field)
                cells = (
                    (stat.total, total_fmt or _num(0)),
                    (stat.mean, avg_fmt),
                    (stat.median, avg_fmt),
                )
                for i, (value, fmt) in enumerate(cells):
                    text = "–"
                    if value is not None and (i > 0 or total_fmt is not None) and stat.n:
                        text = fmt(value * per_km if field == "distance_km" else value)
                    item = item_at(self.table, row, block * 3 + i)
                    item.setText(text)
                    item.setToolTip(self.tr("n = {n}").format(n=stat.n))

    def _open_week(self, week: date) -> None:
        self.bus.navigate.emit("journal", week)


def _num(digits: int) -> Callable[[float], str]:
    return lambda v: f"{v:.{digits}f}"


def _pct(v: float) -> str:
    return f"{v * 100:.0f}%"


def _minutes(v: float) -> str:
    return minutes_text(v)


# (DisciplineSummary field, row title with its unit, format of the total (None: no total, as a
# sum of ratings means nothing), format of the mean and median)
_TABLE_ROWS: tuple[tuple[str, str, Callable[[float], str] | None, Callable[[float], str]], ...] = (
    ("sessions", "Sessions (per week)", _num(0), _num(1)),
    ("days_practised", "Days practised (per week)", _num(0), _num(1)),
    ("minutes", "Time (per session)", _minutes, _minutes),
    ("distance_km", "Distance, {units} (per run)", _num(1), _num(1)),
    ("load", "Load, RPE × min (per session)", _num(0), _num(0)),
    ("focus", "Focus 1–5 (per session)", None, _num(1)),
    ("rpe", "Effort RPE 0–10 (per session)", None, _num(1)),
    ("completion", "Completion (per session)", None, _pct),
    ("intention_rate", "Intentions met (per session)", _pct, _pct),
    ("accuracy", "Accuracy (per session)", _pct, _pct),
)
