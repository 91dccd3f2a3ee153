"""A plan in minutes sized from one's own stops, through the real main window: a tempo run that
has stopped short of its 40 minutes gets a proposal on Today, taken in one click."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import make_session
from tests.ui.test_day_scenarios import click, press, settle, today, type_here
from tests.ui.test_today import type_number

from cadence.domain.enums import Discipline, SessionKind, StopAction, StopReason
from cadence.domain.records import StopPointData
from cadence.services.journal import save_session
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import PRACTICE


def test_a_timed_run_gets_a_plan_in_minutes_that_fits(main_window: MainWindow, qtbot) -> None:
    for n in range(4):
        save_session(
            make_session(
                Discipline.RUNNING,
                SessionKind.TEMPO,
                day=date.today() - timedelta(days=8 - 2 * n),
                minutes=32,
                planned_duration_s=40 * 60,
                stop_points=[
                    StopPointData(
                        StopReason.FORM,
                        elapsed_s=32 * 60,
                        planned_s=40 * 60,
                        action=StopAction.STOPPED,
                    )
                ],
            )
        )
    view = today(main_window, qtbot)
    view.reload()
    setup = view.panel.setup
    hint = setup.plan_size
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Tempo, relaxed shoulders")
    click(setup.running)
    setup.kind.setCurrentIndex(setup.kind.findData(str(SessionKind.TEMPO)))
    settle()
    assert not hint.isVisible()  # no plan yet
    type_number(qtbot, setup.minutes, "40")
    assert hint.isVisible()
    assert hint.text.text() == (
        "The last 4 times you stopped after 32 of 40 minutes: plan 32 minutes, "
        "and stop while it is still good."
    )
    assert hint.accept_button.text() == "Plan 32 min"
    click(hint.accept_button)
    assert setup.minutes.value() == 32 and not hint.isVisible()
    assert setup.reps.value() == 0
    press(qtbot, main_window, "timer")
    assert view.panel.step == PRACTICE
    assert view.panel.practice.plan.planned_s == 32 * 60
