"""The facts the measures are computed from: fetched once per kind, held as numpy columns.

SQLite does the aggregation that touches many rows: blocks and intentions are summed per session
(GROUP BY session), the load history per day (GROUP BY local_date). What comes back is one row
per session of the range and one per day of history, never an ORM object. Rolling those rows up
into days, weeks and months, and taking medians, is then done on numpy columns with bincount,
which costs microseconds; see docs/measures.md ("Where the numbers are computed").

Each kind of fact is fetched on first use, so a chart that needs only the weekly minutes pays
for one query on the session table, and `compute_stats` fetches each kind once for all measures.

Facts come from one of two places, with the same queries: SQL limited to the range (what
`compute_stats` and the reports use), or the whole journal's facts kept by `stats.journal`
(what the Trends and Compare views use), from which a range is picked with numpy masks. The
rows are the same either way, so the measures are equal to the last bit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np

from cadence.domain.enums import Discipline
from cadence.domain.measures import Period, next_period
from cadence.services.stats.sql import Scope, done_sessions, fetch_batches
from cadence.services.stats.types import ALL
from cadence.store.queries import (
    accuracy_blocks_sql,
    completion_blocks_sql,
    intention_met_sql,
    intention_rated_sql,
    session_load_sql,
)

if TYPE_CHECKING:
    from cadence.services.stats.journal import JournalFacts

# A query of rows (tuples or named tuples) that start with (day, discipline): (WHERE clause,
# its parameters, the day number that day 0 stands for) -> rows. Used for stop-points and tempo;
# the journal keeps its rows for the whole journal, so what it does to each row is done once.
DayRowsQuery = Callable[[str, list, int], Sequence[tuple]]
RowT = TypeVar("RowT", bound=tuple)
# Fitness, fatigue, form, acute:chronic, monotony and strain from consecutive daily loads.
LoadCurves = tuple[list, ...]
# (daily loads, since) -> the curves of the days from loads[since] on.
CurvesFrom = Callable[[list[float], int], LoadCurves]

# SQLite's julianday of 1970-01-01; day numbers come back as days since then (exact integers).
_UNIX_EPOCH_JD = 2440587.5
_UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_number(column: str) -> str:
    """SQL for a 'YYYY-MM-DD' column as days since 1970-01-01: no date parsing in Python."""
    return f"CAST(julianday({column}) - {_UNIX_EPOCH_JD} AS INTEGER)"


def date_of(number: int) -> date:
    return date.fromordinal(_UNIX_EPOCH_ORDINAL + number)


def number_of(day: date) -> int:
    return day.toordinal() - _UNIX_EPOCH_ORDINAL


@dataclass(frozen=True)
class SessionColumns:
    """One entry per done, untrashed session in the range, in date order (NaN = missing)."""

    ids: np.ndarray  # int
    day: np.ndarray  # int: days since the range's start
    disciplines: list[str]
    kinds: list[str]
    minutes: np.ndarray
    planned_minutes: np.ndarray
    km: np.ndarray  # NaN where no distance was recorded
    rpe: np.ndarray
    focus: np.ndarray
    load: np.ndarray  # RPE × minutes; NaN without an RPE
    masks: dict[str, np.ndarray]  # key (each discipline and ALL) -> bool mask

    def dates(self, start: date, index: np.ndarray) -> list[date]:
        return [start + timedelta(days=d) for d in self.day[index].tolist()]


@dataclass(frozen=True)
class BlockSums:
    """Per session (aligned with SessionColumns): sums over its blocks."""

    planned_reps: np.ndarray  # of blocks with planned reps
    done_planned: np.ndarray  # done reps of those blocks (a missing count is 0)
    clean: np.ndarray  # clean reps of blocks with done reps and a clean count
    done_clean: np.ndarray  # done reps of those blocks


@dataclass(frozen=True)
class IntentionSums:
    """Per session (aligned with SessionColumns)."""

    achieved_half: np.ndarray  # achieved + ½·partly
    rated: np.ndarray  # achieved + partly + missed (not 'not rated')


@dataclass(frozen=True)
class HistoryColumns:
    """One entry per (day, discipline) with a done session, in day order, from the journal's
    first day to the range's end or today, whichever is later: the warm-up of the averages and
    the streaks look outside the range."""

    day: np.ndarray  # int: days since 1970-01-01
    disciplines: np.ndarray  # str (object)
    load: np.ndarray  # RPE × minutes of the day's sessions with an RPE


@dataclass(frozen=True)
class Axis:
    """The periods of a range and, for each day of the range, the index of its period."""

    starts: list[date]
    of_day: np.ndarray


class Facts:
    """What the journal holds for one scope; each kind is fetched on first use, then shared.

    With `journal` (the whole journal's facts, see stats.journal), nothing is queried: the
    scope's rows are picked from the journal's.
    """

    def __init__(
        self, scope: Scope, today: date | None = None, journal: JournalFacts | None = None
    ) -> None:
        self.scope = scope
        self.today = today or date.today()
        self.journal = journal
        self._axes: dict[Period, Axis] = {}
        self._session_periods: dict[Period, np.ndarray] = {}

    def axis(self, period: Period) -> Axis:
        if period not in self._axes:
            self._axes[period] = _axis(self.scope, period)
        return self._axes[period]

    def periods_of_sessions(self, period: Period) -> np.ndarray:
        """The index of each session's period (day, week or month), looked up once per period:
        every series of a period rolls up over the same sessions."""
        if period not in self._session_periods:
            self._session_periods[period] = self.axis(period).of_day[self.sessions.day]
        return self._session_periods[period]

    @cached_property
    def _picked(self) -> np.ndarray:
        """Journal route: where the scope's sessions sit in the journal's columns."""
        assert self.journal is not None
        return self.journal.index_of(self.scope)

    @cached_property
    def sessions(self) -> SessionColumns:
        if self.journal is not None:
            return self.journal.sessions_at(self._picked, self.scope)
        where, params = done_sessions(self.scope)
        return session_columns(where, params, number_of(self.scope.start), self.scope.keys)

    @cached_property
    def blocks(self) -> BlockSums:
        if self.journal is not None:
            return _picked_from(self.journal.blocks, self._picked)
        where, params = done_sessions(self.scope)
        return BlockSums(*aligned(self.sessions.ids, block_rows(where, params), 4))

    @cached_property
    def intentions(self) -> IntentionSums:
        if self.journal is not None:
            return _picked_from(self.journal.intentions, self._picked)
        where, params = done_sessions(self.scope)
        return IntentionSums(*aligned(self.sessions.ids, intention_rows(where, params), 2))

    @cached_property
    def history(self) -> HistoryColumns:
        """The load of every practised day up to the range's end or today (see HistoryColumns),
        picked from the journal's kept history (both crafts, every day): a report's scopes share
        one read, and share it with Trends and Compare."""
        last = max(self.scope.end, self.today)
        whole = self.journal.history if self.journal is not None else journal_history()
        keep = whole.day <= number_of(last)
        if len(self.scope.disciplines) < len(Discipline):
            keep &= of_disciplines(whole.disciplines, self.scope)
        if keep.all():  # the whole history (read only): no copy of it kept per range
            return whole
        return HistoryColumns(whole.day[keep], whole.disciplines[keep], whole.load[keep])

    def day_rows(self, query: Callable[[str, list, int], list[RowT]]) -> list[RowT]:
        """The rows of `query` for the scope, their first column as days since the range's start."""
        rows, shift = self.day_rows_at(query)
        if not shift:
            return rows
        # a named tuple stays one
        make = cast(
            Callable[[tuple], RowT], getattr(type(rows[0]), "_make", tuple) if rows else tuple
        )
        return [make((row[0] - shift, *row[1:])) for row in rows]

    def day_rows_at(self, query: Callable[[str, list, int], list[RowT]]) -> tuple[list[RowT], int]:
        """The rows of `query` for the scope as they are kept, and the day their first column
        counts from (less it: days since the range's start). Nothing is made anew per row
        (thirty years hold 2,900 stop-points and as many tempo rows, on every redraw)."""
        origin = number_of(self.scope.start)
        if self.journal is None:
            where, params = done_sessions(self.scope)
            return query(where, params, origin), 0
        last = number_of(self.scope.end)
        wanted = None
        if len(self.scope.disciplines) < len(Discipline):
            wanted = [d.value for d in self.scope.disciplines]
        rows = self.journal.day_rows_in(query, origin, last, wanted)  # what `query` returned
        return cast(list[RowT], rows), origin

    @cached_property
    def daily_loads(self) -> tuple[date, np.ndarray]:
        """`daily_history_loads`, made once per scope (the load series and the weekly load
        both read it). Read only."""
        return daily_history_loads(self)

    def session_count(self) -> int:
        """How many done sessions the scope holds; on the journal route, without making their
        columns (a tab that draws none of them, as Load with both crafts, never does)."""
        if self.journal is not None and "sessions" not in self.__dict__:
            return len(self._picked)
        return len(self.sessions.ids)

    def unrated_sessions(self) -> int:
        """How many of the scope's sessions have no RPE (they add no load). Picked from the
        journal's kept ratings when the scope's sessions are not made yet: a craft's load
        series needs only this count of them."""
        if self.journal is not None and "sessions" not in self.__dict__:
            rpe = self.journal.sessions.rpe[self._picked]
        else:
            rpe = self.sessions.rpe
        return int(np.count_nonzero(np.isnan(rpe)))

    def load_curves(
        self, first: date, loads: np.ndarray, since: int, compute: CurvesFrom
    ) -> LoadCurves:
        """compute(loads, since): the curves of the days from loads[since] on (`loads` start on
        `first`). The journal keeps the curves of every day, as each day's value depends only
        on the days before it; without it, only the days asked for are made (thirty years are
        11,000 days a curve, and a report shows a week of them)."""
        if self.journal is None:
            return compute(loads.tolist(), since)
        return self.journal.load_curves(self.scope.disciplines, first, loads, since, compute)


# --- the queries, shared by the two routes ------------------------------------------------------


def session_columns(where: str, params: list, origin: int, keys: list[str]) -> SessionColumns:
    """The done sessions that `where` picks, in date order; `day` counts from day `origin`."""
    types = (np.int64, np.int64, None, None, float, float, float, float, float)
    numbers: dict[int, list[np.ndarray]] = {i: [] for i, kind in enumerate(types) if kind}
    words: dict[int, list[str]] = {i: [] for i, kind in enumerate(types) if not kind}
    for batch in fetch_batches(
        f"""SELECT s.id, {day_number("s.local_date")} - ?, s.discipline, s.kind,
               s.duration_s / 60.0, s.planned_duration_s / 60.0,
               nullif(s.distance_m, 0) / 1000.0, s.rpe, s.focus
        FROM session s WHERE {where}
        ORDER BY s.local_date, s.started_at, s.id""",
        [origin, *params],
    ):
        for i, (kind, values) in enumerate(zip(types, zip(*batch, strict=True), strict=True)):
            # numbers into arrays batch by batch; the few distinct words as one string object
            # each (kept with the journal's facts: thirty years held 42,000 strings)
            if kind:
                numbers[i].append(np.array(values, dtype=kind))
            else:
                words[i].extend(sys.intern(v) for v in values)

    def column(i: int) -> np.ndarray:
        parts = numbers.pop(i)  # each batch's array let go once joined, not at the end
        return np.concatenate(parts) if parts else np.array([], dtype=types[i])

    disciplines = words[2]
    minutes, rpe = column(4), column(7)
    codes = np.array(disciplines, dtype=object)
    masks = {k: codes == k for k in keys}
    masks[ALL] = np.ones(len(disciplines), dtype=bool)
    return SessionColumns(
        ids=column(0),
        day=column(1),
        disciplines=disciplines,
        kinds=words[3],
        minutes=minutes,
        planned_minutes=column(5),
        km=column(6),
        rpe=rpe,
        focus=column(8),
        load=rpe * minutes,  # Foster: RPE × minutes (NaN × x stays NaN)
        masks=masks,
    )


def block_rows(where: str, params: list) -> Iterator[list[tuple]]:
    """Per session that `where` picks: sums over its blocks, as BlockSums describes; read in
    batches (`aligned` turns each into arrays), never the whole journal's tuples at once."""
    return fetch_batches(
        f"""SELECT b.session_id,
               total(b.planned_reps) FILTER (WHERE {completion_blocks_sql()}),
               total(b.done_reps) FILTER (WHERE {completion_blocks_sql()}),
               total(b.clean_reps) FILTER (WHERE {accuracy_blocks_sql()}),
               total(b.done_reps) FILTER (WHERE {accuracy_blocks_sql()})
        FROM block b JOIN session s ON s.id = b.session_id
        WHERE {where} GROUP BY b.session_id""",
        params,
    )


def intention_rows(where: str, params: list) -> Iterator[list[tuple]]:
    """Per session that `where` picks: (achieved + ½·partly, rated) over its intentions, in
    batches as `block_rows`."""
    return fetch_batches(
        f"""SELECT i.session_id, {intention_met_sql()}, {intention_rated_sql()}
        FROM intention i JOIN session s ON s.id = i.session_id
        WHERE {where} GROUP BY i.session_id""",
        params,
    )


def history_columns(where: str, params: list) -> HistoryColumns:
    """Per (day, discipline) of the sessions that `where` picks: the load, in day order. Read
    in batches: thirty years are 17,000 rows, 3 MB as Python tuples at once."""
    days: list[np.ndarray] = []
    crafts: list[np.ndarray] = []
    loads: list[np.ndarray] = []
    for batch in fetch_batches(
        f"""SELECT {day_number("s.local_date")}, s.discipline, {session_load_sql("s")}
        FROM session s WHERE {where}
        GROUP BY s.local_date, s.discipline ORDER BY s.local_date, s.discipline""",
        params,
    ):
        cols = list(zip(*batch, strict=True))
        days.append(np.array(cols[0], dtype=np.int64))
        # one string per discipline, not one per row (SQLite gives each row its own): thirty
        # years of practised days held 17,000 strings, 1 MB, in each history kept
        crafts.append(np.array([sys.intern(v) for v in cols[1]], dtype=object))
        loads.append(np.array(cols[2], dtype=float))
    return HistoryColumns(
        day=np.concatenate(days) if days else np.array([], dtype=np.int64),
        disciplines=np.concatenate(crafts) if crafts else np.array([], dtype=object),
        load=np.concatenate(loads) if loads else np.array([], dtype=float),
    )


def journal_history() -> HistoryColumns:
    """Every practised (day, discipline) of the journal, both crafts: the journal's kept
    history (`stats.journal`), read once until the journal changes. Every scope of a report
    (both crafts, each alone) picks from it, as Trends and Compare do, instead of reading its
    own (thirty years: 17,000 rows)."""
    from cadence.services.stats.journal import journal_facts  # it builds on this module

    return journal_facts().history


def _picked_from(sums, index: np.ndarray):
    """Per-session sums (BlockSums, IntentionSums) of the sessions at `index` only, as float64
    whatever the kept columns' width (`narrowest`)."""
    return type(sums)(*(wide(getattr(sums, f.name)[index]) for f in fields(sums)))


def narrowest(column: np.ndarray) -> np.ndarray:
    """`column` (int64 or float64) in the narrowest type that holds each of its values exactly
    (int8, int16 or int32; float16 or float32, NaN kept), else as it is. For the columns the
    journal keeps: ids, days, counts, ratings and sums of reps fit in one to four bytes where
    they took eight. `wide` gives back the very values (to the bit), which is what every
    measure reads."""
    if column.dtype == np.int64:
        low, high = (int(column.min()), int(column.max())) if len(column) else (0, 0)
        for kind in (np.int8, np.int16, np.int32):
            if np.iinfo(kind).min <= low and high <= np.iinfo(kind).max:
                return column.astype(kind)
        return column
    if column.dtype != np.float64:
        return column
    for kind in (np.float16, np.float32):
        with np.errstate(over="ignore"):  # a value too large becomes inf: not equal, not kept
            narrow = column.astype(kind)
        if np.array_equal(narrow.astype(np.float64), column, equal_nan=True):
            return narrow
    return column


def scaled_narrowest(column: np.ndarray, scale: float) -> tuple[np.ndarray, float]:
    """(`column` × `scale`, narrowed; `scale`) where dividing that by `scale` gives back every
    value to the bit (minutes read as seconds ÷ 60.0 are whole seconds, kilometres whole
    metres), else (`column` narrowed as it is, 1.0). `wide(kept) / scale` is the column."""
    with np.errstate(invalid="ignore", over="ignore"):
        kept = narrowest(np.round(column * scale))
    if kept.dtype != np.float64 and same_bits(wide(kept) / scale, column):
        return kept, scale
    return narrowest(column), 1.0


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal value for value, NaN where NaN, and every zero of the same sign."""
    return np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a), np.signbit(b))


def wide(column: np.ndarray) -> np.ndarray:
    """A column `narrowest` kept, as int64 or float64 again (the same array if it already is)."""
    return column.astype(np.float64 if column.dtype.kind == "f" else np.int64, copy=False)


def of_disciplines(codes: np.ndarray, scope: Scope) -> np.ndarray:
    """A mask of the entries of `codes` (discipline values) that belong to the scope."""
    return of_crafts(codes, scope.disciplines)


def of_crafts(codes: np.ndarray, disciplines: Iterable[Discipline]) -> np.ndarray:
    """A mask of the entries of `codes` (discipline values) that are one of `disciplines`."""
    mask = np.zeros(len(codes), dtype=bool)
    for discipline in disciplines:
        mask |= codes == discipline.value
    return mask


def aligned(ids: np.ndarray, batches: Iterable[list[tuple]], width: int) -> list[np.ndarray]:
    """Rows of (session id, value...), batch by batch, as columns aligned with `ids` (0 where
    absent)."""
    out = [np.zeros(len(ids)) for _ in range(width)]
    order = np.argsort(ids)
    for rows in batches:
        cols = list(zip(*rows, strict=True))
        at = order[np.searchsorted(ids, np.array(cols[0], dtype=np.int64), sorter=order)]
        for i in range(width):
            out[i][at] = np.array(cols[i + 1], dtype=float)
    return out


def _axis(scope: Scope, period: Period) -> Axis:
    starts = scope.periods(period)
    offsets = np.arange((scope.end - scope.start).days + 1, dtype=np.int64)
    if period == "day":
        return Axis(starts, offsets)
    if period == "week":
        # Days before the range's start that belong to its first week shift every index.
        lead = (scope.start - starts[0]).days
        return Axis(starts, (offsets + lead) // 7)
    of_day = np.empty_like(offsets)
    for i, first in enumerate(starts):
        lo = max((first - scope.start).days, 0)
        hi = (next_period(first, period) - scope.start).days
        of_day[lo:hi] = i
    return Axis(starts, of_day)


# --- per-session measures, vectorised (domain.measures holds the one-session definitions) -------


def completion_column(s: SessionColumns, b: BlockSums) -> np.ndarray:
    """measures.completion per session: reps when planned, else time; NaN without a plan."""
    with np.errstate(divide="ignore", invalid="ignore"):
        by_time = np.where(s.planned_minutes > 0, s.minutes / s.planned_minutes, np.nan)
        return np.where(b.planned_reps > 0, b.done_planned / b.planned_reps, by_time)


def ratio_column(numerators: np.ndarray, denominators: np.ndarray) -> np.ndarray:
    """numerator ÷ denominator per session; NaN where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominators > 0, numerators / denominators, np.nan)


