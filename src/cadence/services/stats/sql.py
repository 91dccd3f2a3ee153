"""What the stats queries share: the scope of a query and the filter of counted sessions.

Dates are stored as 'YYYY-MM-DD' text, so they compare as text; parameters are passed as ISO
strings too (sqlite3's default date adapter is deprecated since Python 3.12).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from cadence.domain.enums import Discipline
from cadence.domain.measures import Period, check_week_start, period_starts
from cadence.services.stats.types import ALL
from cadence.store.models import database
from cadence.store.queries import counted_sql


@dataclass(frozen=True)
class Scope:
    """The range [start, end] (local dates, inclusive), the disciplines and the week's first day."""

    start: date
    end: date
    disciplines: tuple[Discipline, ...]
    week_start: int = 0

    @property
    def keys(self) -> list[str]:
        """The keys of per-discipline maps: each discipline, then ALL."""
        return [d.value for d in self.disciplines] + [ALL]

    def periods(self, period: Period) -> list[date]:
        return period_starts(self.start, self.end, period, self.week_start)

    def weeks(self) -> list[date]:
        return self.periods("week")


def make_scope(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> Scope:
    """Check the arguments every measure takes; raises ValueError with what to change."""
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValueError("the range needs two dates (start and end)")
    # A datetime is a date too, but its ISO text would not compare with the stored days.
    start = start.date() if isinstance(start, datetime) else start
    end = end.date() if isinstance(end, datetime) else end
    if end < start:
        raise ValueError(
            f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            "swap the two dates"
        )
    check_week_start(week_start)
    if discipline is None:
        disciplines = tuple(Discipline)
    else:
        try:
            disciplines = (Discipline(discipline),)
        except ValueError:
            allowed = ", ".join(d.value for d in Discipline)
            raise ValueError(
                f"unknown discipline {discipline!r}; choose one of: {allowed}"
            ) from None
    return Scope(start, end, disciplines, week_start)


def done_sessions(scope: Scope, alias: str = "s", *, ranged: bool = True) -> tuple[str, list[str]]:
    """WHERE clause for done, untrashed sessions of the scope's disciplines (and range)."""
    marks = ", ".join("?" for _ in scope.disciplines)
    sql = f"{counted_sql(alias)} AND {alias}.discipline IN ({marks})"
    params = [d.value for d in scope.disciplines]
    if ranged:
        sql += f" AND {alias}.local_date BETWEEN ? AND ?"
        params += [scope.start.isoformat(), scope.end.isoformat()]
    return sql, params


def fetch(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    """All rows of one query, as tuples."""
    return list(database.execute_sql(sql, list(params)).fetchall())


def fetch_batches(
    sql: str, params: Sequence[object] = (), size: int = 1024
) -> Iterator[list[tuple]]:
    """The rows of one query, `size` at a time: a caller that turns each batch into arrays holds
    a batch of Python tuples at once, never the whole journal's."""
    cursor = database.execute_sql(sql, list(params))
    while batch := cursor.fetchmany(size):
        yield batch
