"""The Qt-free half of Today: the practice's counts and plan, the stopwatch, and turning a practice
into one saved session (on a real journal file). No QApplication here."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from tests.conftest import make_session

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    Outcome,
    ReflectionPrompt,
    SessionKind,
    SessionStatus,
    Source,
    StopAction,
    StopReason,
)
from cadence.domain.records import BlockData, IntentionData, ReflectionData
from cadence.domain.units import pace_text, parse_pace
from cadence.services.records import journal as journal_service
from cadence.services.records import library
from cadence.services.today import (
    Plan,
    Practice,
    Reflection,
    build_session,
    inbox,
    journal_is_empty,
    passage_choices,
    plan_from_session,
    planned_sessions,
    return_to_inbox,
    sessions_on,
)
from cadence.ui.today.timer import Stopwatch

DAY = date(2026, 3, 2)


def music(reps: int | None = 8, minutes: float | None = None, **plan) -> Practice:
    return Practice(
        Discipline.MUSIC,
        SessionKind.PRACTICE,
        [IntentionData("Bars 33-48 at 96")],
        Plan(reps=reps, planned_s=minutes * 60 if minutes else None, **plan),
        started_at=datetime(2026, 3, 2, 7, 0),
        local_date=DAY,
    )


def test_counts_clean_attempts_and_take_back() -> None:
    p = music()
    p.count("clean")
    p.count("attempt")
    p.count("rep")
    assert (p.reps, p.clean, p.attempts, p.classified) == (3, 1, 1, True)
    assert p.take_back() and (p.reps, p.clean, p.attempts) == (2, 1, 1)
    assert p.take_back() and p.take_back() and not p.take_back()
    assert (p.reps, p.clean, p.attempts, p.classified) == (0, 0, 0, False)
    with pytest.raises(ValueError, match="Cannot count"):
        p.count("half")


def test_early_and_past_the_plan() -> None:
    p = music(reps=3)
    assert p.is_early(9999)  # reps decide when reps are planned
    for _ in range(3):
        p.count()
    assert not p.is_early(10) and p.reached_plan(10) and not p.past_plan(10)
    p.count()
    assert p.past_plan(10)
    timed = music(reps=None, minutes=20)
    assert timed.is_early(19 * 60)
    assert not timed.is_early(20 * 60 - 10)  # within half a minute of the plan counts as done
    assert timed.past_plan(21 * 60) and not timed.past_plan(20 * 60 + 10)
    free = music(reps=None)
    assert not free.is_early(5) and not free.past_plan(99999) and not free.reached_plan(5)


def test_stop_point_keeps_the_plan_in_force() -> None:
    p = music(reps=8, minutes=20)
    p.count()
    p.count()
    stop = p.stop_point(StopReason.PAIN, 600.04, body_area=BodyArea.WRISTS, severity=3, note=" x ")
    assert (stop.elapsed_s, stop.rep_index, stop.planned_reps, stop.planned_s) == (
        600.0,
        2,
        8,
        1200,
    )
    assert (stop.block_position, stop.note, stop.action) == (0, "x", StopAction.STOPPED)


def test_practice_round_trips_through_a_draft() -> None:
    p = music(reps=8, target_bpm=96, blocks=[BlockData(label="Interval", planned_reps=1)])
    p.count("clean")
    p.stop_point(StopReason.MIND, 30, action=StopAction.PUSHED_ON)
    back = Practice.from_dict(p.to_dict())
    assert back == p


def test_stopwatch_pauses_and_resumes() -> None:
    now = [100.0]
    watch = Stopwatch(clock=lambda: now[0])
    watch.start()
    now[0] += 30
    watch.pause()
    now[0] += 1000  # paused: does not count
    watch.toggle()
    now[0] += 15
    assert watch.running and watch.elapsed() == 45
    assert watch.snapshot() == {"elapsed_s": 45.0, "running": True}
    watch.reset(12.5)
    assert not watch.running and watch.elapsed() == 12.5


def test_pace_in_km_and_miles() -> None:
    assert parse_pace("4:45") == 285
    assert parse_pace("") is None
    assert round(parse_pace("8:00", "mi"), 1) == 298.3
    assert pace_text(298.26, "mi") == "8:00" and pace_text(285) == "4:45" and pace_text(None) == ""
    for bad in ("4", "4:75", "abc", "4:4:4"):
        with pytest.raises(ValueError, match="minutes:seconds per km"):
            parse_pace(bad)


def test_build_session_saves_one_whole_session(journal) -> None:
    piece, _ = library.add_piece("Nocturne op. 9/2", "Chopin")
    passage, _ = library.add_passage(piece, "bars 33-48", "33-48", 72, 96)
    assert passage_choices() == [(passage, "Nocturne op. 9/2 — bars 33-48", 96)]
    p = music(reps=8, minutes=20, target_bpm=96, passage_id=passage, label="Nocturne — bars 33-48")
    for what in ("clean", "clean", "attempt"):
        p.count(what)
    p.stop_point(StopReason.FORM, 700, severity=2)
    reflection = Reflection(
        duration_s=700,
        done_reps=3,
        clean_reps=2,
        achieved_bpm=92,
        rpe=6,
        focus=4,
        mood=3,
        flow=2,
        outcomes=[Outcome.PARTLY],
        answers=[
            ReflectionData(ReflectionPrompt.WENT_WELL, "legato", True),
            ReflectionData(ReflectionPrompt.LET_GO, "  "),
        ],
    )
    data = build_session(p, reflection)
    journal_service.save_session(data)
    saved = journal_service.load_session(data.id)
    block = saved.blocks[0]
    assert (block.planned_reps, block.done_reps, block.clean_reps) == (8, 3, 2)
    assert (block.target_bpm, block.achieved_bpm, block.passage_id) == (96, 92, passage)
    assert (saved.duration_s, saved.planned_duration_s, saved.rpe, saved.flow) == (700, 1200, 6, 2)
    assert saved.intentions == [IntentionData("Bars 33-48 at 96", None, Outcome.PARTLY)]
    assert [(r.prompt, r.share_in_reports) for r in saved.reflections] == [
        (ReflectionPrompt.WENT_WELL, True)
    ]
    stop = saved.stop_points[0]
    assert (stop.reason, stop.rep_index, stop.planned_reps, stop.block_position) == (
        StopReason.FORM,
        3,
        8,
        0,
    )
    lines = sessions_on(DAY)
    assert [(x.id, x.done_reps, x.clean_reps, x.intention) for x in lines] == [
        (data.id, 3, 2, "Bars 33-48 at 96")
    ]


def test_a_planned_workout_becomes_the_session_run(journal) -> None:
    steps = ["Warm-up", "Interval", "Rest", "Interval", "Rest", "Interval", "Cool-down"]
    plan_data = make_session(
        Discipline.RUNNING,
        SessionKind.INTERVALS,
        minutes=0,
        status=SessionStatus.PLANNED,
        title="3 × 800 m",
        source=Source.FIT,
        source_ref="workout:1",
        blocks=[
            BlockData(
                label=s,
                planned_duration_s=180,
                target_pace_s_per_km=225 if s == "Interval" else None,
            )
            for s in steps
        ],
    )
    journal_service.save_session(plan_data)
    assert [p.title for p in planned_sessions()] == ["3 × 800 m"]
    plan = plan_from_session(plan_data.id)
    assert (plan.reps, plan.planned_s, plan.target_pace_s_per_km) == (3, 7 * 180, 225)
    p = Practice(Discipline.RUNNING, SessionKind.INTERVALS, [IntentionData("Even splits")], plan)
    p.started_at, p.local_date = datetime(2026, 3, 2, 7), DAY
    p.count()
    p.count()
    p.stop_point(StopReason.PAIN, 900, body_area=BodyArea.CALVES)
    data = build_session(p, Reflection(duration_s=900, distance_m=4000))
    journal_service.save_session(data)
    saved = journal_service.load_session(plan_data.id)
    assert data.id == plan_data.id and saved.status == SessionStatus.DONE
    assert saved.source_ref == "workout:1"  # a re-import of the workout adds nothing
    assert [b.done_reps for b in saved.blocks] == [None, 1, None, 1, None, 0, None]
    assert saved.blocks[1].achieved_pace_s_per_km == 225.0  # 900 s over 4 km
    assert saved.stop_points[0].block_position == 5  # the third interval, not done
    assert planned_sessions() == []


def test_inbox_and_empty_journal(journal) -> None:
    assert journal_is_empty()
    for n in range(7):
        journal_service.save_session(
            make_session(
                Discipline.RUNNING,
                day=date(2026, 3, 1 + n),
                needs_review=True,
                source=Source.GPX,
                source_ref=f"run@{n}",
                distance_m=5000,
            )
        )
    assert not journal_is_empty()
    lines, total = inbox(5)
    assert total == 7 and len(lines) == 5 and lines[0].local_date == date(2026, 3, 7)
    journal_service.mark_reviewed(lines[0].id)
    assert inbox(5)[1] == 6
    return_to_inbox([lines[0].id])
    assert inbox(5)[1] == 7
