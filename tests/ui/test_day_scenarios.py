"""Whole days at the desk, driven through the real main window by keyboard as a person would:
several sessions in a row, intentions added and removed, stopping early and pushing on, switching
discipline, editing what was saved, the demo journal and back. Each test checks the journal, the
screen, and (through tests/ui/conftest.py) that the error dialog never appeared."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication
from tests.ui.test_today import FakeClock

from cadence.domain.enums import Discipline, Outcome, StopAction
from cadence.services.demo.generate import generate_demo
from cadence.services.records import journal as journal_service
from cadence.services.today import sessions_on
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Intention
from cadence.ui import journal_switch
from cadence.ui.main_window import MainWindow
from cadence.ui.today.reflection_form import OUTCOMES
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
    settle()


def dialog_closed(qtbot, window: MainWindow) -> None:
    """The window manager gives the window back its focus (offscreen Qt has none to do it)."""
    settle()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def click(button) -> None:
    button.click()
    settle()


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
    click(setup.add_row_button)
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


def test_a_full_day_by_keyboard(main_window: MainWindow, qtbot) -> None:
    """Three intentions with one removed and one added, stopping early, a warning sign pushed
    through, switching to a run, starting again, then correcting the first session."""
    view = today(main_window, qtbot)
    clock = FakeClock()
    view.panel.stopwatch.clock = clock
    setup = view.panel.setup
    panel = view.panel.practice_panel
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Bars 9-16 at 72")
    click(setup.add_row_button)
    type_here(qtbot, main_window, "Wrong intention")
    click(setup.add_row_button)
    type_here(qtbot, main_window, "Breathe at phrase ends")
    assert not setup.add_row_button.isEnabled()  # three at most
    setup.rows[1].text.setFocus()
    key(qtbot, main_window, Qt.Key.Key_Tab)  # to the row's ×
    assert QApplication.focusWidget() is setup.rows[1].remove
    key(qtbot, main_window, Qt.Key.Key_Space)
    assert [r.text.text() for r in setup.rows] == ["Bars 9-16 at 72", "Breathe at phrase ends"]
    click(setup.add_row_button)
    type_here(qtbot, main_window, "Let wrong notes go")
    key(qtbot, main_window, Qt.Key.Key_Tab)  # the plan follows the intentions
    while QApplication.focusWidget() is not setup.reps:
        key(qtbot, main_window, Qt.Key.Key_Tab)
    type_here(qtbot, main_window, "6")

    press(qtbot, main_window, "timer", "clean", "attempt", "clean")
    assert panel.counter.text() == "3 of 6 reps"
    clock.advance(9)
    press(qtbot, main_window, "warning")  # noticed, carrying on
    dialog = view.panel.stop_dialog
    assert QApplication.focusWidget() is dialog.reason
    key(qtbot, main_window, Qt.Key.Key_Down)  # the next reason
    key(qtbot, main_window, Qt.Key.Key_Return)  # Record
    dialog_closed(qtbot, main_window)
    assert view.panel.stop_dialog is None and view.panel.timer_running
    clock.advance(3)
    press(qtbot, main_window, "rep", "stop")  # early: 4 of 6
    dialog = view.panel.stop_dialog
    assert dialog is not None and dialog.stopped.isChecked()
    key(qtbot, main_window, Qt.Key.Key_Return)
    dialog_closed(qtbot, main_window)
    assert view.panel.step == REFLECT
    outcome = QApplication.focusWidget()
    assert outcome is view.panel.reflection.outcome_rows[0].buttons[next(iter(OUTCOMES))]
    key(qtbot, main_window, Qt.Key.Key_Space)  # achieved
    press(qtbot, main_window, "save")

    # the next session: a run, chosen from the keyboard
    assert QApplication.focusWidget() is setup.rows[0].text and len(setup.rows) == 1
    key(qtbot, main_window, Qt.Key.Key_Tab, SHIFT)
    key(qtbot, main_window, Qt.Key.Key_Tab, SHIFT)
    assert QApplication.focusWidget() is setup.running  # two Shift+Tabs back: Kind, Running
    key(qtbot, main_window, Qt.Key.Key_Space)
    assert setup.running.isChecked()
    key(qtbot, main_window, Qt.Key.Key_Tab)
    key(qtbot, main_window, Qt.Key.Key_Tab)
    type_here(qtbot, main_window, "Easy, nose breathing")
    press(qtbot, main_window, "timer", "rep", "rep")
    clock.advance(25)
    press(qtbot, main_window, "stop", "save")

    lines = sessions_on(date.today())
    first, run = (journal_service.load_session(line.id) for line in lines)
    assert [(i.text, i.outcome) for i in first.intentions] == [
        ("Bars 9-16 at 72", Outcome.ACHIEVED),
        ("Breathe at phrase ends", Outcome.NOT_RATED),
        ("Let wrong notes go", Outcome.NOT_RATED),
    ]
    assert (first.blocks[0].planned_reps, first.blocks[0].done_reps) == (6, 4)
    assert (first.duration_s, run.duration_s) == (12 * 60, 25 * 60)
    assert first.blocks[0].clean_reps == 2
    assert [(s.action, s.rep_index, s.elapsed_s) for s in first.stop_points] == [
        (StopAction.PUSHED_ON, 3, 9 * 60),
        (StopAction.STOPPED, 4, 12 * 60),
    ]
    assert run.discipline == Discipline.RUNNING and run.blocks[0].done_reps == 2
    assert [i.text for i in run.intentions] == ["Easy, nose breathing"]
    assert len(view.sessions.rows) == 2

    # correcting the first session from today's list
    click(view.sessions.rows[0].open_button)
    editor = view.editor
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    editor.general.title.setFocus()
    type_here(qtbot, main_window, "Nocturne")
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    assert journal_service.load_session(first.id).title == "Nocturne"
    assert not editor.isVisible()
    dialog_closed(qtbot, main_window)

    # and the day goes on: Start still works
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Scales, even")
    press(qtbot, main_window, "timer")
    assert view.panel.step == PRACTICE


def test_the_demo_journal_and_back(
    main_window: MainWindow, qtbot, journal: Path, tmp_path: Path, monkeypatch
) -> None:
    demo = tmp_path / "demo.sqlite"
    close_journal()  # a demo journal made beforehand, as File → Open a demo journal finds it
    open_journal(demo)
    generate_demo(0.1, 1, date.today())
    close_journal()
    open_journal(journal)
    monkeypatch.setattr(journal_switch, "demo_path", lambda: demo)
    monkeypatch.setattr(journal_switch, "default_db_path", lambda: journal)  # "my journal"
    view = today(main_window, qtbot)
    assert not main_window.demo_banner.isVisible()
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Half-typed intention")

    main_window.act_demo.trigger()  # File → Open a demo journal
    settle()
    assert main_window.journal_path == demo
    banner = main_window.demo_banner
    assert banner.isVisible() and "This is the demo journal" in banner.text.text()
    assert view.panel.setup.rows[0].text.text() == ""  # the demo has no draft of yours
    main_window.show_view("music")
    assert banner.isVisible()  # across every view

    click(banner.button)  # Open my journal
    assert main_window.journal_path == journal and not banner.isVisible()
    view = today(main_window, qtbot)
    assert view.panel.setup.rows[0].text.text() == "Half-typed intention"  # kept as a draft
    view.panel.setup.rows[0].text.setFocus()
    press(qtbot, main_window, "timer", "stop", "save")
    assert intentions_saved() == [["Half-typed intention"]]
    close_journal()
    open_journal(demo)
    assert not Intention.select().where(Intention.text == "Half-typed intention").exists()
    close_journal()
    open_journal(journal)
