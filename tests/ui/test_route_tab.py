"""An imported run's Route tab, opened from the Running view like a person would: the route's
shape, pace, heart rate and elevation over the distance, and the splits in the journal's units."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from tests.ui.test_music_view import click_row
from tests.ui.test_running_view import show_running

from cadence.services.imports import import_paths
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.services.records.tracks import load_track, track_splits
from cadence.ui.dialogs.session_editor import SessionEditor
from cadence.ui.editor.route_tab import RouteTab
from cadence.ui.main_window import MainWindow

FIXTURES = Path(__file__).parents[1] / "fixtures" / "running"


def _open_run(window: MainWindow, qtbot, row: int) -> SessionEditor:
    view = show_running(window, qtbot)
    click_row(qtbot, view.panel.table, row)
    qtbot.keyClick(view.panel.table, Qt.Key.Key_Return)
    editor = view.panel.editor
    assert isinstance(editor, SessionEditor)
    return editor


def _tab_titles(editor: SessionEditor) -> list[str]:
    return [editor.tabs.tabText(i) for i in range(editor.tabs.count())]


def test_an_imported_run_shows_its_route_and_splits(main_window: MainWindow, qtbot) -> None:
    main_window.bus.run(lambda: import_paths([FIXTURES / "run-8-laps.fit"]).changes)
    editor = _open_run(main_window, qtbot, 0)
    assert _tab_titles(editor)[-1] == "Route"
    editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
    tab = editor.route
    assert isinstance(tab, RouteTab) and tab.isVisible()
    rows = tab.split_rows()
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6", "7", "0.86"]
    splits = track_splits(load_track(editor.original.id), "km")
    first = splits[0]
    minutes, seconds = divmod(round(first.pace_s), 60)
    assert rows[0][2] == f"{minutes}:{seconds:02d}" and rows[0][3] == f"{first.avg_hr:.0f}"
    assert rows[0][4] == f"{round(first.elevation_change_m):+d}"
    assert tab.splits_table.horizontalHeaderItem(0).text() == "Split (km)"
    # the route drawn from the points, with equal metres both ways, and three linked charts
    assert tab.route_plot.getViewBox().state["aspectLocked"] == 1
    assert set(tab.plots) == {"pace", "hr", "elevation"}
    assert tab.plots["hr"].getViewBox().linkedView(pg.ViewBox.XAxis) is tab.plots["pace"].vb
    curve = tab.route_plot.getPlotItem().listDataItems()[0]
    assert np.nanmax(curve.yData) - np.nanmin(curve.yData) > 1000  # about 2.3 km north-south
    editor.reject()
    qtbot.waitUntil(lambda: editor.isHidden())


def test_splits_follow_miles_and_a_typed_run_has_no_route(main_window: MainWindow, qtbot) -> None:
    save_preferences(Preferences(units="mi"))
    main_window.bus.run(lambda: import_paths([FIXTURES / "run-8-laps.fit"]).changes)
    from tests.conftest import make_session

    from cadence.domain.enums import Discipline, SessionKind
    from cadence.services.records import journal as js

    typed = make_session(Discipline.RUNNING, SessionKind.EASY, minutes=30, distance_m=5000)
    main_window.bus.run(lambda: js.save_session(typed))
    view = show_running(main_window, qtbot)
    model = view.panel.model
    rows = {model.session_id(r): r for r in range(model.rowCount())}
    imported = next(i for i in rows if i != typed.id)
    editor = _open_run(main_window, qtbot, rows[imported])
    assert editor.route is not None
    assert [r[0] for r in editor.route.split_rows()] == ["1", "2", "3", "4", "0.89"]
    assert editor.route.splits_table.horizontalHeaderItem(2).text() == "Pace (/mi)"
    editor.reject()
    qtbot.waitUntil(lambda: view.panel.editor is None)
    editor = _open_run(main_window, qtbot, rows[typed.id])
    assert editor.route is None and "Route" not in _tab_titles(editor)
    editor.reject()


def test_a_run_without_heart_rate_has_no_column_of_blanks(main_window: MainWindow, qtbot) -> None:
    main_window.bus.run(lambda: import_paths([FIXTURES / "polar-m400-run.gpx"]).changes)
    editor = _open_run(main_window, qtbot, 0)
    tab = editor.route
    assert tab is not None and "hr" not in tab.plots
    assert tab.splits_table.isColumnHidden(3) and not tab.splits_table.isColumnHidden(4)
    rows = tab.split_rows()
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6", "0.93"]
    assert all(len(r) == 4 for r in rows)
    editor.reject()
