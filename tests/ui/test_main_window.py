from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from tests.conftest import make_session

from cadence.services.changes import Changes
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState
from cadence.ui.views.base import View
from cadence.ui.views.registry import BUILT_AT_START, VIEW_NAMES, VIEWS, WINDOW_VIEWS


def test_every_view_has_its_place_and_shortcut(main_window: MainWindow, qtbot) -> None:
    assert main_window.view_names == [entry.name for entry in WINDOW_VIEWS]
    # the teachers' views after the ten: hidden on a journal file, and no Ctrl+digit
    for row in range(len(VIEWS), len(WINDOW_VIEWS)):
        assert main_window.nav.isRowHidden(row) and not main_window.view_actions[row].isVisible()
        assert main_window.view_actions[row].shortcut().isEmpty()
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


def test_the_status_bars_streak_follows_a_week_of_sessions_added_trashed_and_restored(
    main_window: MainWindow,
) -> None:
    """The streak in the status bar as days are written, one trashed and restored: it counts back
    from today (or yesterday, as today may still come) to the run's first gap, never further."""
    from datetime import timedelta

    from cadence.services.records.journal import restore_sessions

    today = date.today()

    def publish(changes: Changes) -> str:
        main_window.bus.publish(changes)
        return main_window.status_week.text()

    for back in (9, 8, 3, 2):  # an older run of two, a gap, then the two days before yesterday
        save_session(make_session(day=today - timedelta(days=back), minutes=20))
    assert "streak 0 days" in publish(Changes(sessions=True))  # nothing today or yesterday
    yesterday = save_session(make_session(day=today - timedelta(days=1), minutes=20))
    assert "streak 3 days" in publish(Changes(sessions=True))
    save_session(make_session(day=today, minutes=15))
    assert "streak 4 days" in publish(Changes(sessions=True))
    ids = list(yesterday.session_ids)
    assert "streak 1 day" in publish(trash_sessions(ids))  # yesterday gone: a gap
    assert "streak 4 days" in publish(restore_sessions(ids))


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


def test_only_today_is_built_at_start_and_others_on_first_show(
    main_window: MainWindow, qtbot
) -> None:
    assert set(main_window.views) == BUILT_AT_START == {"today"}
    # only a view built at start may add menus or toolbar actions; File commands are declared
    # in the registry, so the menu is whole before the view exists
    for entry in VIEWS:
        if entry.name not in BUILT_AT_START:
            cls = entry.load()
            assert cls.menus is View.menus and cls.toolbar_actions is View.toolbar_actions
        assert entry.load().NAME == entry.name
    texts = [a.text() for a in main_window.file_menu.actions()]
    assert "&Print report…" in texts and "Save report as P&DF…" in texts
    assert "reports" not in main_window.views
    main_window.nav.setCurrentRow(main_window.view_names.index("trends"))
    assert main_window.current_view() is main_window.views["trends"]
    assert main_window.current_view().NAME == "trends"
    assert main_window.stack.count() == len(WINDOW_VIEWS)
    assert main_window.windowTitle().startswith("Trends — ")
    assert set(main_window.views) == {"today", "trends"}


def test_a_view_built_later_shows_what_was_saved_before(main_window: MainWindow, qtbot) -> None:
    from datetime import date

    from cadence.ui.views.trash import TrashView

    first = make_session(day=date.today(), title="Scales")
    main_window.bus.run(lambda: save_session(first))
    main_window.bus.run(lambda: trash_sessions([first.id]))
    assert "trash" not in main_window.views
    qtbot.keyClick(main_window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    trash = main_window.current_view()
    assert isinstance(trash, TrashView) and trash.table.rowCount() == 1
    # once built and hidden, it follows the bus like any view
    main_window.show_view("today")
    second = make_session(day=date.today(), title="Arpeggios")
    main_window.bus.run(lambda: save_session(second))
    main_window.bus.run(lambda: trash_sessions([second.id]))
    qtbot.keyClick(main_window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_view() is trash and trash.table.rowCount() == 2


def test_starting_the_window_imports_no_chart_library(tmp_path: Path) -> None:
    """Today draws no chart: pyqtgraph and numpy are imported when a view that needs them is
    first shown, not at start (a fresh interpreter, as `cadence` starts)."""
    import json
    import os
    import subprocess
    import sys

    script = f"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from cadence.store.db import open_journal
from cadence.ui.app import create_application
from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState
app = create_application()
open_journal(Path({str(tmp_path / "journal.sqlite")!r}))
settings = QSettings({str(tmp_path / "window.ini")!r}, QSettings.Format.IniFormat)
journal = Path({str(tmp_path / "journal.sqlite")!r})
window = MainWindow(AppBus(), journal, WindowState(settings))
window.show()
app.processEvents()
before = sorted(m for m in ("pyqtgraph", "numpy") if m in sys.modules)
window.show_view("trends")
app.processEvents()
after = sorted(m for m in ("pyqtgraph", "numpy") if m in sys.modules)
print(json.dumps([before, after, sorted(window.views)]))
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    before, after, built = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == []
    assert after == ["numpy", "pyqtgraph"]
    assert built == ["today", "trends"]


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


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_ctrl_p_works_before_the_reports_view_was_built(main_window: MainWindow, qtbot) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    from cadence.ui.views.reports import ReportsView

    save_session(make_session(day=date.today(), minutes=25))
    assert "reports" not in main_window.views
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    view = main_window.current_view()
    assert isinstance(view, ReportsView) and main_window.views["reports"] is view
    dialog = view.print_dialog
    assert isinstance(dialog, QPrintDialog)
    qtbot.waitExposed(dialog)
    dialog.reject()
    assert view.act_print is main_window.file_command_actions["reports"]["print_report"]
