"""The Trends view: the measures of a date range over time, in tabs (Volume, Load, Quality,
Stop-points, Music, Consistency). Every number drawn is a measure of the stats service — what
`cadence stats --json` prints for the same range; the view only draws it.

Only the tab in front is drawn, and only its measures are computed (`LazyStats`); the others are
drawn when opened. The rows come from the whole journal's facts (`journal_facts`), fetched once
until the journal changes, so switching the range or the discipline costs one tab of numpy and
charts, not queries.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QWidget,
)

from cadence.domain.enums import Discipline
from cadence.domain.units import Units
from cadence.services.changes import Changes
from cadence.services.records.preferences import load_preferences
from cadence.services.stats.journal import journal_facts
from cadence.services.stats.lazy import CycleMarks, LazyStats, Measures, cycle_marks
from cadence.services.stats.stops import INSIGHT_MIN_STOPS
from cadence.services.stats.types import ALL
from cadence.ui.bus import AppBus
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import dates_label, format_day
from cadence.ui.charts.load import (
    draw_acute_chronic,
    draw_craft_acute_chronic,
    draw_craft_loads,
    draw_craft_monotony,
    draw_craft_strain,
    draw_load,
    draw_monotony,
    draw_strain,
)
from cadence.ui.charts.pages import ChartPage, chart_view_body, note_label
from cadence.ui.charts.quality import (
    draw_tempo,
    passage_name,
)
from cadence.ui.charts.registry import (
    CHARTS,
    Where,
    draw_chart,
    keys_of,
    report_colour,
    report_who,
)
from cadence.ui.plurals import plural
from cadence.ui.views.base import View
from cadence.ui.widgets.choosers import DisciplineChooser, RangeChooser, shared_range

_TABS: dict[str, tuple[str, ...]] = {
    "volume": ("minutes_per_week", "sessions_per_week", "distance_per_week"),
    "load": ("load", "acute_chronic", "monotony", "strain"),
    "quality": ("focus", "rpe", "intention_rate", "completion"),
    "stops": ("stop_points_by_reason", "stop_position", "slips_per_week"),
    "music": ("tempo_progress", "accuracy"),
    "consistency": ("heatmap", "days_practised"),
}
# tab -> its charts: (name, y axis in percent, on a time axis), as the chart registry has them
TAB_CHARTS: dict[str, tuple[tuple[str, bool, bool], ...]] = {
    tab: tuple((name, CHARTS[name].percent, CHARTS[name].time_axis) for name in names)
    for tab, names in _TABS.items()
}


CHART_HEIGHTS = {"heatmap": 250, "stop_position": 240, "slips_per_week": 220}


class TrendsView(View):
    NAME = "trends"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.report: LazyStats | None = None
        self.marks: CycleMarks | None = None
        self.units = Units.KM
        self.last_redraw_s = 0.0  # how long the last reload took (read by bench/bench_trends.py)
        self._drawn: set[str] = set()
        self._built: set[str] = set()  # tabs whose charts exist (each made on its first draw)
        self.charts: dict[str, Chart] = TabCharts(self._build_tab)

        # one range for Trends and Compare: what is chosen in either is what the other shows next
        self.range_chooser = RangeChooser(preset="3m", state=shared_range(bus))
        self.range_chooser.followed.connect(self._range_followed)
        self.discipline_chooser = DisciplineChooser()
        controls = QHBoxLayout()
        controls.setSpacing(16)
        controls.addWidget(self.range_chooser)
        controls.addWidget(self.discipline_chooser)
        controls.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("TrendsTabs")
        self.pages: dict[str, ChartPage] = {}
        titles = {
            "volume": self.tr("Volume"),
            "load": self.tr("Load"),
            "quality": self.tr("Quality"),
            "stops": self.tr("Stop-points"),
            "music": self.tr("Music"),
            "consistency": self.tr("Consistency"),
        }
        self.insight = note_label("StopInsight")
        self.slips_note = note_label("SlipsSentence")
        self.streaks = note_label("Streaks")
        # Music and running loads are not one quantity: each craft's own by default, their sum
        # only when asked for, and labelled so (docs/measures.md).
        self.total_load = QCheckBox(self.tr("Show the total practice load, both crafts summed"))
        self.total_load.setObjectName("TotalLoad")
        self.total_load.toggled.connect(self._redraw_load)
        self.passage_box = QComboBox()
        self.passage_box.setObjectName("PassageChoice")
        self.passage_box.setMinimumContentsLength(30)
        for tab in TAB_CHARTS:
            self.pages[tab] = ChartPage()  # filled by _build_tab when the tab is first drawn
            self.tabs.addTab(self.pages[tab], titles[tab])

        self.empty, self.stack = chart_view_body(
            self,
            controls,
            self.tabs,
            show_all=partial(self.range_chooser.set_preset, "all"),
            open_demo=partial(self.bus.command.emit, "open-demo"),
        )
        # Slots are methods or partials of the children, never lambdas holding `self`: Qt's
        # children would hold the view, which then is never freed (docs/architecture.md).
        self.range_chooser.changed.connect(self.refresh_now)
        self.discipline_chooser.currentIndexChanged.connect(self.refresh_now)
        self.tabs.currentChanged.connect(self._draw_current_tab)
        self.passage_box.currentIndexChanged.connect(self._draw_tempo)

    def _build_tab(self, tab: str) -> None:
        """The tab's charts and notes, made the first time the tab is drawn (or a chart of it is
        asked for): seventeen pyqtgraph plots up front were most of the time it took to open."""
        if tab in self._built:
            return
        self._built.add(tab)
        page = self.pages[tab]
        if tab == "music":
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("Passage:")))
            row.addWidget(self.passage_box)
            row.addStretch(1)
            holder = QWidget()
            holder.setLayout(row)
            page.add(holder)
        if tab == "consistency":
            page.add(self.streaks)
        if tab == "load":
            page.add(self.total_load)
        for name, percent, time_axis in TAB_CHARTS[tab]:
            page.add(self._make_chart(name, percent, time_axis))
            if name == "stop_points_by_reason":
                page.add(self.insight)
            if name == "slips_per_week":
                page.add(self.slips_note)
        page.finish()
        for i in range(page.column.count()):  # a widget added to a shown page is not shown
            entry = page.column.itemAt(i)  # by itself (the stretch has none)
            widget = entry.widget() if entry is not None else None
            if widget is not None and widget is not self.total_load:
                widget.show()

    def _make_chart(self, name: str, percent: bool, time_axis: bool) -> Chart:
        chart = Chart(percent=percent, time_axis=time_axis, height=CHART_HEIGHTS.get(name, 260))
        chart.setObjectName(f"chart-{name}")
        chart.weekClicked.connect(self._open_week)
        self.charts[name] = chart
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

    def current_tab(self) -> str:
        return list(TAB_CHARTS)[self.tabs.currentIndex()]

    def show_tab(self, tab: str) -> None:
        self.tabs.setCurrentIndex(list(TAB_CHARTS).index(tab))

    def _draw_current_tab(self) -> None:
        self._draw_tab(self.current_tab())

    def reload(self) -> None:
        """Ask the stats service for the chosen range and discipline, then draw the tab in front."""
        began = time.perf_counter()
        prefs = load_preferences()
        self.units = prefs.units
        discipline = self.discipline_chooser.discipline
        journal = journal_facts()
        span = journal.span(discipline)
        chosen = self.range_chooser.resolve(date.today(), prefs.week_start, span)
        if chosen is None:  # the custom dates are reversed; the chooser says so
            return
        start, end = chosen
        # The measures of the range, each computed when a tab first draws it.
        self.report = LazyStats(start, end, discipline, prefs.week_start, journal=journal)
        self._drawn.clear()
        if not self.report.has_sessions:
            self.empty.explain_range(start, end, span, discipline)
            self.stack.setCurrentWidget(self.empty)
        else:
            self.marks = cycle_marks(start, end, discipline)
            self.stack.setCurrentWidget(self.tabs)
            self._draw_tab(self.current_tab())
        self.last_redraw_s = time.perf_counter() - began

    # --- drawing ------------------------------------------------------------------------------

    def _draw_tab(self, tab: str) -> None:
        report = self.report
        if report is None or tab in self._drawn or self.stack.currentWidget() is not self.tabs:
            return
        self._build_tab(tab)
        self._fill_tab(tab, report)
        # a note that now takes another line is laid out before the charts paint, not after
        self.pages[tab].settle([self.charts[name] for name, _p, _t in TAB_CHARTS[tab]])
        self._drawn.add(tab)

    def _fill_tab(self, tab: str, report: LazyStats) -> None:
        c = self.charts
        if tab == "load":  # each craft's own load, or their labelled total
            hue = report_colour(report)
            span = (report.start, report.end, report.week_start, report_who(report))
            self._draw_load(report, hue, span)
        else:
            where = Where(keys_of(report), self.units)
            for name in _TABS[tab]:
                if name == "tempo_progress":  # the passage chosen above the chart
                    self._fill_passages()
                    self._draw_tempo()
                else:
                    draw_chart(name, c[name], report, where)
        if tab == "stops":
            self.insight.setText(self._insight_text(report))
            self.slips_note.setText(report.slips.by_key[ALL].sentence)
        elif tab == "consistency":
            self.streaks.setText(self._streak_text(report))
        for name, _percent, time_axis in TAB_CHARTS[tab]:
            if time_axis:
                c[name].set_marks(self.marks)
            c[name].settle()

    def _draw_load(self, report: LazyStats, hue: str, span: tuple) -> None:
        """One craft: its own load. Both: each craft's own, or (ticked) the labelled total."""
        c = self.charts
        both = len(report.disciplines) > 1
        self.total_load.setVisible(both)
        running = report.disciplines == [Discipline.RUNNING]
        if both and not self.total_load.isChecked():
            dates = span[:3]
            kept = {key: report.load_arrays(key) for key in report.load_by_craft}
            draw_craft_loads(c["load"], report.load_by_craft, *dates, arrays=kept)
            draw_craft_acute_chronic(c["acute_chronic"], report.load_by_craft, *dates, arrays=kept)
            draw_craft_monotony(c["monotony"], report.weekly_load_by_craft, *dates)
            draw_craft_strain(c["strain"], report.weekly_load_by_craft, *dates)
            return
        if both:  # the sum of both crafts, named for what it is on every chart
            span = (*span[:3], self.tr("total practice load, both crafts"))
        arrays = report.load_arrays(ALL)
        draw_load(c["load"], report.load, hue, *span, arrays=arrays)
        draw_acute_chronic(c["acute_chronic"], report.load, hue, *span, arrays=arrays)
        draw_monotony(c["monotony"], report.weekly_load, hue, *span, running=running)
        draw_strain(c["strain"], report.weekly_load, hue, *span)

    def _redraw_load(self) -> None:
        if "load" in self._drawn:
            self._drawn.discard("load")
            if self.current_tab() == "load":
                self._draw_tab("load")

    def _insight_text(self, report: Measures) -> str:
        insight = report.stop_points.insight
        if insight is not None:
            return insight.text
        return self.tr(
            "Too few stops in one kind of session to say where you stop: an insight needs "
            "{n} stops of the same kind (this range has {total} stop-points)."
        ).format(n=INSIGHT_MIN_STOPS, total=report.stop_points.total[ALL])

    def _streak_text(self, report: Measures) -> str:
        s = report.consistency.streaks[ALL]
        text = self.tr("Current streak: {0}").format(
            plural(s.current, self.tr("%n day", "", s.current), self.tr("%n days", "", s.current))
        )
        if s.current and s.current_start is not None:
            text += " " + self.tr("(since {day})").format(day=format_day(s.current_start))
        text += " · " + self.tr("Longest in this range: {0}").format(
            plural(s.longest, self.tr("%n day", "", s.longest), self.tr("%n days", "", s.longest))
        )
        if s.longest and s.longest_start is not None and s.longest_end is not None:
            text += f" ({dates_label(s.longest_start, s.longest_end)})"
        return text

    def _fill_passages(self) -> None:
        """The passages with a clean tempo in range; keeps the one chosen if it is still there."""
        assert self.report is not None
        chosen = self.passage_box.currentData()
        self.passage_box.blockSignals(True)
        self.passage_box.clear()
        for passage in self.report.tempo:
            self.passage_box.addItem(passage_name(passage), passage.passage_id)
        index = self.passage_box.findData(chosen)
        self.passage_box.setCurrentIndex(max(index, 0))
        self.passage_box.setEnabled(bool(self.report.tempo))
        self.passage_box.blockSignals(False)

    def _draw_tempo(self) -> None:
        report = self.report
        if report is None:
            return
        pid = self.passage_box.currentData()
        passage = next((p for p in report.tempo if p.passage_id == pid), None)
        chart = self.charts["tempo_progress"]
        draw_tempo(chart, passage, report.start, report.end, report.week_start)
        chart.set_marks(self.marks)

    def _open_week(self, week: date) -> None:
        self.bus.navigate.emit("journal", week)


class TabCharts(dict):
    """The view's charts by name; asking for one of a tab not yet built builds that tab."""

    def __init__(self, build_tab: Callable[[str], None]) -> None:
        super().__init__()
        # the view's method, held weakly: the view holds this (a cycle: docs/architecture.md)
        self._build_tab = weakref.WeakMethod(build_tab)

    def __missing__(self, name: str) -> Chart:
        tab = next((t for t, charts in TAB_CHARTS.items() if name in (c[0] for c in charts)), None)
        if tab is None:
            raise KeyError(name)
        build_tab = self._build_tab()
        if build_tab is None:  # the view is gone
            raise KeyError(name)
        build_tab(tab)
        return dict.__getitem__(self, name)
