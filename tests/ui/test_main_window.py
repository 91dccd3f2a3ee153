from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from tests.conftest import make_session

from cadence.services.changes import Changes
from cadence.services.journal import save_session
from cadence.services.preferences import Preferences, save_preferences
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState
from cadence.ui.views.base import View
from cadence.ui.views.registry import LAZY_VIEWS, VIEW_NAMES


def test_every_view_has_its_place_and_shortcut(main_window: MainWindow, qtbot) -> None:
    assert main_window.view_names == list(VIEW_NAMES)
    for i, name in enumerate(VIEW_NAMES):  # Ctrl+1 .. Ctrl+9, then Ctrl+0 for the tenth
        digit = (i + 1) % 10
        qtbot.keyClick(
            main_window, Qt.Key(Qt.Key.Key_0 + digit), Qt.KeyboardModifier.ControlModifier
        )
        assert main_window.current_view().NAME == name
        assert main_window.view_actions[i].shortcut() == QKeySequence(f"Ctrl+{digit}")


def test_status_bar_shows_this_weeks_totals(main_window: MainWindow) -> None:
    from datetime import date

    save_session(make_session(day=date.today(), minutes=25))
    main_window.bus.publish(Changes(sessions=True))
    assert "music 25 min" in main_window.status_week.text()
    assert "streak 1 day" in main_window.status_week.text()


def test_geometry_and_last_view_are_remembered(
    qtbot, journal: Path, bus, window_state: WindowState
) -> None:
    first = MainWindow(bus, journal, window_state)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(40, 50, 990, 661)
    first.show_view("running")
    saved = first.geometry()
    first.close()
    assert window_state.geometry() is not None
    second = MainWindow(bus, journal, window_state)
    qtbot.addWidget(second)
    assert second.current_view().NAME == "running"
    # the offscreen screen is narrow and Qt fits the width to it; the height is ours alone
    assert second.geometry().height() == saved.height() == 661


def test_preferences_units_change_the_status_bar(main_window: MainWindow, qtbot) -> None:
    from datetime import date

    from cadence.domain.enums import Discipline

    save_session(make_session(Discipline.RUNNING, day=date.today(), distance_m=8046.72))
    main_window.bus.run(lambda: save_preferences(Preferences(units="mi")))
    assert "5.0 mi" in main_window.status_week.text()


def test_chart_views_are_built_when_first_shown(main_window: MainWindow, qtbot) -> None:
    assert LAZY_VIEWS and not LAZY_VIEWS & set(main_window.views)
    for name in LAZY_VIEWS:
        cls = main_window.view_classes[name]
        # a lazy view has nothing to put in menus or the toolbar before it exists
        assert cls.menus is View.menus and cls.file_actions is View.file_actions
        assert cls.toolbar_actions is View.toolbar_actions
    main_window.nav.setCurrentRow(main_window.view_names.index("trends"))
    assert main_window.current_view() is main_window.views["trends"]
    assert main_window.current_view().NAME == "trends"
    assert main_window.stack.count() == len(VIEW_NAMES)


def test_a_read_only_journal_says_so_in_the_title_and_status_bar(
    qtbot, tmp_path: Path, bus, window_state: WindowState, monkeypatch
) -> None:
    from cadence.store import db

    path = tmp_path / "journal.sqlite"
    db.open_journal(path)
    db.close_journal()
    monkeypatch.setattr(db, "_is_read_only", lambda _path: True)  # as for a 0400 file
    assert db.open_journal(path).read_only
    try:
        window = MainWindow(bus, path, window_state)
        qtbot.addWidget(window)
        window.show()
        assert "(read-only)" in window.windowTitle()
        assert window.status_read_only.isVisible()
    finally:
        db.close_journal()
    monkeypatch.undo()
    writable = MainWindow(bus, path, window_state)
    qtbot.addWidget(writable)
    assert not db.open_journal(path).read_only
    try:
        writable.set_journal_path(path)
        assert not writable.status_read_only.isVisibleTo(writable)
    finally:
        db.close_journal()
