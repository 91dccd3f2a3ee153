"""The Compare view on a real demo journal: music left, running right, each chart holding what
the stats service gives for that craft and range; one linked time axis (zooming or scrolling the
music chart moves the running one); one y scale per row; the summary table; the cross-over."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from tests.ui.test_trends import (
    RANGE,
    as_floats,
    bars,
    curve,
    demo,  # noqa: F401 (a fixture)
    demo_file,  # noqa: F401 (a fixture)
    title_text,
    type_date,
)

from cadence.services.stats.compute import compute_stats, load_series
from cadence.services.stats.lazy import cycle_marks
from cadence.ui.bus import AppBus
from cadence.ui.charts.axes import DAY_S, stamp
from cadence.ui.charts.chart import Chart
from cadence.ui.views.compare import ROW_HEIGHT, ROWS, CompareView
from cadence.ui.views.trends import TrendsView

CRAFTS = ("music", "running")


def open_compare(qtbot, bus: AppBus, start: date, end: date, width: int = 1110) -> CompareView:
    view = CompareView(bus)
    qtbot.addWidget(view)
    view.setMinimumSize(width, 740)  # as in the main window (see test_trends.open_trends)
    view.show()
    qtbot.waitExposed(view)
    box = view.range_chooser.preset_box
    box.setFocus()
    while box.currentData() != "custom":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    type_date(qtbot, view.range_chooser.start_edit, start)
    type_date(qtbot, view.range_chooser.end_edit, end)
    assert (view.report.start, view.report.end) == (start, end)
    return view


def stats_json(start: date, end: date) -> dict:
    return json.loads(json.dumps(compute_stats(start, end).to_json()))


def test_each_column_draws_its_crafts_measures(qtbot, bus, demo) -> None:  # noqa: F811
    view = open_compare(qtbot, bus, *RANGE)
    expected = stats_json(*RANGE)
    weekly = expected["weekly"]
    for key in CRAFTS:
        np.testing.assert_allclose(
            bars(view.chart("minutes_per_week", key), key)[1], weekly["minutes"][key]
        )
        np.testing.assert_allclose(
            bars(view.chart("sessions_per_week", key), key)[1], weekly["sessions"][key]
        )
        np.testing.assert_allclose(
            curve(view.chart("focus", key), key)[1], as_floats(weekly["focus_mean"][key])
        )
        np.testing.assert_allclose(
            curve(view.chart("rpe", key), key)[1], as_floats(weekly["rpe_mean"][key])
        )
        for name in ("intention_rate", "completion"):
            np.testing.assert_allclose(
                curve(view.chart(name, key), key)[1], as_floats(expected[name]["values"][key])
            )
        # the same reason categories on both sides
        stops = view.chart("stop_points_by_reason", key)
        per_reason = expected["stop_points"]["per_reason"][key]
        assert set(stops.series) == set(per_reason)
        for reason, counts in per_reason.items():
            np.testing.assert_allclose(bars(stops, reason)[1], counts)
        # each craft's own load, fitness and fatigue: the stats of that craft alone
        own = json.loads(json.dumps(load_series(*RANGE, key).to_json()))
        assert own == compute_stats(*RANGE, key).to_json()["load"]
        load = view.chart("load", key)
        np.testing.assert_allclose(bars(load, "daily")[1], own["load"])
        np.testing.assert_allclose(curve(load, "fitness")[1], own["fitness"])
        np.testing.assert_allclose(curve(load, "fatigue")[1], own["fatigue"])


def test_the_wheel_scrolls_the_page_and_ctrl_wheel_zooms_every_chart_alike(
    qtbot,
    bus,
    demo,  # noqa: F811
) -> None:
    view = open_compare(qtbot, bus, *RANGE)
    music = view.chart("minutes_per_week", "music")
    running = view.chart("minutes_per_week", "running")
    others = [c for c in view.charts.values() if c is not music]
    start, end = stamp(date(2025, 10, 6)), stamp(date(2025, 12, 1))
    music.setXRange(start, end, padding=0)
    for chart in others:
        np.testing.assert_allclose(chart.plot_item.vb.viewRange()[0], (start, end))
    # the mouse wheel over a chart scrolls the page, as over the rest of it, and zooms nothing
    qtbot.waitUntil(lambda: music.plot_item.vb.sceneBoundingRect().width() > 100)
    centre = music.mapFromScene(music.plot_item.vb.sceneBoundingRect().center())

    def wheel(up: bool, modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            QPointF(centre),
            QPointF(music.viewport().mapToGlobal(centre)),
            QPoint(0, 0),
            QPoint(0, 120 if up else -120),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(music.viewport(), event)

    bar = view.page.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    wheel(False, Qt.KeyboardModifier.NoModifier)
    assert bar.value() > 0  # the page scrolled down
    np.testing.assert_allclose(music.plot_item.vb.viewRange()[0], (start, end))  # no zoom
    # Ctrl + wheel zooms every chart alike
    wheel(True, Qt.KeyboardModifier.ControlModifier)
    zoomed = music.plot_item.vb.viewRange()[0]
    assert zoomed[1] - zoomed[0] < end - start  # zoomed in
    np.testing.assert_allclose(running.plot_item.vb.viewRange()[0], zoomed)
    np.testing.assert_allclose(view.chart("load", "running").plot_item.vb.viewRange()[0], zoomed)


def test_the_axes_stay_linked_when_scrolled_and_resized(qtbot, bus, demo) -> None:  # noqa: F811
    view = open_compare(qtbot, bus, *RANGE)
    music = view.chart("minutes_per_week", "music")
    bar = view.page.verticalScrollBar()
    bar.setValue(bar.maximum())  # the last rows come into view
    view.resize(1300, 900)
    qtbot.wait(50)
    music.setXRange(stamp(date(2025, 11, 3)), stamp(date(2026, 1, 5)), padding=0)
    qtbot.wait(50)
    expected = music.plot_item.vb.viewRange()[0]
    for (kind, key), chart in view.charts.items():
        np.testing.assert_allclose(chart.plot_item.vb.viewRange()[0], expected, err_msg=kind + key)


def test_each_row_shares_one_y_scale(qtbot, bus, demo) -> None:  # noqa: F811
    view = open_compare(qtbot, bus, *RANGE)
    for kind, _percent in ROWS:
        music, running = (view.chart(kind, key) for key in CRAFTS)
        np.testing.assert_allclose(
            music.plot_item.vb.viewRange()[1], running.plot_item.vb.viewRange()[1]
        )
    minutes = stats_json(*RANGE)["weekly"]["minutes"]
    top = view.chart("minutes_per_week", "running").plot_item.vb.viewRange()[1][1]
    assert top >= max(minutes["music"]) > max(minutes["running"])


def test_the_table_shows_the_stats_summary(qtbot, bus, demo) -> None:  # noqa: F811
    view = open_compare(qtbot, bus, *RANGE)
    summary = stats_json(*RANGE)["summary"]
    table = view.table
    titles = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]

    def cell(title: str, column: int) -> str:
        return table.item(titles.index(title), column).text()

    for block, key in enumerate(CRAFTS):
        s = summary[key]
        assert cell("Sessions (per week)", 3 * block) == f"{s['sessions']['total']:.0f}"
        assert cell("Sessions (per week)", 3 * block + 1) == f"{s['sessions']['mean']:.1f}"
        assert cell("Sessions (per week)", 3 * block + 2) == f"{s['sessions']['median']:.1f}"
        assert cell("Load, RPE × min (per session)", 3 * block) == f"{s['load']['total']:.0f}"
        assert cell("Focus 1–5 (per session)", 3 * block) == "–"  # a sum of ratings: none
        assert cell("Focus 1–5 (per session)", 3 * block + 1) == f"{s['focus']['mean']:.1f}"
        rate = s["intention_rate"]
        assert cell("Intentions met (per session)", 3 * block) == f"{rate['total'] * 100:.0f}%"
    assert cell("Distance, km (per run)", 3) == f"{summary['running']['distance_km']['total']:.1f}"
    assert cell("Distance, km (per run)", 0) == "–"
    assert cell("Accuracy (per session)", 4) == "–"  # running has no clean reps


def test_the_crossover_chart_shows_pairs_r_n_and_a_caveat(qtbot, bus, demo) -> None:  # noqa: F811
    view = open_compare(qtbot, bus, *RANGE)
    cross = stats_json(*RANGE)["crossover"]
    assert cross["n"] >= 3 and cross["r"] is not None
    bar = view.page.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled down to it, as a reader does
    scatter = view.crossover.series["pairs"]
    x, y = scatter.getData()
    np.testing.assert_allclose(x, cross["run_load"])
    np.testing.assert_allclose(y, cross["next_day_focus"])
    note = view.crossover_note.text()
    assert f"r = {cross['r']:.2f}, n = {cross['n']}" in note
    assert "not a cause" in note
    assert f"n = {cross['n']}" in title_text(view.crossover)


def test_cycles_are_marked_on_their_crafts_side(qtbot, bus, demo) -> None:  # noqa: F811
    spring_to_autumn = (date(2025, 3, 3), date(2025, 10, 26))  # a recital, then a marathon
    view = open_compare(qtbot, bus, *spring_to_autumn)
    for key in CRAFTS:
        marks = cycle_marks(*spring_to_autumn, key)
        bands = view.chart("minutes_per_week", key).bands
        assert [(b.left, b.right) for b in bands.bands] == [
            (stamp(p.start), stamp(p.end) + DAY_S) for p in marks.phases
        ]
        assert [e.name for e in bands.events] == [e.name for e in marks.events]
    music = {b.tip.split(":")[0] for b in view.chart("focus", "music").bands.bands}
    running = {b.tip.split(":")[0] for b in view.chart("focus", "running").bands.bands}
    assert music == {"Summer recital 2025"} and running == {"Autumn Marathon 2025"}


def test_clicking_a_week_opens_it_in_the_journal(qtbot, bus, demo) -> None:  # noqa: F811
    view = open_compare(qtbot, bus, *RANGE)
    chart = view.chart("minutes_per_week", "running")
    qtbot.waitUntil(lambda: chart.plot_item.vb.viewRange()[1][1] > 1)
    scene = chart.plot_item.vb.mapViewToScene(QPointF(stamp(date(2025, 11, 20)), 1))
    with qtbot.waitSignal(bus.navigate, timeout=2000) as signal:
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.mapFromScene(scene))
    assert signal.args == ["journal", date(2025, 11, 17)]


def test_an_empty_range_is_explained(qtbot, bus, demo) -> None:  # noqa: F811
    view = open_compare(qtbot, bus, date(2019, 1, 7), date(2019, 2, 3))
    assert view.stack.currentWidget() is view.empty
    assert "No sessions between 7 Jan 2019 and 3 Feb 2019" in view.empty.text.text()
    with qtbot.waitSignal(bus.command) as signal:
        qtbot.mouseClick(view.empty.demo_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["open-demo"]


@pytest.mark.parametrize("craft", CRAFTS)
def test_a_craft_without_sessions_says_so_in_its_column(qtbot, bus, journal, craft) -> None:
    from tests.conftest import make_session

    from cadence.domain.enums import Discipline
    from cadence.services.records.journal import save_session

    other = "running" if craft == "music" else "music"
    save_session(make_session(Discipline(other), day=date(2026, 1, 14), minutes=40, rpe=5))
    view = open_compare(qtbot, bus, date(2026, 1, 5), date(2026, 1, 25))
    assert view.stack.currentWidget() is view.page
    assert "No sessions between" in view.chart("minutes_per_week", craft).message
    assert view.chart("minutes_per_week", other).message == ""
    np.testing.assert_allclose(bars(view.chart("minutes_per_week", other), other)[1], [0, 40, 0])


def test_rows_out_of_view_are_drawn_as_they_scroll_in(qtbot, bus, demo) -> None:  # noqa: F811
    """A range switch draws the rows in view at once, the rest as they come into view."""
    view = open_compare(qtbot, bus, *RANGE)
    load = view.charts[("load", "music")]  # the dict, which does not draw on asking
    minutes = view.charts[("minutes_per_week", "music")]
    assert "fitness" not in load.series  # far below the window: not drawn yet
    bar = view.page.verticalScrollBar()
    bar.setValue(bar.maximum())
    own = json.loads(json.dumps(load_series(*RANGE, "music").to_json()))
    np.testing.assert_allclose(curve(load, "fitness")[1], own["fitness"])
    np.testing.assert_allclose(
        load.plot_item.vb.viewRange()[0], minutes.plot_item.vb.viewRange()[0]
    )

    summer = (date(2025, 6, 2), date(2025, 8, 31))  # another range, chosen at the bottom
    type_date(qtbot, view.range_chooser.start_edit, summer[0])
    type_date(qtbot, view.range_chooser.end_edit, summer[1])
    own = json.loads(json.dumps(load_series(*summer, "music").to_json()))
    np.testing.assert_allclose(curve(load, "fitness")[1], own["fitness"])  # in view: drawn
    weekly = stats_json(*summer)["weekly"]
    bar.setValue(0)  # back up: the first row is drawn as it comes into view
    np.testing.assert_allclose(bars(minutes, "music")[1], weekly["minutes"]["music"])
    np.testing.assert_allclose(
        load.plot_item.vb.viewRange()[0], minutes.plot_item.vb.viewRange()[0]
    )


def test_rows_below_the_fold_are_made_only_when_scrolled_to(qtbot, bus, demo) -> None:  # noqa: F811
    """The plots of rows far below the window are not made at all until the page scrolls to
    them; then they hold their craft's figures, on the axis the others show."""
    view = open_compare(qtbot, bus, *RANGE)
    made = {c.objectName() for c in view.findChildren(Chart)}
    assert "chart-minutes_per_week-music" in made and "chart-minutes_per_week-running" in made
    assert not {"chart-load-music", "chart-load-running", "chart-completion-music"} & made
    assert len(made) <= 7  # the rows in view and one beyond, and the cross-over
    minutes = view.findChild(Chart, "chart-minutes_per_week-music")
    zoom = (stamp(date(2025, 11, 3)), stamp(date(2026, 1, 5)))
    minutes.setXRange(*zoom, padding=0)  # the reader zooms before scrolling down
    bar = view.page.verticalScrollBar()
    bar.setValue(bar.maximum())
    for key in CRAFTS:
        load = view.findChild(Chart, f"chart-load-{key}")
        assert load is not None and load.isVisible()
        own = json.loads(json.dumps(load_series(*RANGE, key).to_json()))
        np.testing.assert_allclose(curve(load, "fitness")[1], own["fitness"])
        np.testing.assert_allclose(load.plot_item.vb.viewRange()[0], zoom)
        assert load.height() == ROW_HEIGHT
    weekly = stats_json(*RANGE)["weekly"]
    stops = view.findChild(Chart, "chart-stop_points_by_reason-running")
    assert stops is not None and stops.kind == "stop_points_by_reason"
    # one axis both ways: the row made last moves the first
    load = view.findChild(Chart, "chart-load-running")
    autumn = (stamp(date(2025, 9, 8)), stamp(date(2025, 12, 1)))
    load.setXRange(*autumn, padding=0)
    np.testing.assert_allclose(minutes.plot_item.vb.viewRange()[0], autumn)
    np.testing.assert_allclose(bars(minutes, "music")[1], weekly["minutes"]["music"])


