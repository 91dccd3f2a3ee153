"""How each focus target is going, in the measure it is seen by, where Cadence can say it in a
few words: intentions serving it met (rated in each reflection) and the user's own weekly
rating. The other measures are read on the charts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from peewee import fn

from cadence.domain.enums import Outcome, SessionStatus
from cadence.domain.measures import intention_rate, week_start_of
from cadence.domain.seasons import FocusData
from cadence.services.seasons import focus_data
from cadence.store.models import (
    Cycle,
    Focus,
    Intention,
    Session,
    SessionFocusRating,
    WeeklyReview,
)


@dataclass(frozen=True)
class FocusProgress:
    intentions: int = 0  # intentions that served it, in done sessions not in the trash
    met: float | None = None  # (achieved + ½ partly) ÷ rated
    last_rating: int | None = None  # in the latest weekly review that rated it
    ratings: int = 0


def focus_progress(focus_ids: list[int]) -> dict[int, FocusProgress]:
    if not focus_ids:
        return {}
    counts: dict[int, dict[str, int]] = {i: {} for i in focus_ids}
    rows = (
        Intention.select(Intention.focus, Intention.outcome, fn.COUNT(Intention.id))
        .join(Session)
        .where(
            Intention.focus.in_(focus_ids)
            & Session.deleted_at.is_null()
            & (Session.status == str(SessionStatus.DONE))
        )
        .group_by(Intention.focus, Intention.outcome)
        .tuples()
    )
    for focus_id, outcome, n in rows:
        counts[focus_id][outcome] = n
    ratings: dict[int, list[int]] = {i: [] for i in focus_ids}
    for (text,) in (
        WeeklyReview.select(WeeklyReview.ratings)
        .where(WeeklyReview.deleted_at.is_null())
        .order_by(WeeklyReview.week_start.desc())
        .tuples()
    ):
        try:
            rated = json.loads(text or "[]")
        except ValueError:
            continue
        for r in rated if isinstance(rated, list) else []:
            if isinstance(r, dict) and r.get("focus_id") in ratings and r.get("rating"):
                ratings[r["focus_id"]].append(int(r["rating"]))
    out = {}
    for focus_id in focus_ids:
        c = counts[focus_id]
        achieved, partly = c.get(Outcome.ACHIEVED, 0), c.get(Outcome.PARTLY, 0)
        rated = achieved + partly + c.get(Outcome.MISSED, 0)
        out[focus_id] = FocusProgress(
            intentions=sum(c.values()),
            met=intention_rate(achieved, partly, rated),
            last_rating=ratings[focus_id][0] if ratings[focus_id] else None,
            ratings=len(ratings[focus_id]),
        )
    return out


# --- one focus target through its cycle ----------------------------------------------------------


@dataclass(frozen=True)
class FocusSession:
    """A done session that worked on a focus target: an intention served it, or its reflection
    rated it."""

    session_id: int
    day: date
    discipline: str
    title: str
    intentions: tuple[tuple[str, str], ...]  # (text, outcome) of those serving it
    rating: int | None  # the target's 1-5 rating in the reflection
    focus: int | None  # the session's own focus rating, 1-5


@dataclass(frozen=True)
class FocusTimeline:
    focus: FocusData
    start: date | None  # the cycle's span, if it has one
    end: date | None
    sessions: list[FocusSession]
    weekly: list[tuple[date, int]]  # (week start, rating) from the weekly reviews

    def met_by_week(self, week_start: int = 0) -> list[tuple[date, float, int]]:
        """(week start, intentions met (achieved + ½ partly) ÷ rated, rated) for each week with
        a rated intention serving the target."""
        weeks: dict[date, dict[str, int]] = {}
        for s in self.sessions:
            counts = weeks.setdefault(week_start_of(s.day, week_start), {})
            for _, outcome in s.intentions:
                counts[outcome] = counts.get(outcome, 0) + 1
        out = []
        for week, c in sorted(weeks.items()):
            achieved, partly = c.get(Outcome.ACHIEVED, 0), c.get(Outcome.PARTLY, 0)
            rated = achieved + partly + c.get(Outcome.MISSED, 0)
            rate = intention_rate(achieved, partly, rated)
            if rate is not None:
                out.append((week, rate, rated))
        return out


def focus_timeline(focus_id: int) -> FocusTimeline:
    """Everything that shows how one focus target went: the sessions that worked on it (in
    order, done and not in the trash), their ratings of it, and the weekly reviews' ratings."""
    row = Focus.get_by_id(focus_id)
    cycle = Cycle.get_or_none(Cycle.id == row.cycle_id) if row.cycle_id else None
    live = Session.deleted_at.is_null() & (Session.status == str(SessionStatus.DONE))
    served: dict[int, list[tuple[str, str]]] = {}
    query = (
        Intention.select(Intention.session, Intention.text, Intention.outcome)
        .join(Session)
        .where((Intention.focus == focus_id) & live)
        .order_by(Intention.session, Intention.position)
        .tuples()
    )
    for session_id, text, outcome in query:
        served.setdefault(session_id, []).append((text, outcome))
    ratings = dict(
        SessionFocusRating.select(SessionFocusRating.session, SessionFocusRating.rating)
        .join(Session)
        .where((SessionFocusRating.focus == focus_id) & live)
        .tuples()
    )
    ids = set(served) | set(ratings)
    sessions = [
        FocusSession(
            s.id,
            s.local_date,
            s.discipline,
            s.title,
            tuple(served.get(s.id, ())),
            ratings.get(s.id),
            s.focus,
        )
        for s in Session.select(
            Session.id, Session.local_date, Session.discipline, Session.title, Session.focus
        )
        .where(Session.id.in_(list(ids) or [0]))
        .order_by(Session.started_at, Session.id)
    ]
    weekly = []
    for week, text in (
        WeeklyReview.select(WeeklyReview.week_start, WeeklyReview.ratings)
        .where(WeeklyReview.deleted_at.is_null())
        .order_by(WeeklyReview.week_start)
        .tuples()
    ):
        try:
            rated = json.loads(text or "[]")
        except ValueError:
            continue
        for r in rated if isinstance(rated, list) else []:
            value = r.get("rating") if isinstance(r, dict) else None
            if r.get("focus_id") == focus_id and isinstance(value, int) and 1 <= value <= 5:
                weekly.append((week, value))
    return FocusTimeline(
        focus_data(row),
        cycle.start_date if cycle else None,
        cycle.end_date if cycle else None,
        sessions,
        weekly,
    )