# --- rolling up -----------------------------------------------------------------------------------


def sums(facts: Facts, period: Period, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Per period: the sum of `values` over the sessions in `mask` (NaN values skipped)."""
    keep = mask & ~np.isnan(values)
    return np.bincount(
        facts.periods_of_sessions(period)[keep],
        weights=values[keep],
        minlength=len(facts.axis(period).starts),
    )


def sums_and_counts(
    facts: Facts, period: Period, values: np.ndarray, mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(`sums`, `counts`) of the same values and mask, the sessions picked once for both."""
    keep = mask & ~np.isnan(values)
    at, length = facts.periods_of_sessions(period)[keep], len(facts.axis(period).starts)
    return np.bincount(at, weights=values[keep], minlength=length), np.bincount(
        at, minlength=length
    )


def quotients(numerators: np.ndarray, denominators: np.ndarray) -> list[float | None]:
    """numerator ÷ denominator per period, None where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        q = (numerators / denominators).astype(object)  # Python floats, as tolist() gives
    q[denominators == 0] = None
    return q.tolist()


def daily_history_loads(facts: Facts) -> tuple[date, np.ndarray]:
    """(first day, daily load of the scope's disciplines from it to the range's end, float64).

    The first day is the journal's first practised day of those disciplines, or the range's
    start if that is earlier, so the averages are warmed up whatever the range. With the
    journal's facts, the days are cut from the journal's kept daily loads of those disciplines
    (`JournalFacts.daily_loads`): the same sums, each day's in the same order."""
    scope = facts.scope
    start, end = number_of(scope.start), number_of(scope.end)
    if facts.journal is not None:
        known, whole = facts.journal.daily_loads(scope.disciplines)
        first = min(known, start) if len(whole) else start
        count = min(len(whole), end - known + 1)  # the kept days up to the range's end
        if not len(whole) or count <= 0:
            # no day to sum: integer zeros, as np.bincount gives them the plain way
            return date_of(first), np.zeros(end - first + 1, dtype=np.int64)
        loads = np.zeros(end - first + 1)
        loads[known - first : known - first + count] = whole[:count]
        return date_of(first), loads
    history = facts.history
    first = min(int(history.day[0]), start) if len(history.day) else start
    upto = history.day <= end
    loads = np.bincount(
        history.day[upto] - first, weights=history.load[upto], minlength=end - first + 1
    )
    return date_of(first), loads


def daily_sums(days: np.ndarray, loads: np.ndarray) -> tuple[int, np.ndarray]:
    """(first day, the sum of `loads` of each day from it to the last of `days`), `days` in
    order: each day's loads added in their order, as `np.bincount` does."""
    if not len(days):
        return 0, np.zeros(0)
    first = int(days[0])
    return first, np.bincount(days - first, weights=loads)


def practised_day_numbers(facts: Facts) -> dict[str, np.ndarray]:
    """Per key: the days with a done session up to the range's end or today (sorted, unique)."""
    history = facts.history
    return {
        key: sorted_unique(history.day if key == ALL else history.day[history.disciplines == key])
        for key in facts.scope.keys
    }


def sorted_unique(days: np.ndarray) -> np.ndarray:
    """`np.unique` of an array already in order (the history's days, a range's sessions' days),
    without sorting it again."""
    if len(days) < 2:
        return days.copy()
    return days[np.concatenate(([True], days[1:] != days[:-1]))]