def test_trends_and_compare_share_one_range(qtbot, bus, demo) -> None:  # noqa: F811
    """Dates chosen in Compare are what Trends shows next, and a preset chosen in Trends is what
    Compare shows next: one range, whichever view it was chosen in."""
    trends = TrendsView(bus)
    qtbot.addWidget(trends)
    trends.setMinimumSize(1110, 740)
    compare = open_compare(qtbot, bus, *RANGE)  # custom dates, typed
    compare.hide()
    trends.show()
    qtbot.waitExposed(trends)
    assert (trends.report.start, trends.report.end) == RANGE
    assert trends.range_chooser.preset == "custom"
    box = trends.range_chooser.preset_box
    box.setFocus()
    while box.currentData() != "1y":
        qtbot.keyClick(box, Qt.Key.Key_Up)
    one_year = (trends.report.start, trends.report.end)
    assert one_year != RANGE
    trends.hide()
    compare.show()
    qtbot.waitExposed(compare)
    assert compare.range_chooser.preset == "1y"
    assert (compare.report.start, compare.report.end) == one_year
    # a view on its own bus (another window) keeps its own
    other = CompareView(AppBus())
    qtbot.addWidget(other)
    assert other.range_chooser.preset == "3m"


@pytest.mark.parametrize("width", [780, 820, 1300])
def test_side_by_side_plots_line_up_whatever_their_titles_wrap_to(
    qtbot,
    bus,
    demo,  # noqa: F811
    width: int,
) -> None:
    """A title that wraps in one column only must not shift that column's plot: the rows
    share a y scale, so their plots keep one top and one height."""
    view = open_compare(qtbot, bus, *RANGE, width=width)
    qtbot.wait(50)
    for kind, _percent in ROWS:
        music, running = (view.chart(kind, key) for key in CRAFTS)
        view.page.ensureWidgetVisible(music, 0, 0)  # Compare draws the rows in view
        qtbot.waitUntil(lambda c=music, k=kind: c.kind == k)
        qtbot.wait(20)
        rects = [c.plot_item.vb.sceneBoundingRect() for c in (music, running)]
        assert rects[0].top() == rects[1].top() and rects[0].height() == rects[1].height(), kind
        for chart in (music, running):  # and the title row never lies on the plot
            label = chart.plot_item.titleLabel
            title = label.mapRectToScene(label.itemRect())
            assert title.bottom() <= chart.plot_item.vb.sceneBoundingRect().top() + 1, kind
