"""The Trends view on a real demo journal: what every chart holds is what the stats service prints
(`compute_stats(...).to_json()`, and once through `cadence stats --json` itself) for the same range
and discipline; the range and discipline controls, hovering, clicking a week, cycles on the time
axis and empty ranges are driven with qtbot."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit
from tests.conftest import make_session

from cadence.domain.enums import Discipline, EventKind, PhaseName
from cadence.domain.measures import week_start_of
from cadence.domain.ranges import preset_range
from cadence.domain.seasons import CycleData, EventData, PhasePlan
from cadence.services.demo.generate import generate_demo
from cadence.services.records.journal import save_session
from cadence.services.season.seasons import save_cycle, save_event
from cadence.services.stats.compute import compute_stats
from cadence.services.stats.lazy import (
    LazyStats,
    cycle_marks,
    journal_span,
)
from cadence.store.db import close_journal, open_journal
from cadence.ui.bus import AppBus
from cadence.ui.charts.axes import DAY_S, stamp
from cadence.ui.charts.chart import Chart
from cadence.ui.views.trends import TAB_CHARTS, TrendsView

DEMO_END = date(2026, 3, 1)  # a fixed end: the same demo journal on every run
RANGE = (date(2025, 9, 1), date(2026, 2, 22))  # 25 whole weeks inside it, with cycles


# --- a demo journal, generated once per module and copied for each test --------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    open_journal(path)
    try:
        generate_demo(1, 1, DEMO_END)
    finally:
        close_journal()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    open_journal(path)
    try:
        yield path
    finally:
        close_journal()


def stats_json(start: date, end: date, discipline: str | None = None) -> dict:
    """What `cadence stats --json` prints: the report's JSON, through json as the CLI does."""
    return json.loads(json.dumps(compute_stats(start, end, discipline).to_json()))


def open_trends(qtbot, bus: AppBus, start: date, end: date) -> TrendsView:
    view = TrendsView(bus)
    qtbot.addWidget(view)
    # A fixed size, as the main window has: else the offscreen platform warns that it cannot
    # pass on the size hints of a top-level window whose contents change.
    view.setMinimumSize(1110, 740)
    view.show()
    qtbot.waitExposed(view)
    choose_dates(qtbot, view, start, end)
    return view


def type_date(qtbot, edit: QDateEdit, day: date) -> None:
    """Type a date into a date edit, section by section, as a person does with the keyboard."""
    edit.setFocus()
    q = QDate(day.year, day.month, day.day)
    for section, text in (
        (QDateTimeEdit.Section.YearSection, q.toString("yyyy")),
        (QDateTimeEdit.Section.MonthSection, q.toString("MMM")),
        (QDateTimeEdit.Section.DaySection, q.toString("dd")),
    ):
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    assert edit.date() == q


def choose_dates(qtbot, view: TrendsView, start: date, end: date) -> None:
    """Pick Custom in the range box with the keyboard, then type the two dates."""
    box = view.range_chooser.preset_box
    box.setFocus()
    while box.currentData() != "custom":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    type_date(qtbot, view.range_chooser.start_edit, start)
    type_date(qtbot, view.range_chooser.end_edit, end)
    assert (view.report.start, view.report.end) == (start, end)


def open_tab(qtbot, view: TrendsView, tab: str) -> None:
    tabs = view.tabs
    index = list(view.pages).index(tab)
    qtbot.mouseClick(
        tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(index).center()
    )
    assert view.current_tab() == tab


