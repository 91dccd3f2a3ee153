"""The calendar's marks, a day's sessions, ISO weeks, and day entries in the trash, on a real journal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    ReflectionPrompt,
    SessionStatus,
    StopAction,
    StopReason,
)
from cadence.domain.records import (
    BlockData,
    DayEntryData,
    IntentionData,
    ReflectionData,
    SlipData,
    StopPointData,
)
from cadence.services.browse import calendar
from cadence.services.records import days
from cadence.services.records.days import (
    get_day_entry,
    save_day_entry,
    trash_day_entry,
    trashed_day_entries,
)
from cadence.services.records.journal import load_session, save_session, trash_sessions
from cadence.store.models import DayEntry, database


def test_marks_add_minutes_per_discipline_and_day_entries(journal: Path) -> None:
    day = date(2026, 3, 2)
    save_session(make_session(Discipline.MUSIC, day=day, minutes=30))
    save_session(make_session(Discipline.MUSIC, day=day, minutes=15))
    save_session(make_session(Discipline.RUNNING, day=day, minutes=42, distance_m=8000))
    save_session(make_session(Discipline.RUNNING, day=date(2026, 3, 4), minutes=20))
    save_day_entry(DayEntryData(day=date(2026, 3, 3), text="Rest day"))
    save_day_entry(DayEntryData(day=day, text="Good sleep"))

    marks = calendar.day_marks(date(2026, 3, 1), date(2026, 3, 31))

    assert marks[day] == calendar.DayMarks(45.0, 42.0, True, 0)
    assert marks[date(2026, 3, 3)] == calendar.DayMarks(0.0, 0.0, True, 0)
    assert marks[date(2026, 3, 4)] == calendar.DayMarks(0.0, 20.0, False, 0)
    assert set(marks) == {day, date(2026, 3, 3), date(2026, 3, 4)}


def test_marks_leave_out_trashed_and_count_planned_apart(journal: Path) -> None:
    day = date(2026, 3, 10)
    gone = make_session(day=day, minutes=60)
    save_session(gone)
    trash_sessions([gone.id])
    save_session(make_session(day=day, minutes=25, status=SessionStatus.PLANNED))
    save_day_entry(DayEntryData(day=day, text="x"))
    trash_day_entry(day)

    assert calendar.day_marks(day, day) == {day: calendar.DayMarks(0.0, 0.0, False, 1)}


def test_month_marks_cover_the_neighbouring_weeks_only(journal: Path) -> None:
    for day in (date(2026, 1, 10), date(2026, 2, 20), date(2026, 3, 10), date(2026, 4, 20)):
        save_session(make_session(day=day))
    marks = calendar.month_marks(2026, 2)
    assert sorted(marks) == [date(2026, 2, 20), date(2026, 3, 10)]
    december = calendar.month_marks(2025, 12)  # the year turns inside the page
    assert sorted(december) == [date(2026, 1, 10)]


@pytest.mark.sqlite_only  # counts SQLite statements
def test_marks_are_one_query_for_a_month_with_many_sessions(journal: Path) -> None:
    start = date(2026, 5, 1)
    for i in range(60):
        save_session(make_session(day=start + timedelta(days=i % 31), minutes=10))
    queries: list[str] = []
    conn = database.connection()
    conn.set_trace_callback(queries.append)
    try:
        marks = calendar.month_marks(2026, 5)
    finally:
        conn.set_trace_callback(None)
    assert len([q for q in queries if q.lstrip().upper().startswith("SELECT")]) == 1
    assert sum(m.music_minutes for m in marks.values()) == pytest.approx(600)


def test_reversed_range_is_refused_with_what_to_do(journal: Path) -> None:
    with pytest.raises(ValueError, match="swap the two dates"):
        calendar.day_marks(date(2026, 3, 2), date(2026, 3, 1))


def test_sessions_on_a_day_come_whole_and_in_start_order(journal: Path) -> None:
    day = date(2026, 3, 2)
    late = make_session(day=day, intentions=[IntentionData("Bars 33-48 at 96")])
    late.started_at = datetime(2026, 3, 2, 18, 0)
    early = make_session(Discipline.RUNNING, day=day)
    early.started_at = datetime(2026, 3, 2, 6, 30)
    other_day = make_session(day=date(2026, 3, 3))
    for s in (late, early, other_day):
        save_session(s)

    sessions = calendar.sessions_on(day)

    assert [s.id for s in sessions] == [early.id, late.id]
    assert sessions[1].intentions[0].text == "Bars 33-48 at 96"
    trash_sessions([early.id])
    assert calendar.session_ids_on(day) == [late.id]


def _busy_day(day: date, count: int) -> list[int]:
    """`count` sessions on `day`, each with blocks, intentions, stop-points, slips, reflections
    and tags, saved in an order other than their start order."""
    ids = []
    for i in reversed(range(count)):
        session = make_session(
            Discipline.MUSIC if i % 3 else Discipline.RUNNING,
            day=day,
            minutes=10 + i,
            blocks=[BlockData(f"warm-up {i}", duration_s=300), BlockData(f"bars {i}", done_reps=i)],
            intentions=[IntentionData(f"intention {i}")],
            stop_points=[
                StopPointData(
                    StopReason.FORM,
                    elapsed_s=60.0 * i,
                    body_area=BodyArea.SHOULDERS,
                    action=StopAction.PUSHED_ON if i % 2 else StopAction.STOPPED,
                    note=f"stop {i}",
                    block_position=i % 2,
                )
            ],
            slips=[SlipData(elapsed_s=30.0 + i, note=f"slip {i}", block_position=1)],
            reflections=[ReflectionData(ReflectionPrompt.WENT_WELL, f"went well {i}", i % 2 == 0)],
            tags=[f"tag{i % 4}", "day"],
        )
        session.started_at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=20 * i)
        save_session(session)
        ids.append(session.id)
    return ids


def test_sessions_on_a_busy_day_equal_each_loaded_alone(journal: Path) -> None:
    day = date(2026, 3, 2)
    ids = _busy_day(day, 12)
    save_session(make_session(day=day + timedelta(days=1)))
    trashed = _busy_day(day, 1)
    trash_sessions(trashed)

    sessions = calendar.sessions_on(day)

    assert [s.id for s in sessions] == list(reversed(ids))  # start order, the trashed left out
    assert sessions == [load_session(i) for i in reversed(ids)]
    assert calendar.sessions_on(day - timedelta(days=1)) == []


def _selects_of(fetch) -> int:
    """How many statements `fetch()` sends to the journal, on either engine."""
    db = database.obj
    sent: list[str] = []
    execute_sql = db.execute_sql

    def counted(sql, *args, **kwargs):
        sent.append(sql)
        return execute_sql(sql, *args, **kwargs)

    db.execute_sql = counted
    try:
        fetch()
    finally:
        del db.execute_sql
    return len(sent)


def test_a_days_sessions_load_in_a_fixed_number_of_queries(journal: Path) -> None:
    quiet, busy = date(2026, 3, 2), date(2026, 3, 3)
    _busy_day(quiet, 2)
    _busy_day(busy, 30)

    few = _selects_of(lambda: calendar.sessions_on(quiet))
    many = _selects_of(lambda: calendar.sessions_on(busy))

    assert few == many <= 10  # the sessions, then each child table once


@pytest.mark.parametrize("week_start", range(7))
def test_first_day_of_week_round_trips_iso_weeks(week_start: int) -> None:
    day = date(2026, 1, 1)
    for _ in range(60):
        start = day - timedelta(days=(day.weekday() - week_start) % 7)
        year, week, _weekday = start.isocalendar()
        assert calendar.first_day_of_week(year, week, week_start) == start
        day += timedelta(days=5)


def test_first_day_of_week_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        calendar.first_day_of_week(2026, 54)
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        calendar.first_day_of_week(2026, 10, 7)


def test_trashed_day_entry_can_be_found_again_and_purged(journal: Path) -> None:
    day = date(2026, 3, 5)
    save_day_entry(DayEntryData(day=day, text="first"))
    trash_day_entry(day)
    save_day_entry(DayEntryData(day=day, text="second"))
    trash_day_entry(day)
    newest = calendar.latest_trashed_entry_id(day)
    assert DayEntry.get_by_id(newest).text == "second"
    assert calendar.latest_trashed_entry_id(date(2026, 3, 6)) is None

    save_day_entry(DayEntryData(day=day, text="live"))
    live_id = DayEntry.get(DayEntry.deleted_at.is_null()).id
    changes = days.purge_day_entries([newest, live_id])

    assert changes.trash and changes.day_entries
    assert [e.text for e in trashed_day_entries()] == ["first"]
    assert get_day_entry(day).text == "live"  # a live entry is never purged
