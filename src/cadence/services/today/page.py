"""The small queries the Today page shows: today's sessions, plans waiting, the review inbox, the
repertoire picker, and which journal is open. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from peewee import JOIN, SQL, fn

from cadence.domain.enums import Discipline, SessionKind, SessionStatus, Source
from cadence.domain.titles import run_title
from cadence.services.changes import Changes
from cadence.services.records.library import repertoire_passages
from cadence.store.db import current_path
from cadence.store.models import (
    NOT_DONE_SQL,
    SESSION_IN_INBOX,
    Block,
    DayEntry,
    Intention,
    Session,
    database,
)
from cadence.store.queries import counted_session

# --- what the page shows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionLine:
    """One of today's sessions, as the page lists it."""

    id: int
    discipline: Discipline
    kind: SessionKind
    title: str
    started_at: datetime
    duration_s: float
    distance_m: float | None
    done_reps: int | None
    clean_reps: int | None
    intention: str


def sessions_on(day: date) -> list[SessionLine]:
    """The done, live sessions of a day, oldest first (a day holds a handful; one query each)."""
    rows = list(
        Session.select()
        .where((Session.local_date == day) & counted_session())
        .order_by(Session.started_at)
    )
    ids = [r.id for r in rows]
    reps = {
        r.session_id: (r.done, r.clean)
        for r in Block.select(
            Block.session,
            fn.SUM(Block.done_reps).alias("done"),
            fn.SUM(Block.clean_reps).alias("clean"),
        )
        .where(Block.session.in_(ids))
        .group_by(Block.session)
    }
    first = {}
    for i in Intention.select().where(Intention.session.in_(ids)).order_by(Intention.position):
        first.setdefault(i.session_id, i.text)
    return [
        SessionLine(
            id=r.id,
            discipline=r.discipline,
            kind=r.kind,
            title=r.title,
            started_at=r.started_at,
            duration_s=r.duration_s,
            distance_m=r.distance_m,
            done_reps=reps.get(r.id, (None, None))[0],
            clean_reps=reps.get(r.id, (None, None))[1],
            intention=first.get(r.id, ""),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class PlannedLine:
    id: int
    title: str
    local_date: date
    blocks: int
    planned_s: float | None


def planned_sessions(limit: int = 20) -> list[PlannedLine]:
    """Running plans waiting to be run (e.g. imported FIT workouts), newest first."""
    count = fn.COUNT(Block.id)
    # among the sessions not done, down their partial index (its condition in its own words):
    # a few rows, where the discipline's index would walk every run
    not_done = Session.alias()
    not_done_ids = not_done.select(not_done.id).where(SQL(NOT_DONE_SQL))
    query = (
        Session.select(Session, count.alias("n"))
        .join(Block, join_type=JOIN.LEFT_OUTER, on=(Block.session == Session.id))
        .where(
            Session.id.in_(not_done_ids)
            & (Session.status == str(SessionStatus.PLANNED))
            & Session.deleted_at.is_null()
            & (Session.discipline == str(Discipline.RUNNING))
        )
        .group_by(Session.id)
        .order_by(Session.local_date.desc(), Session.id.desc())
        .limit(limit)
    )
    return [
        PlannedLine(r.id, r.title or "Planned run", r.local_date, r.n, r.planned_duration_s)
        for r in query
    ]


@dataclass(frozen=True)
class InboxLine:
    id: int
    discipline: Discipline
    title: str
    local_date: date
    duration_s: float
    distance_m: float | None


def _readable(title: str, discipline: Discipline, started_utc: datetime) -> str:
    """A run imported under its own timestamp (before imports named them) reads 'Morning run'."""
    if discipline != Discipline.RUNNING:
        return title
    return run_title(title, started_utc.replace(tzinfo=UTC).astimezone())


def inbox(limit: int = 5) -> tuple[list[InboxLine], int]:
    """The newest imported sessions waiting for an intention and a reflection, and how many wait."""
    where = SESSION_IN_INBOX
    total = Session.select().where(where).count()
    rows = Session.select().where(where).order_by(Session.started_at.desc()).limit(limit)
    return [
        InboxLine(
            r.id,
            r.discipline,
            _readable(r.title, r.discipline, r.started_at),
            r.local_date,
            r.duration_s,
            r.distance_m,
        )
        for r in rows
    ], total


def return_to_inbox(session_ids: list[int]) -> Changes:
    """Undo of 'Dismiss': the sessions wait in the inbox again."""
    with database.atomic():
        Session.update(needs_review=True).where(Session.id.in_(session_ids)).execute()
    return Changes(sessions=True, session_ids=frozenset(session_ids))


def journal_is_empty() -> bool:
    """No session and no day entry at all (trashed ones count: that journal is in use)."""
    return not Session.select().exists() and not DayEntry.select().exists()


def passage_choices() -> list[tuple[int, str, float | None]]:
    """(passage id, 'Piece — passage (bars)', target BPM) for the repertoire picker."""
    choices = []
    for p in repertoire_passages():
        bars = f" (bars {p.bars})" if p.bars and "bar" not in p.label.lower() else ""
        choices.append((p.passage_id, f"{p.piece} — {p.label}{bars}", p.target_bpm))
    return choices


def journal_is_open() -> bool:
    """False once the journal was closed (quitting): nothing may be written then."""
    return database.obj is not None and not database.is_closed()


def journal_identity() -> str:
    """Which journal is open, so the page notices when another one was opened."""
    path = current_path()
    return str(path) if path else ""


def is_demo_journal() -> bool:
    """The open journal holds the made-up sessions of `cadence demo` (found through the
    (source, source_ref) index), so the window can say it is not the person's own."""
    return Session.select().where(Session.source == Source.DEMO).exists()