def bars(chart: Chart, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    opts = chart.series[name].opts
    return np.asarray(opts["x"]), np.asarray(opts["height"]), np.asarray(opts["y0"])


def curve(chart: Chart, name: str) -> tuple[np.ndarray, np.ndarray]:
    x, y = chart.series[name].getData()
    return np.asarray(x), np.asarray(y)


def title_text(chart: Chart) -> str:
    """The chart's title row as the reader sees it."""
    return chart.plot_item.titleLabel.item.toPlainText().replace("\xa0", " ")


def as_floats(values: list) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def centres(days: list[str], offset: float) -> np.ndarray:
    return np.array([stamp(date.fromisoformat(d)) + offset * DAY_S for d in days])


# --- the charts hold the stats service's numbers -------------------------------------------------


def test_volume_tab_draws_the_weekly_volume_of_the_stats_json(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    expected = stats_json(*RANGE)["weekly"]
    minutes = view.charts["minutes_per_week"]
    x, music, base = bars(minutes, "music")
    np.testing.assert_allclose(x, centres(expected["starts"], 3.5))
    np.testing.assert_allclose(music, expected["minutes"]["music"])
    np.testing.assert_allclose(base, 0)
    _, running, base = bars(minutes, "running")
    np.testing.assert_allclose(running, expected["minutes"]["running"])
    np.testing.assert_allclose(base, expected["minutes"]["music"])  # stacked on music
    assert sum(expected["minutes"]["running"]) > 0 and sum(expected["minutes"]["music"]) > 0
    sessions = view.charts["sessions_per_week"]
    np.testing.assert_allclose(bars(sessions, "music")[1], expected["sessions"]["music"])
    np.testing.assert_allclose(bars(sessions, "running")[1], expected["sessions"]["running"])
    distance = view.charts["distance_per_week"]
    np.testing.assert_allclose(bars(distance, "running")[1], expected["distance_km"]["running"])
    assert "music" not in distance.series
    assert minutes.message == ""


def test_the_numbers_are_those_cadence_stats_json_prints(qtbot, bus, demo) -> None:
    """The CLI itself, in another process, on the same file."""
    view = open_trends(qtbot, bus, *RANGE)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "cadence",
            "stats",
            "--db",
            str(demo),
            "--json",
            "--from",
            RANGE[0].isoformat(),
            "--to",
            RANGE[1].isoformat(),
            "--today",
            "2026-02-22",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=120,
    )
    printed = json.loads(out.stdout)
    np.testing.assert_allclose(
        bars(view.charts["minutes_per_week"], "music")[1], printed["weekly"]["minutes"]["music"]
    )
    open_tab(qtbot, view, "load")
    for craft in ("music", "running"):  # each craft's own curves, to the bit
        for name in ("fitness", "fatigue", "form"):
            drawn = curve(view.charts["load"], f"{craft}:{name}")[1]
            assert drawn.tolist() == printed["load_by_craft"][craft][name]
    assert printed["load"]["label"] == "total practice load, both crafts"


def test_load_tab_draws_each_crafts_load_fitness_fatigue_form_ratio_monotony_strain(
    qtbot, bus, demo
) -> None:
    """Both crafts chosen: each craft's own curves in its colour, by default; not their sum."""
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "load")
    expected = stats_json(*RANGE)
    chart = view.charts["load"]
    assert "fitness" not in chart.series  # the sum is not drawn unless asked for
    for craft in ("music", "running"):
        load = expected["load_by_craft"][craft]
        assert load["label"] == craft
        x, daily, base = bars(chart, f"{craft}:daily")
        offset = (x - centres(load["days"], 0)) / DAY_S  # side by side inside each day
        assert ((offset > 0) & (offset < 1)).all()
        assert daily.tolist() == load["load"] and not base.any()  # not stacked
        for name in ("fitness", "fatigue", "form"):
            assert curve(chart, f"{craft}:{name}")[1].tolist() == load[name]
        ratio = curve(view.charts["acute_chronic"], f"{craft}:acute_chronic")[1]
        np.testing.assert_array_equal(ratio, as_floats(load["acute_chronic"]))
        weekly = expected["weekly_load_by_craft"][craft]
        for name in ("monotony", "strain"):
            x, y = curve(view.charts[name], f"{craft}:{name}")
            np.testing.assert_allclose(x, centres(weekly["weeks"], 3.5))
            np.testing.assert_array_equal(y, as_floats(weekly[name]))
            assert np.isfinite(y).any()
    # the three curves differ in line style, not only in shade, and the legend names them
    styles = {
        chart.series[f"music:{n}"].opts["pen"].style() for n in ("fitness", "fatigue", "form")
    }
    assert len(styles) == 3
    legend = title_text(chart)
    assert all(word in legend for word in ("Music", "Running", "Fitness", "Fatigue", "Form"))
    # Foster's "monotony above 2" is a running reading: its line is running's, never music's
    assert "monotony_high" in view.charts["monotony"].series


