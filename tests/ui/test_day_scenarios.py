"""Whole days at the desk, driven through the real main window by keyboard as a person would:
several sessions in a row, intentions added and removed, stopping early and pushing on, switching
discipline, editing what was saved, the demo journal and back. Each test checks the journal, the
screen, and (through tests/ui/conftest.py) that the error dialog never appeared."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from cadence.services import journal as journal_service
from cadence.services.today import sessions_on
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import PRACTICE, REFLECT, SETUP
from cadence.ui.views.today import TodayView

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
KEYS = {
    "new": (Qt.Key.Key_N, CTRL),
    "timer": (Qt.Key.Key_T, CTRL),
    "stop": (Qt.Key.Key_Period, CTRL),
    "save": (Qt.Key.Key_S, CTRL),
    "rep": (Qt.Key.Key_R, CTRL),
    "clean": (Qt.Key.Key_C, CTRL | SHIFT),
    "attempt": (Qt.Key.Key_A, CTRL | SHIFT),
    "warning": (Qt.Key.Key_W, CTRL | SHIFT),
}


def settle() -> None:
    """What the event loop does between two key presses, widgets deleted later included."""
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def press(qtbot, window: MainWindow, *names: str) -> None:
    """Press shortcuts where the keyboard focus is."""
    for name in names:
        key, modifiers = KEYS[name]
        qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
        settle()


def key(qtbot, window: MainWindow, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifiers)
    settle()


def type_here(qtbot, window: MainWindow, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget() or window, text)


def today(window: MainWindow, qtbot) -> TodayView:
    view = window.show_view("today")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return view  # type: ignore[return-value]


def intentions_saved() -> list[list[str]]:
    return [
        [i.text for i in journal_service.load_session(line.id).intentions]
        for line in sessions_on(date.today())
    ]


def test_start_keeps_working_after_a_session_of_two_intentions(
    main_window: MainWindow, qtbot
) -> None:
    """Issue 12, defect 1: the error labels of a removed second row stayed registered."""
    view = today(main_window, qtbot)
    setup = view.panel.setup
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Bars 1-8 slowly")
    setup.add_row_button.click()
    assert setup.rows[1].text.hasFocus()
    type_here(qtbot, main_window, "Loose shoulders")
    press(qtbot, main_window, "timer", "stop", "save")
    assert view.panel.step == SETUP and intentions_saved() == [
        ["Bars 1-8 slowly", "Loose shoulders"]
    ]

    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Scales in thirds")
    press(qtbot, main_window, "timer")
    assert view.panel.step == PRACTICE
    press(qtbot, main_window, "stop")
    assert view.panel.step == REFLECT
    press(qtbot, main_window, "save")
    assert intentions_saved() == [["Bars 1-8 slowly", "Loose shoulders"], ["Scales in thirds"]]

    # after saving, the cursor waits in the Intention of the next session: no Ctrl+N needed
    assert QApplication.focusWidget() is setup.rows[0].text
    type_here(qtbot, main_window, "Legato")  # a third: the reflection's rows of the first are gone
    press(qtbot, main_window, "timer", "stop")
    assert view.panel.step == REFLECT and len(view.panel.reflection.outcome_rows) == 1
    press(qtbot, main_window, "save")
    assert len(intentions_saved()) == 3 and len(view.sessions.rows) == 3
