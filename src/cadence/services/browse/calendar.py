"""What the Journal's calendar shows: per-day marks for a visible month (one aggregate query),
the sessions of one day, and the day entries' side of the trash."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from cadence.domain.enums import Discipline, SessionStatus
from cadence.domain.records import SessionData
from cadence.services.records.journal import load_sessions
from cadence.store.models import DayEntry, Session, database


class DayMarks(NamedTuple):
    """What one calendar day holds: done minutes per discipline, a day entry, planned sessions."""

    music_minutes: float
    running_minutes: float
    has_day_entry: bool
    planned: int = 0


_MARKS_SQL = """
SELECT d, SUM(music_s), SUM(running_s), MAX(entry), SUM(planned)
FROM (
    SELECT local_date AS d,
           CASE WHEN discipline = ? AND status = ? THEN duration_s ELSE 0 END AS music_s,
           CASE WHEN discipline = ? AND status = ? THEN duration_s ELSE 0 END AS running_s,
           0 AS entry,
           CASE WHEN status = ? THEN 1 ELSE 0 END AS planned
    FROM session
    WHERE deleted_at IS NULL AND local_date BETWEEN ? AND ?
    UNION ALL
    SELECT day, 0, 0, 1, 0 FROM day_entry WHERE deleted_at IS NULL AND day BETWEEN ? AND ?
) AS marks
GROUP BY d
"""


def day_marks(start: date, end: date) -> dict[date, DayMarks]:
    """Marks for every day in [start, end] that holds something, in one aggregate query."""
    if end < start:
        raise ValueError(
            f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            "swap the two dates"
        )
    done, planned = SessionStatus.DONE.value, SessionStatus.PLANNED.value
    span = (start.isoformat(), end.isoformat())
    params = [Discipline.MUSIC.value, done, Discipline.RUNNING.value, done, planned, *span, *span]
    rows = database.execute_sql(_MARKS_SQL, params).fetchall()
    return {
        date.fromisoformat(str(d)[:10]): DayMarks(
            (music or 0) / 60, (running or 0) / 60, bool(entry), int(planned_count or 0)
        )
        for d, music, running, entry, planned_count in rows
    }


def month_marks(year: int, month: int, margin_days: int = 14) -> dict[date, DayMarks]:
    """Marks for a month as a calendar shows it, with the neighbouring weeks on the same page."""
    first = date(year, month, 1)
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return day_marks(first - timedelta(days=margin_days), next_month + timedelta(days=margin_days))


def _live_on(day: date, *columns: Any) -> Any:
    """The live sessions (done or planned) of one local date, in the order they started."""
    return (
        Session.select(*columns)
        .where((Session.local_date == day) & Session.deleted_at.is_null())
        .order_by(Session.started_at, Session.id)
    )


def session_ids_on(day: date) -> list[int]:
    """The ids of the live sessions (done or planned) of one local date, in the order they started."""
    return [row.id for row in _live_on(day, Session.id)]


def sessions_on(day: date) -> list[SessionData]:
    """The whole sessions of one day, in start order, in a fixed number of queries (the sessions,
    then each child table once) however many the day holds."""
    return load_sessions(_live_on(day))


def first_day_of_week(year: int, week: int, week_start: int = 0) -> date:
    """The first day of the user's week (week_start: 0 = Monday .. 6 = Sunday) that falls in ISO
    week `week` of `year`, so `first_day_of_week(*start.isocalendar()[:2], ws)` gives `start` back
    for any week's first day. Raises ValueError for a week that does not exist."""
    if not 0 <= week_start <= 6:
        raise ValueError(
            f"the week starts on a day from 0 (Monday) to 6 (Sunday), not {week_start}"
        )
    return date.fromisocalendar(year, week, 1) + timedelta(days=week_start)


# --- day entries in the trash --------------------------------------------------------------------


def latest_trashed_entry_id(day: date) -> int | None:
    """The entry of `day` trashed last (to undo a 'move to trash')."""
    row = (
        DayEntry.select(DayEntry.id)
        .where((DayEntry.day == day) & DayEntry.deleted_at.is_null(False))
        .order_by(DayEntry.deleted_at.desc(), DayEntry.id.desc())
        .first()
    )
    return row.id if row else None


def journal_is_empty() -> bool:
    """No session and no day entry, live or trashed: the place to offer a demo journal."""
    return not Session.select().exists() and not DayEntry.select().exists()