def test_the_total_load_of_both_crafts_is_an_explicit_labelled_choice(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "load")
    box = view.total_load
    assert box.isVisible() and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    expected = stats_json(*RANGE)
    load = expected["load"]
    chart = view.charts["load"]
    assert "total practice load, both crafts" in title_text(chart)
    assert bars(chart, "daily")[1].tolist() == load["load"]
    for name in ("fitness", "fatigue", "form"):
        assert curve(chart, name)[1].tolist() == load[name]
        assert f"music:{name}" not in chart.series
    np.testing.assert_array_equal(
        curve(view.charts["monotony"], "monotony")[1],
        as_floats(expected["weekly_load"]["monotony"]),
    )
    assert "monotony_high" not in view.charts["monotony"].series


def test_quality_tab_draws_focus_rpe_intentions_and_completion(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "quality")
    expected = stats_json(*RANGE)
    for key in ("music", "running"):
        np.testing.assert_allclose(
            curve(view.charts["focus"], key)[1], as_floats(expected["weekly"]["focus_mean"][key])
        )
        np.testing.assert_allclose(
            curve(view.charts["rpe"], key)[1], as_floats(expected["weekly"]["rpe_mean"][key])
        )
        for name in ("intention_rate", "completion"):
            np.testing.assert_allclose(
                curve(view.charts[name], key)[1], as_floats(expected[name]["values"][key])
            )


def test_stop_points_tab_draws_reasons_positions_and_the_insight(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "stops")
    stops = stats_json(*RANGE)["stop_points"]
    chart = view.charts["stop_points_by_reason"]
    base = np.zeros(len(stops["weeks"]))
    for reason, counts in stops["per_reason"]["all"].items():
        _, height, y0 = bars(chart, reason)
        np.testing.assert_allclose(height, counts)
        np.testing.assert_allclose(y0, base)
        base += counts
    assert base.sum() == stops["total"]["all"] > 0
    position = view.charts["stop_position"]
    for key in ("music", "running"):
        np.testing.assert_allclose(bars(position, key)[1], stops["position"][key])
    labels = position.plot_item.getAxis("bottom")._tickLevels[0]
    assert [text for _, text in labels] == stops["position_bins"]
    assert stops["insight"] is not None
    assert view.insight.text() == stops["insight"]["text"]
    # it says which of the stops drawn above it the sentence counts
    total = stops["total"]["all"]
    assert f"This counts {stops['insight']['n']} of the {total} stop-points" in view.insight.text()
    assert stops["insight"]["n"] < total


def test_music_tab_draws_tempo_per_passage_and_accuracy(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "music")
    expected = stats_json(*RANGE)
    tempo = expected["tempo"]
    box = view.passage_box
    assert [box.itemData(i) for i in range(box.count())] == [p["passage_id"] for p in tempo]
    assert len(tempo) >= 2
    # choose the second passage with the keyboard
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    chosen = tempo[1]
    chart = view.charts["tempo_progress"]
    x, y = curve(chart, "best_bpm")
    np.testing.assert_allclose(x, centres(chosen["days"], 0.5))
    np.testing.assert_allclose(y, chosen["best_bpm"])
    assert chart.series["target"].value() == chosen["target_bpm"]
    assert chosen["label"] in title_text(chart)
    np.testing.assert_allclose(
        curve(view.charts["accuracy"], "music")[1],
        as_floats(expected["accuracy"]["values"]["music"]),
    )


def test_consistency_tab_draws_the_calendar_and_the_streaks(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "consistency")
    expected = stats_json(*RANGE)
    chart = view.charts["heatmap"]
    weeks, grid = chart.data["weeks"], chart.data["grid"]
    minutes = expected["daily"]["minutes"]["all"]
    for i, day in enumerate(expected["daily"]["starts"]):
        d = date.fromisoformat(day)
        column = (d - weeks[0]).days // 7
        assert grid[column, d.weekday()] == pytest.approx(minutes[i])
    assert np.isnan(grid).sum() == grid.size - len(minutes)  # only outside the range
    streak = expected["consistency"]["streaks"]["all"]
    assert f"Current streak: {streak['current']} days" in view.streaks.text()
    assert f"Longest in this range: {streak['longest']} days" in view.streaks.text()
    np.testing.assert_allclose(
        bars(view.charts["days_practised"], "all")[1],
        expected["consistency"]["days_practised"]["all"],
    )


