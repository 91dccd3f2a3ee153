"""What the stats queries share: the scope of a query, the session filter, period expressions.

The measures are aggregated in SQLite (GROUP BY on the local date, week or month) so that a
redraw never loads sessions as Python objects. Dates are stored as 'YYYY-MM-DD' text, so they
compare and group as text; parameters are passed as ISO strings too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cadence.domain.enums import Discipline, SessionStatus
from cadence.domain.measures import Period, check_week_start, period_starts
from cadence.services.stats_types import ALL
from cadence.store.models import database


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
    sql = f"{alias}.deleted_at IS NULL AND {alias}.status = ? AND {alias}.discipline IN ({marks})"
    params = [SessionStatus.DONE.value, *(d.value for d in scope.disciplines)]
    if ranged:
        sql += f" AND {alias}.local_date BETWEEN ? AND ?"
        params += [scope.start.isoformat(), scope.end.isoformat()]
    return sql, params


def period_sql(period: Period, week_start: int, column: str = "s.local_date") -> str:
    """An SQL expression for the first day ('YYYY-MM-DD') of the period holding `column`.

    strftime('%w') counts from Sunday = 0; Python's weekday() from Monday = 0. Going back
    (%w + 6 − week_start) mod 7 days lands on the week's first day for any week_start 0..6.
    """
    if period == "day":
        return column
    if period == "month":
        return f"substr({column}, 1, 7) || '-01'"
    if period == "week":
        back = (
            f"(CAST(strftime('%w', {column}) AS INTEGER) + {6 - check_week_start(week_start)}) % 7"
        )
        return f"date({column}, '-' || ({back}) || ' days')"
    raise ValueError(f"a period is 'day', 'week' or 'month', not {period!r}")


def fetch(sql: str, params: Sequence[object] = ()) -> list[tuple]:
    """All rows of one query, as tuples."""
    return list(database.execute_sql(sql, list(params)).fetchall())


def zeros(keys: Sequence[str], length: int) -> dict[str, list[float]]:
    return {k: [0.0] * length for k in keys}


def int_zeros(keys: Sequence[str], length: int) -> dict[str, list[int]]:
    return {k: [0] * length for k in keys}


def index_of(starts: Sequence[date]) -> dict[str, int]:
    """Position of each period on the axis, keyed by its ISO date as SQL returns it."""
    return {d.isoformat(): i for i, d in enumerate(starts)}
