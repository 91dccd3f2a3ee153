"""Is this run already in the journal? The same run is the same stretch of time, not the same file.

A run recorded twice (the watch's FIT and a phone app's GPX that started at the first GPS fix, 9–27
s later) has two different starts. Two imported runs are one when their time spans overlap by at
least half of the shorter one and, where both have a distance, the distances differ by no more
than DISTANCE_TOLERANCE of the longer (or DISTANCE_TOLERANCE_M, whichever is more). Only imported
runs are compared (FIT, GPX, TCX, Strava), trashed ones included; a run typed in by hand is the
user's own record and never blocks an import.
"""

from __future__ import annotations

from datetime import timedelta

from cadence.domain.enums import Discipline
from cadence.domain.limits import MAX_SESSION_S
from cadence.domain.records import SessionData
from cadence.store.models import Session

MIN_OVERLAP = 0.5
DISTANCE_TOLERANCE = 0.10
DISTANCE_TOLERANCE_M = 200.0
_DAYS_AROUND = 3  # local dates of one run differ by a day at most across zones; 36 h runs


def imported_as(sources: tuple[str, ...], source_ref: str) -> int | None:
    """The session imported under this reference from any of `sources` (the first source in
    that order where several hold it), trashed or not; one query for all the sources."""
    rows = Session.select(Session.id, Session.source).where(
        Session.source.in_([str(s) for s in sources]) & (Session.source_ref == source_ref)
    )
    found = {row.source: row.id for row in rows}
    return next((found[str(s)] for s in sources if str(s) in found), None)


def same_run(session: SessionData, sources: tuple[str, ...]) -> int | None:
    """The id of an imported run that overlaps this one and agrees on distance, or None."""
    start = session.started_at
    duration = session.duration_s or 0.0
    end = start + timedelta(seconds=duration)
    around = timedelta(days=_DAYS_AROUND)
    rows = (
        Session.select(Session.id, Session.started_at, Session.duration_s, Session.distance_m)
        .where(
            (Session.discipline == str(Discipline.RUNNING))
            & Session.local_date.between(session.local_date - around, session.local_date + around)
            & Session.source.in_([str(s) for s in sources])
            & (Session.started_at < end)
            & (Session.started_at > start - timedelta(seconds=MAX_SESSION_S))
        )
        .order_by(Session.started_at)
    )
    for row in rows:
        other_end = row.started_at + timedelta(seconds=row.duration_s or 0.0)
        overlap = (min(end, other_end) - max(start, row.started_at)).total_seconds()
        if overlap <= 0 or overlap < MIN_OVERLAP * min(duration, row.duration_s or 0.0):
            continue
        if session.distance_m and row.distance_m:
            longer = max(session.distance_m, row.distance_m)
            allowed = max(DISTANCE_TOLERANCE * longer, DISTANCE_TOLERANCE_M)
            if abs(session.distance_m - row.distance_m) > allowed:
                continue
        return row.id
    return None