def test_choosing_a_discipline_redraws_with_its_measures_only(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    combo = view.discipline_chooser
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Music
    assert combo.discipline == Discipline.MUSIC
    minutes = view.charts["minutes_per_week"]
    assert set(minutes.series) == {"music"}
    music = stats_json(*RANGE, "music")
    np.testing.assert_allclose(bars(minutes, "music")[1], music["weekly"]["minutes"]["music"])
    assert "running" in view.charts["distance_per_week"].message.lower()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Running
    running = stats_json(*RANGE, "running")
    assert set(minutes.series) == {"running"}
    np.testing.assert_allclose(bars(minutes, "running")[1], running["weekly"]["minutes"]["running"])
    open_tab(qtbot, view, "load")
    np.testing.assert_allclose(curve(view.charts["load"], "fitness")[1], running["load"]["fitness"])
    assert not view.total_load.isVisible()  # one craft: nothing to sum
    assert "monotony_high" in view.charts["monotony"].series
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # Music: no running risk line on practice
    assert combo.discipline == Discipline.MUSIC
    assert "monotony_high" not in view.charts["monotony"].series
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Running again
    open_tab(qtbot, view, "music")
    assert "music measure" in view.charts["accuracy"].message


# --- cycles, hovering and clicking ---------------------------------------------------------------


def test_cycles_and_events_lie_on_the_time_axis(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    marks = cycle_marks(*RANGE)
    assert marks.phases and marks.events
    bands = view.charts["minutes_per_week"].bands
    assert [(b.left, b.right) for b in bands.bands] == [
        (stamp(p.start), stamp(p.end + timedelta(days=1))) for p in marks.phases
    ]
    assert [e.name for e in bands.events] == [e.name for e in marks.events]
    assert [e.x for e in bands.events] == [stamp(e.day) + DAY_S / 2 for e in marks.events]


def scene_pos(chart: Chart, x: float, y: float) -> QPoint:
    scene = chart.plot_item.vb.mapViewToScene(QPointF(x, y))
    return chart.mapFromScene(scene)


def test_hovering_a_bar_reads_out_its_week_and_value(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    expected = stats_json(*RANGE)["weekly"]
    chart = view.charts["minutes_per_week"]
    i = int(np.argmax(expected["minutes"]["music"]))
    week = date.fromisoformat(expected["starts"][i])
    height = expected["minutes"]["music"][i]
    qtbot.waitUntil(lambda: chart.plot_item.vb.viewRange()[1][1] >= height)  # drawn and scaled
    qtbot.mouseMove(chart.viewport(), scene_pos(chart, stamp(week) + 3.5 * DAY_S, height / 2))
    qtbot.waitUntil(lambda: chart.hover.text != "")
    text = chart.hover.text
    assert "Week of" in text and str(week.year) in text
    assert f"Music: {round(expected['minutes']['music'][i]) // 60} h" in text


def test_partial_edge_weeks_are_marked_and_say_so(qtbot, bus, demo) -> None:
    """Saturday 1 Nov to Tuesday 2 Dec: the first and last weeks hold 2 of their days each;
    drawn as full bars they would read as sudden drops."""
    first, last = date(2025, 11, 1), date(2025, 12, 2)
    view = open_trends(qtbot, bus, first, last)
    weeks = [date.fromisoformat(d) for d in stats_json(first, last)["weekly"]["starts"]]
    assert (weeks[0], weeks[-1]) == (date(2025, 10, 27), date(2025, 12, 1))
    for tab, name, layer in (
        ("volume", "minutes_per_week", "music"),
        ("volume", "sessions_per_week", "running"),
        ("stops", "stop_points_by_reason", "form"),
        ("consistency", "days_practised", "all"),
    ):
        open_tab(qtbot, view, tab)
        chart = view.charts[name]
        brushes = chart.series[layer].bar_brushes()
        hatched = [b.style() == Qt.BrushStyle.BDiagPattern for b in brushes]
        assert hatched == [True] + [False] * (len(weeks) - 2) + [True], name
        for i in (0, len(weeks) - 1):
            chart.hover.show_at(i)
            assert "Partial week: 2 of 7 days in the range" in chart.hover.text, name
        chart.hover.show_at(1)
        assert "Partial week" not in chart.hover.text, name
    # whole weeks only: nothing hatched
    choose_dates(qtbot, view, date(2025, 11, 3), date(2025, 11, 30))
    open_tab(qtbot, view, "volume")
    brushes = view.charts["minutes_per_week"].series["music"].bar_brushes()
    assert brushes and all(b.style() == Qt.BrushStyle.SolidPattern for b in brushes)


def test_clicking_a_week_opens_it_in_the_journal(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    chart = view.charts["sessions_per_week"]
    day = date(2025, 10, 15)  # a Wednesday
    qtbot.waitUntil(lambda: chart.plot_item.vb.viewRange()[1][1] > 1)  # drawn and scaled
    with qtbot.waitSignal(bus.navigate, timeout=2000) as signal:
        qtbot.mouseClick(
            chart.viewport(), Qt.MouseButton.LeftButton, pos=scene_pos(chart, stamp(day), 1)
        )
    assert signal.args == ["journal", date(2025, 10, 13)]


# --- ranges --------------------------------------------------------------------------------------


def test_an_empty_range_is_explained_and_offers_the_next_step(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, date(2020, 1, 6), date(2020, 3, 1))
    assert view.stack.currentWidget() is view.empty
    text = view.empty.text.text()
    assert "No sessions between 6 Jan 2020 and 1 Mar 2020" in text
    assert "open the demo journal" in text
    first, last = journal_span()
    assert f"from {first.day} " in text
    with qtbot.waitSignal(bus.command) as signal:
        qtbot.mouseClick(view.empty.demo_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["open-demo"]
    qtbot.mouseClick(view.empty.all_button, Qt.MouseButton.LeftButton)
    assert view.range_chooser.preset == "all"
    assert view.stack.currentWidget() is view.tabs
    assert view.report.start == week_start_of(first) and view.report.end >= last


def test_reversed_dates_say_so_and_keep_the_charts(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    before = bars(view.charts["minutes_per_week"], "music")[1].copy()
    edit = view.range_chooser.end_edit
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(edit, "2024")
    assert "swap the two dates" in view.range_chooser.error.text()
    assert view.report.end == RANGE[1]
    np.testing.assert_allclose(bars(view.charts["minutes_per_week"], "music")[1], before)


def test_presets_end_today_and_start_on_a_week(qtbot, bus, journal) -> None:
    today = date.today()
    for days_ago in (2, 40, 200):
        save_session(make_session(day=today - timedelta(days=days_ago), minutes=30))
    view = TrendsView(bus)
    qtbot.addWidget(view)
    view.setMinimumSize(1110, 740)
    view.show()
    box = view.range_chooser.preset_box
    box.setFocus()
    for preset, weeks in (("4w", 4), ("3m", 13), ("1y", 52)):
        box.setCurrentIndex(box.findData(preset))
        start, end = view.report.start, view.report.end
        assert end == today and start == week_start_of(today) - timedelta(weeks=weeks - 1)
        assert view.range_chooser.start_edit.date() == QDate(start.year, start.month, start.day)
        assert not view.range_chooser.start_edit.isEnabled()
    minutes = view.charts["minutes_per_week"]
    assert bars(minutes, "music")[1].sum() == 90  # 1y holds all three
    box.setCurrentIndex(box.findData("4w"))
    assert bars(minutes, "music")[1].sum() == 30


# --- the Qt-free helpers (services/stats/lazy.py) ----------------------------------------------------


def test_cycle_marks_filter_by_range_and_discipline(journal) -> None:
    cycle, _ = save_cycle(
        CycleData(
            "Spring 10k",
            date(2026, 1, 5),
            date(2026, 3, 29),
            Discipline.RUNNING,
            phases=[
                PhasePlan(PhaseName.BASE, date(2026, 1, 5), date(2026, 2, 1)),
                PhasePlan(PhaseName.TAPER, date(2026, 3, 16), date(2026, 3, 29)),
            ],
        )
    )
    save_event(
        EventData(
            "City 10k", EventKind.RACE, date(2026, 3, 29), Discipline.RUNNING, None, cycle_id=cycle
        )
    )
    save_event(EventData("Open rehearsal", EventKind.OTHER, date(2026, 2, 10), priority=None))
    marks = cycle_marks(date(2026, 1, 20), date(2026, 3, 20))
    assert [(p.name, p.start) for p in marks.phases] == [
        ("base", date(2026, 1, 5)),
        ("taper", date(2026, 3, 16)),
    ]
    assert [e.name for e in marks.events] == ["Open rehearsal"]
    music = cycle_marks(date(2026, 1, 1), date(2026, 4, 1), Discipline.MUSIC)
    assert music.phases == [] and [e.name for e in music.events] == ["Open rehearsal"]
    running = cycle_marks(date(2026, 1, 1), date(2026, 4, 1), "running")
    assert len(running.phases) == 2 and len(running.events) == 2
    with pytest.raises(ValueError, match="swap the two dates"):
        cycle_marks(date(2026, 2, 1), date(2026, 1, 1))


def test_preset_ranges_and_the_journal_span(journal) -> None:
    assert journal_span() is None
    today = date(2026, 3, 5)  # a Thursday
    assert preset_range("4w", today) == (date(2026, 2, 9), today)
    assert preset_range("4w", today, week_start=6) == (date(2026, 2, 8), today)
    assert preset_range("all", today) == (date(2026, 2, 9), today)
    save_session(make_session(day=date(2025, 6, 4)))
    save_session(make_session(Discipline.RUNNING, day=date(2025, 7, 1)))
    assert journal_span() == (date(2025, 6, 4), date(2025, 7, 1))
    assert journal_span("running") == (date(2025, 7, 1), date(2025, 7, 1))
    assert preset_range("all", today, 0, journal_span()) == (date(2025, 6, 2), today)
    with pytest.raises(ValueError, match="choose one of"):
        preset_range("2w", today)


def test_lazy_stats_give_what_compute_stats_gives(demo) -> None:
    for discipline in (None, "music", "running"):
        lazy = LazyStats(*RANGE, discipline, 0, date(2026, 2, 22))
        whole = compute_stats(*RANGE, discipline, 0, date(2026, 2, 22))
        assert lazy.report().to_json() == whole.to_json()


def test_a_passage_put_aside_for_weeks_breaks_its_tempo_line(qtbot) -> None:
    from cadence.services.stats.types import PassageTempo
    from cadence.ui.charts.quality import TEMPO_PAUSE_DAYS, draw_tempo

    chart = Chart(height=260)
    qtbot.addWidget(chart)
    first = date(2025, 1, 6)
    gaps = [0, 2, 3, TEMPO_PAUSE_DAYS + 1, 2]  # days since the session before
    days = [first + timedelta(days=sum(gaps[: i + 1])) for i in range(len(gaps))]
    best = [100.0, 104.0, 108.0, 96.0, 101.0]
    passage = PassageTempo(
        passage_id=1,
        label="Bars 1-8",
        piece="Étude",
        start_bpm=90.0,
        target_bpm=120.0,
        days=days,
        session_ids=list(range(1, 6)),
        best_bpm=best,
        fraction_of_target=[b / 120.0 for b in best],
    )
    draw_tempo(chart, passage, first, days[-1])
    item = chart.series["best_bpm"]
    x, y = curve(chart, "best_bpm")
    np.testing.assert_allclose(x, [stamp(d) + DAY_S / 2 for d in days])
    np.testing.assert_allclose(y, best)  # every session is drawn
    assert list(item.opts["connect"]) == [1, 1, 0, 1, 0]  # but not joined across the pause


def test_a_tabs_charts_are_made_when_it_is_first_drawn(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    front = {name for name, _p, _t in TAB_CHARTS[view.current_tab()]}
    assert set(view.charts) == front  # the other tabs' plots are not made yet
    open_tab(qtbot, view, "load")
    assert {name for name, _p, _t in TAB_CHARTS["load"]} <= set(view.charts)
    load = view.charts["load"]
    assert load.isVisible() and load.series  # made, shown and drawn
    assert view.charts["heatmap"] is view.charts["heatmap"]  # asked for: made once


def test_slips_per_week_and_their_sentence_are_those_of_the_stats_json(qtbot, bus, demo) -> None:
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "stops")
    slips = stats_json(*RANGE)["slips"]
    chart = view.charts["slips_per_week"]
    x, music, base = bars(chart, "music")
    np.testing.assert_allclose(x, centres(slips["weeks"], 3.5))
    np.testing.assert_allclose(music, slips["by_key"]["music"]["per_week"])
    np.testing.assert_allclose(base, 0)
    _, running, base = bars(chart, "running")
    np.testing.assert_allclose(running, slips["by_key"]["running"]["per_week"])
    np.testing.assert_allclose(base, slips["by_key"]["music"]["per_week"])
    together = slips["by_key"]["all"]
    assert sum(together["per_week"]) == together["slips"] > 0
    assert view.slips_note.text() == together["sentence"]
    assert f"{together['slips']} slips in {together['sessions']} sessions" in together["sentence"]


def test_the_stop_points_tab_draws_its_weeks_without_the_weekly_volume(qtbot, bus, demo) -> None:
    """The slips chart stands on the slips' own weeks (the volume's weeks, the same list): a
    switch on the Stop-points tab does not work out the weekly volume for them."""
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "stops")
    chooser = view.discipline_chooser
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # music: the tab in front drawn anew
    assert chooser.discipline == Discipline.MUSIC
    assert view.report is not None and "weekly" not in vars(view.report)
    x, _heights, _base = bars(view.charts["slips_per_week"], "music")
    weeks = [week.isoformat() for week in view.report.slips.weeks]
    np.testing.assert_allclose(x, centres(weeks, 3.5))
    assert view.report.slips.weeks == view.report.weekly.starts
    assert "weekly" in vars(view.report)  # (asked for just now)


def test_fatigue_and_form_are_drawn_as_dashes_cut_along_their_values(qtbot, bus, demo) -> None:
    """The dashed and dotted curves are cut into solid dashes on screen (ui/charts/dashes.py):
    the dashes lie on the values, leave gaps, and are cut again when the range changes."""
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "load")
    chart = view.charts["load"]
    assert not chart.series["music:fitness"].curve.cuts()  # solid: pyqtgraph draws it
    for name in ("music:fatigue", "running:form"):
        item = chart.series[name]
        drawn = item.curve
        assert drawn.cuts()
        chart.grab()  # painted now
        transform = drawn.deviceTransform(chart.viewportTransform())
        px, py, on = drawn.dashes(transform)
        assert on.any() and (~on[:-1]).any()  # dashes, and gaps between them
        # every dash end lies on the line through the values (one value a day here)
        back, _ok = transform.inverted()
        x = back.m11() * px + back.m21() * py + back.dx()
        y = back.m12() * px + back.m22() * py + back.dy()
        days, values = (np.asarray(v, float) for v in item.getData())
        np.testing.assert_allclose(y, np.interp(x, days, values), atol=1e-6 * np.nanmax(values))
        assert drawn._dashes[0][4:6] == (transform.dx(), transform.dy())  # what was painted
    cut_before = chart.series["music:fatigue"].curve._dashes[0]
    box = view.range_chooser.preset_box
    box.setCurrentIndex(box.findData("all"))
    chart.grab()
    drawn = chart.series["music:fatigue"].curve
    transform = drawn.deviceTransform(chart.viewportTransform())
    assert drawn._dashes[0][:4] == (
        transform.m11(),
        transform.m12(),
        transform.m21(),
        transform.m22(),
    )
    assert drawn._dashes[0] != cut_before  # cut again for the new range


# --- painting -----------------------------------------------------------------------------------


class _ChartPaints(QObject):
    """Counts the paints of each chart (its viewport, a child of the chart), by chart name."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        chart = watched.parent()
        if event.type() == QEvent.Type.Paint and isinstance(chart, Chart):
            name = chart.objectName()
            self.counts[name] = self.counts.get(name, 0) + 1
        return False


def test_a_switch_paints_each_chart_once_also_when_the_page_grows(qtbot, bus, demo) -> None:
    """Choosing running alone rewrites the Stop-points notes, and the page under the charts
    grows by a line: the page is laid out before its charts paint, not after (which painted
    every chart of the tab twice)."""
    view = open_trends(qtbot, bus, *RANGE)
    open_tab(qtbot, view, "stops")
    chooser = view.discipline_chooser
    chooser.setFocus()
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # music
    assert chooser.discipline == Discipline.MUSIC
    qtbot.wait(20)  # painted
    body = view.pages["stops"].widget()
    height = body.height()
    paints = _ChartPaints()
    charts = [view.charts[name] for name, _percent, _time in TAB_CHARTS["stops"]]
    for chart in charts:
        chart.viewport().installEventFilter(paints)
    qtbot.keyClick(chooser, Qt.Key.Key_Down)  # running
    assert chooser.discipline == Discipline.RUNNING
    qtbot.waitUntil(lambda: len(paints.counts) == len(charts))
    qtbot.wait(50)  # (a second paint, if any, comes at once)
    assert body.height() > height  # the notes took another line
    assert paints.counts == {chart.objectName(): 1 for chart in charts}
