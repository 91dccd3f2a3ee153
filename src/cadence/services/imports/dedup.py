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
from cadence.store.models import Session, database

MIN_OVERLAP = 0.5
DISTANCE_TOLERANCE = 0.10
DISTANCE_TOLERANCE_M = 200.0
_DAYS_AROUND = 3  # local dates of one run differ by a day at most across zones; 36 h runs


def _sql(text: str) -> str:
    """SQL with the session table's real names (the model's), built once."""
    columns = {f.name: f.column_name for f in Session._meta.sorted_fields}
    return text.format(table=Session._meta.table_name, **columns)


# Both look-ups run once per imported item: written out once here rather than built by the ORM
# each time (which cost more than the query itself).
_BY_REF = _sql(
    "SELECT {id}, {source} FROM {table} WHERE {source} IN ({{marks}}) AND {source_ref} = ?"
)
_AROUND = _sql(
    "SELECT {id}, {started_at}, {duration_s}, {distance_m} FROM {table} "
    "WHERE {discipline} = ? AND {local_date} BETWEEN ? AND ? AND {source} IN ({{marks}}) "
    "AND {started_at} < ? AND {started_at} > ? ORDER BY {started_at}"
)


def imported_as(sources: tuple[str, ...], source_ref: str) -> int | None:
    """The session imported under this reference from any of `sources` (the first source in
    that order where several hold it), trashed or not; one query for all the sources."""
    names = [str(s) for s in sources]
    sql = _BY_REF.replace("{marks}", ", ".join("?" * len(names)))
    found = dict((source, id_) for id_, source in database.execute_sql(sql, [*names, source_ref]))
    return next((found[name] for name in names if name in found), None)


def same_run(session: SessionData, sources: tuple[str, ...]) -> int | None:
    """The id of an imported run that overlaps this one and agrees on distance, or None."""
    start = session.started_at
    duration = session.duration_s or 0.0
    end = start + timedelta(seconds=duration)
    around = timedelta(days=_DAYS_AROUND)
    names = [str(s) for s in sources]
    day, moment = Session.local_date.db_value, Session.started_at.db_value
    rows = database.execute_sql(
        _AROUND.replace("{marks}", ", ".join("?" * len(names))),
        [
            str(Discipline.RUNNING),
            day(session.local_date - around),
            day(session.local_date + around),
            *names,
            moment(end),
            moment(start - timedelta(seconds=MAX_SESSION_S)),
        ],
    )
    for row_id, started_text, row_duration, row_distance in rows:
        row_start = Session.started_at.python_value(started_text)
        other_end = row_start + timedelta(seconds=row_duration or 0.0)
        overlap = (min(end, other_end) - max(start, row_start)).total_seconds()
        if overlap <= 0 or overlap < MIN_OVERLAP * min(duration, row_duration or 0.0):
            continue
        if session.distance_m and row_distance:
            longer = max(session.distance_m, row_distance)
            allowed = max(DISTANCE_TOLERANCE * longer, DISTANCE_TOLERANCE_M)
            if abs(session.distance_m - row_distance) > allowed:
                continue
        return row_id
    return None
