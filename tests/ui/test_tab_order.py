"""Tab runs through Today in reading order, top to bottom: discipline, intention, the plan, Start,
then the right column; in the reflection, how each intention went comes first and the day entry
last (issue 12, defect 3). Every stop shows that it has the focus."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from tests.conftest import make_session
from tests.ui.test_day_scenarios import settle

from cadence.services.records.journal import save_session
from cadence.ui.main_window import MainWindow
from cadence.ui.views.today import TodayView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def walk(qtbot, start: QWidget, stop: QWidget, limit: int = 80) -> list[QWidget]:
    """Press Tab from `start` until `stop` has the focus; the widgets reached, in order."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    reached = [QApplication.focusWidget()]
    while reached[-1] is not stop and len(reached) < limit:
        qtbot.keyClick(reached[-1], Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    return reached


def shown(widgets: list[QWidget]) -> list[QWidget]:
    settle()  # as the event loop does: a row added is shown, a row removed is deleted
    return [w for w in widgets if w.isVisible() and w.isEnabled()]


def names(widgets: list[QWidget]) -> list[str]:
    return [
        w.accessibleName() or getattr(w, "text", lambda: "")() or type(w).__name__ for w in widgets
    ]


def today(window: MainWindow, qtbot) -> TodayView:
    save_session(make_session(day=date.today(), title="Scales"))  # one of today's sessions
    view = window.show_view("today")
    view.refresh_now()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return view  # type: ignore[return-value]


def test_today_runs_top_to_bottom(main_window: MainWindow, qtbot) -> None:
    view = today(main_window, qtbot)
    setup = view.panel.setup
    setup.add_row_button.click()  # a row made later must still come in its place
    setup.add_row_button.click()
    setup._remove_row(setup.rows[1])
    settle()
    entry = view.day_entry
    expected = shown(
        [
            setup.music,  # Music and Running are one choice: the arrow keys move between them
            setup.kind,
            setup.carry.button,  # shown when the last session left a "next time" note
            setup.carry.rehearse_button,
            setup.rows[0].text,
            setup.rows[0].remove,
            setup.rows[1].text,
            setup.rows[1].remove,
            setup.add_row_button,
            setup.passage,
            setup.new_passage,
            setup.reps,
            setup.minutes,
            setup.distance,  # running only
            setup.tempo,
            setup.start_button,
            view.sessions.rows[0].open_button,
            entry.tabs.tabBar(),
            entry.text,
            entry.sleep,
            entry.resting_hr,
            entry.soreness,
            entry.stress,
            entry.mood,
            entry.save_button,
        ]
    )
    assert setup.rows[1].text in expected and setup.start_button in expected
    reached = walk(qtbot, setup.music, entry.save_button)
    assert names(reached) == names(expected)
    assert reached == expected

    setup.music.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(setup.music, Qt.Key.Key_Right)
    assert setup.running.hasFocus()
    qtbot.keyClick(setup.running, Qt.Key.Key_Space)
    assert setup.running.isChecked() and setup.kind.currentData() == "easy"


def test_the_reflection_asks_how_it_went_first(main_window: MainWindow, qtbot) -> None:
    view = today(main_window, qtbot)
    setup = view.panel.setup
    setup.rows[0].text.setText("Bars 1-8")
    setup.add_row()
    setup.rows[1].text.setText("Loose shoulders")
    assert view.panel.start()
    view.panel.stop()
    form = view.panel.reflection
    first, second = form.outcome_rows
    answers = [w for box in form.prompts for w in (box.edit, box.share)]
    expected = shown(
        [
            *first.buttons.values(),
            *second.buttons.values(),
            form.duration,
            form.done_reps,
            form.clean_reps,
            form.achieved_bpm,
            form.distance,  # running only, like pace and heart rate
            form.pace,
            form.avg_hr,
            form.rpe,
            form.focus,
            form.mood,
            form.flow,
            *answers,
            form.back_button,
            form.discard_button,
            form.save_button,
            view.sessions.rows[0].open_button,
            view.day_entry.tabs.tabBar(),
        ]
    )
    reached = walk(qtbot, expected[0], view.day_entry.tabs.tabBar())
    # a group of choices is one stop: Tab reaches the first (or the chosen) of each row
    assert names(reached) == names(
        [
            w
            for w in expected
            if w not in (*list(first.buttons.values())[1:], *list(second.buttons.values())[1:])
        ]
    )
