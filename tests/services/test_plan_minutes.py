"""Plans in minutes sized from one's own stops: the history read from the journal, by hand."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.conftest import make_session

from cadence.domain.enums import Discipline, SessionKind, StopAction, StopReason
from cadence.domain.plan_size import PlanOutcome
from cadence.domain.records import BlockData, StopPointData
from cadence.services.records import library
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.stats.plan_size import minutes_history, plan_proposal

DAY = date(2026, 3, 2)


def _run(n: int, minutes: float, planned: float, stop_at: float | None, **more) -> int:
    stops = []
    if stop_at is not None:
        stops = [StopPointData(StopReason.FATIGUE, elapsed_s=stop_at * 60, planned_s=planned * 60,
                               action=more.pop("action", StopAction.STOPPED))]  # fmt: skip
    data = make_session(
        Discipline.RUNNING,
        more.pop("kind", SessionKind.TEMPO),
        day=DAY + timedelta(days=n),
        minutes=minutes,
        planned_duration_s=planned * 60,
        stop_points=stops,
        **more,
    )
    save_session(data)
    return data.id


def test_minutes_history_of_a_kind_of_run_and_the_proposal(journal: Path) -> None:
    _run(0, 40, 40, None)  # to plan: 40 of 40
    _run(1, 31, 40, 30)  # stopped at 30:00 of 40 (a minute of cool-down after the stop)
    _run(2, 34.4, 40, 34.4)  # 34 of 40
    _run(3, 40, 40, 20, action=StopAction.PUSHED_ON)  # pushed on: not where it ended
    _run(4, 27.6, 40, None)  # ended early without a stop-point: 28 of 40
    _run(5, 20, 30, 15, kind=SessionKind.EASY)  # another kind: not in the history
    gone = _run(6, 10, 40, 10)
    trash_sessions([gone])  # the trash counts nowhere
    history = minutes_history(Discipline.RUNNING, kind=SessionKind.TEMPO)
    assert history == [
        PlanOutcome(40, 28),
        PlanOutcome(40, 40),
        PlanOutcome(40, 34),
        PlanOutcome(40, 30),
        PlanOutcome(40, 40),
    ]
    # stopped early 3 of 5; shares .7, 1, .85, .75, 1 -> median .85; of 40: 34
    p = plan_proposal(Discipline.RUNNING, None, kind=SessionKind.TEMPO, planned_minutes=40)
    assert p is not None and (p.size, p.unit, p.stops) == (34, "minutes", 3)
    assert p.text == (
        "Of the last 5 times, you stopped early 3 times, at about 85 % of the plan: "
        "plan 34 minutes, and stop while it is still good."
    )
    # a plan already no bigger than the median where it ended (34) fits
    assert (
        plan_proposal(Discipline.RUNNING, None, kind=SessionKind.TEMPO, planned_minutes=34) is None
    )
    # a plan of reps is sized in reps: this kind has none
    assert plan_proposal(Discipline.RUNNING, 8, kind=SessionKind.TEMPO, planned_minutes=40) is None


def test_minutes_history_of_a_passage_is_its_sessions(journal: Path) -> None:
    piece, _ = library.add_piece("Etude", "Chopin")
    mine, _ = library.add_passage(piece, "bars 1-8", "1-8", 60, 120)
    other, _ = library.add_passage(piece, "bars 9-16", "9-16", 60, 120)
    for n, (passage, stop_at) in enumerate(((mine, 20), (other, 10), (mine, None))):
        save_session(
            make_session(
                day=DAY + timedelta(days=n),
                minutes=stop_at or 30,
                planned_duration_s=30 * 60,
                blocks=[BlockData("a", passage_id=passage)],
                stop_points=[StopPointData(StopReason.FORM, elapsed_s=stop_at * 60)]
                if stop_at
                else [],
            )
        )
    assert minutes_history(Discipline.MUSIC, passage_id=mine) == [
        PlanOutcome(30, 30),
        PlanOutcome(30, 20),
    ]
    assert minutes_history(Discipline.MUSIC, passage_id=other) == [PlanOutcome(30, 10)]
    assert minutes_history(Discipline.MUSIC) == []
