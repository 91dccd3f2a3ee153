"""How each focus target is going, in the measure it is seen by, where Cadence can say it in a
few words: intentions serving it met (rated in each reflection) and the user's own weekly
rating; through its cycle also the measure itself where the sessions that worked on it hold it
(accuracy per session, the best clean tempo of each passage, a run's pace)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from peewee import fn

from cadence.domain.enums import FocusGauge, Outcome
from cadence.domain.measures import intention_rate, week_start_of
from cadence.domain.seasons import FocusData
from cadence.domain.units import run_pace
from cadence.services.season.seasons import focus_data
from cadence.store.models import (
    Block,
    Cycle,
    Focus,
    Intention,
    Passage,
    Piece,
    Session,
    SessionFocusRating,
    WeeklyReview,
)
from cadence.store.queries import counted_session

# the gauges whose own measure the sessions that worked on a target can hold
MEASURED = (FocusGauge.ACCURACY, FocusGauge.TEMPO, FocusGauge.PACE)


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
        .where(Intention.focus.in_(focus_ids) & counted_session())
        .group_by(Intention.focus, Intention.outcome)
        .tuples()
    )
    for focus_id, outcome, n in rows:
        counts[focus_id][outcome] = n
    ratings: dict[int, list[int]] = {i: [] for i in focus_ids}
    for (rated,) in (
        WeeklyReview.select(WeeklyReview.ratings)
        .where(WeeklyReview.deleted_at.is_null())
        .order_by(WeeklyReview.week_start.desc())
        .tuples()
    ):
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
class MeasureSeries:
    """The target's own measure in the sessions that worked on it, in date order: accuracy
    (clean ÷ done reps, 0..1), a passage's best clean tempo (BPM), or a run's pace (s per km)."""

    gauge: FocusGauge
    days: list[date]
    values: list[float]
    label: str = ""  # the passage, for tempo
    target: float | None = None  # the passage's target BPM, for tempo


@dataclass(frozen=True)
class FocusTimeline:
    focus: FocusData
    start: date | None  # the cycle's span, if it has one
    end: date | None
    sessions: list[FocusSession]
    weekly: list[tuple[date, int]]  # (week start, rating) from the weekly reviews
    # its measure (accuracy, tempo, pace) where the sessions hold it; [] for the other gauges
    measured: list[MeasureSeries] = field(default_factory=list)
    craft: str | None = None  # its cycle's craft (a Discipline value; None: both or no cycle)

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
    live = counted_session()
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
    ratings: dict[int, int | None] = {
        session_id: rating
        for session_id, rating in SessionFocusRating.select(
            SessionFocusRating.session, SessionFocusRating.rating
        )
        .join(Session)
        .where((SessionFocusRating.focus == focus_id) & live)
        .tuples()
    }
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
    for week, rated in (
        WeeklyReview.select(WeeklyReview.week_start, WeeklyReview.ratings)
        .where(WeeklyReview.deleted_at.is_null())
        .order_by(WeeklyReview.week_start)
        .tuples()
    ):
        for r in rated if isinstance(rated, list) else []:
            value = r.get("rating") if isinstance(r, dict) else None
            if r.get("focus_id") == focus_id and isinstance(value, int) and 1 <= value <= 5:
                weekly.append((week, value))
    data = focus_data(row)
    return FocusTimeline(
        data,
        cycle.start_date if cycle else None,
        cycle.end_date if cycle else None,
        sessions,
        weekly,
        measured_series(data.gauge, sessions),
        cycle.discipline if cycle and cycle.discipline else None,
    )


def measured_series(gauge: FocusGauge | None, sessions: list[FocusSession]) -> list[MeasureSeries]:
    """The gauge's own measure in `sessions` (done, in order): one series for accuracy or pace,
    one per passage for tempo; [] when the gauge is not one of MEASURED or nothing holds it."""
    if gauge is None or gauge not in MEASURED or not sessions:
        return []
    days = {s.session_id: s.day for s in sessions}
    order = {s.session_id: i for i, s in enumerate(sessions)}
    ids = list(days)
    if gauge == FocusGauge.PACE:
        points = []
        for sid, duration, moving, metres in (
            Session.select(Session.id, Session.duration_s, Session.moving_s, Session.distance_m)
            .where(Session.id.in_(ids) & (Session.discipline == "running"))
            .tuples()
        ):
            pace, _ = run_pace(duration, moving, metres)
            if pace is not None:
                points.append((order[sid], pace))
        points.sort()
        if not points:
            return []
        return [MeasureSeries(gauge, [sessions[i].day for i, _ in points], [v for _, v in points])]
    if gauge == FocusGauge.ACCURACY:
        # clean reps ÷ done reps over the blocks with done reps and a clean count (as listing.py)
        rows = (
            Block.select(Block.session, fn.SUM(Block.clean_reps), fn.SUM(Block.done_reps))
            .where(Block.session.in_(ids) & (Block.done_reps > 0) & Block.clean_reps.is_null(False))
            .group_by(Block.session)
            .tuples()
        )
        points = sorted((order[sid], clean / done) for sid, clean, done in rows if done)
        if not points:
            return []
        return [MeasureSeries(gauge, [sessions[i].day for i, _ in points], [v for _, v in points])]
    # tempo: each passage's best clean BPM in each session (as Trends' tempo progress counts it)
    by_passage: dict[int, list[tuple[int, float]]] = defaultdict(list)
    names: dict[int, tuple[str, str, float | None]] = {}
    rows = (
        Block.select(
            Block.passage,
            Passage.label,
            Piece.title,
            Passage.target_bpm,
            Block.session,
            fn.MAX(Block.achieved_bpm),
        )
        .join(Passage)
        .join(Piece)
        .where(Block.session.in_(ids) & (Block.clean_reps > 0) & Block.achieved_bpm.is_null(False))
        # the passage's and piece's columns too: the server groups by every column it returns
        .group_by(Block.passage, Block.session, Passage.label, Piece.title, Passage.target_bpm)
        .tuples()
    )
    for passage_id, label, piece, target, sid, best in rows:
        by_passage[passage_id].append((order[sid], float(best)))
        names[passage_id] = (label, piece, target)
    out = []
    for passage_id, points in by_passage.items():
        points.sort()
        label, piece, target = names[passage_id]
        out.append(
            MeasureSeries(
                gauge,
                [sessions[i].day for i, _ in points],
                [v for _, v in points],
                f"{label} ({piece})" if piece else label,
                target,
            )
        )
    out.sort(key=lambda m: (-len(m.days), m.label))  # the passage worked on most first
    return out
