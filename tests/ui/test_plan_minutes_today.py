"""Plans sized from one's own stops, through the real main window: a tempo run that has stopped
short of its 40 minutes gets a proposal in minutes, taken in one click; a proposal taken from
plans of mixed sizes sets off no smaller one."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import make_session
from tests.ui.test_day_scenarios import click, press, settle, today, type_here
from tests.ui.test_today import type_number

from cadence.domain.enums import Discipline, SessionKind, StopAction, StopReason
from cadence.domain.records import BlockData, StopPointData
from cadence.services.records import library
from cadence.services.records.journal import save_session
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


def test_taking_a_proposal_from_plans_of_mixed_sizes_sets_off_no_smaller_one(
    main_window: MainWindow, qtbot
) -> None:
    piece, _ = library.add_piece("Sonata in C", "Mozart")
    passage_id, _ = library.add_passage(piece, "Alberti opening", "1-12", 60, 132)
    # plans of 5 to 8, stopped a rep short four times: shares .8 .83 .86 .88 1 -> median .857
    for n, (plan, reached) in enumerate(((5, 4), (6, 5), (7, 6), (8, 7), (8, 8))):
        day = date.today() - timedelta(days=10 - n)
        save_session(
            make_session(
                day=day,
                blocks=[
                    BlockData("a", planned_reps=plan, done_reps=reached, passage_id=passage_id)
                ],
                stop_points=[
                    StopPointData(
                        StopReason.FORM, rep_index=reached, planned_reps=plan, block_position=0
                    )
                ]
                if reached < plan
                else [],
            )
        )
    view = today(main_window, qtbot)
    view.reload()
    setup = view.panel.setup
    hint = setup.plan_size
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Alberti bass even")
    setup.passage.setCurrentIndex(setup.passage.findData(passage_id))
    type_number(qtbot, setup.reps, "12")
    assert hint.accept_button.text() == "Plan 10"  # 0.857 x 12 = 10.3
    click(hint.accept_button)
    settle()
    assert setup.reps.value() == 10
    assert not hint.isVisible()  # not "Plan 8" next: the plan taken stands
    # a plan typed afresh is sized again by the same rule
    type_number(qtbot, setup.reps, "11")
    assert hint.isVisible() and hint.accept_button.text() == "Plan 9"
