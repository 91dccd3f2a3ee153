"""The whole journal's facts, fetched once and kept until the journal changes.

Switching the Trends or Compare view from one range or craft to another asks for the same rows
again and again: the sessions, their block and intention sums, the daily loads, stop-points and
tempi. `journal_facts()` fetches each kind once for the whole journal (the same aggregate queries
`Facts` runs for a range, without the range) and keeps them while `journal_version()` stays the
same; any write to the journal, by this connection or another, makes a new one. A range is then
picked from them with numpy masks, which costs microseconds, and the load curves (fitness,
fatigue, acute:chronic, monotony, strain: a pass over every day of the journal) are kept too,
as a day's value depends only on the days before it.

For one report, `compute_stats` queries just the range instead (`Facts` without a journal):
on a large journal that reads less; only the history of practised days is always this one's
(`facts.journal_history`), shared by a report's scopes. Both routes read the same rows, so they
agree to the bit.

Used from the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from cadence.domain.enums import Discipline
from cadence.domain.slips import SessionSlips
from cadence.services.records.slips import slip_measures
from cadence.services.stats.facts import (
    BlockSums,
    CurvesFrom,
    DayRowsQuery,
    HistoryColumns,
    IntentionSums,
    LoadCurves,
    SessionColumns,
    aligned,
    block_rows,
    daily_sums,
    date_of,
    history_columns,
    intention_rows,
    narrowest,
    number_of,
    of_crafts,
    same_bits,
    scaled_narrowest,
    session_columns,
    wide,
)
from cadence.services.stats.slips import slip_table
from cadence.services.stats.sql import Scope, done_sessions
from cadence.services.stats.types import ALL
from cadence.store.db import journal_version

_EVERYTHING = Scope(date.min, date.max, tuple(Discipline))
# Each discipline's number in `KeptSessions.crafts`, and the numbers' words.
_CRAFTS = tuple(d.value for d in Discipline)
_CRAFT_NAMES = np.array(_CRAFTS, dtype=object)


@dataclass(frozen=True)
class KeptSessions:
    """The journal's sessions as kept (thirty years: 21,000): each column in the fewest bytes
    that give back the values read to the bit (`narrowest`), the words as small numbers.
    `JournalFacts.sessions_at` makes a range's `SessionColumns` of them, as they were read."""

    ids: np.ndarray
    day: np.ndarray  # days since 1970-01-01
    crafts: np.ndarray  # the index of each session's discipline in _CRAFTS
    kinds: np.ndarray  # the index of each session's kind in `kind_names`
    kind_names: np.ndarray  # (object) each kind once
    minutes: np.ndarray  # × minutes_scale: seconds, where that gives the minutes back exactly
    minutes_scale: float
    planned_minutes: np.ndarray  # × planned_scale, as the minutes
    planned_scale: float
    km: np.ndarray  # × km_scale: metres, where that gives the kilometres back exactly
    km_scale: float
    rpe: np.ndarray
    focus: np.ndarray
    # the load (RPE × minutes) is made again from the two when a range is picked


class JournalFacts:
    """Every done, untrashed session of the journal as columns (days since 1970-01-01)."""

    def __init__(self, version: object) -> None:
        self.version = version
        self._where, self._params = done_sessions(_EVERYTHING, ranged=False)
        self._day_rows: dict[DayRowsQuery, Sequence[tuple]] = {}
        self._day_columns: dict[DayRowsQuery, tuple[np.ndarray, np.ndarray]] = {}
        self._curves: dict[tuple, tuple[np.ndarray, LoadCurves]] = {}
        self._curve_arrays: dict[tuple, tuple[LoadCurves, tuple[np.ndarray, ...]]] = {}
        self._daily: dict[tuple[Discipline, ...], tuple[int, np.ndarray]] = {}

    @cached_property
    def sessions(self) -> KeptSessions:
        """The sessions as `session_columns` reads them, kept narrow (see KeptSessions)."""
        s = session_columns(self._where, self._params, 0, _EVERYTHING.keys)
        kind_names = list(dict.fromkeys(s.kinds))  # in order of first use
        number_of_kind = {kind: i for i, kind in enumerate(kind_names)}
        number_of_craft = {craft: i for i, craft in enumerate(_CRAFTS)}
        minutes, minutes_scale = scaled_narrowest(s.minutes, 60.0)
        planned, planned_scale = scaled_narrowest(s.planned_minutes, 60.0)
        km, km_scale = scaled_narrowest(s.km, 1000.0)
        return KeptSessions(
            ids=narrowest(s.ids),
            day=narrowest(s.day),
            crafts=narrowest(
                np.fromiter((number_of_craft[d] for d in s.disciplines), np.int64, len(s.ids))
            ),
            kinds=narrowest(
                np.fromiter((number_of_kind[k] for k in s.kinds), np.int64, len(s.ids))
            ),
            kind_names=np.array(kind_names, dtype=object),
            minutes=minutes,
            minutes_scale=minutes_scale,
            planned_minutes=planned,
            planned_scale=planned_scale,
            km=km,
            km_scale=km_scale,
            rpe=narrowest(s.rpe),
            focus=narrowest(s.focus),
        )

    @cached_property
    def blocks(self) -> BlockSums:
        rows = block_rows(self._where, self._params)
        return BlockSums(*map(narrowest, aligned(wide(self.sessions.ids), rows, 4)))

    @cached_property
    def intentions(self) -> IntentionSums:
        rows = intention_rows(self._where, self._params)
        return IntentionSums(*map(narrowest, aligned(wide(self.sessions.ids), rows, 2)))

    @cached_property
    def history(self) -> HistoryColumns:
        return history_columns(self._where, self._params)

    @cached_property
    def slips(self) -> dict[int, SessionSlips]:
        """The slip measures of every session with a slip (services/stats/slips.py)."""
        return slip_measures()

    @cached_property
    def slip_table(self) -> tuple[np.ndarray, np.ndarray]:
        """`slips` as columns: ids ascending, a row of counts each (services/stats/slips.py)."""
        return slip_table(self.slips)

    def span(self, discipline: Discipline | str | None = None) -> tuple[date, date] | None:
        """`trends.journal_span`: the first and last day with a done session (of one craft)."""
        days = self.sessions.day
        if discipline:
            days = days[self.sessions.crafts == _CRAFTS.index(Discipline(discipline).value)]
        if not len(days):
            return None
        return date_of(int(days[0])), date_of(int(days[-1]))  # the sessions are in date order

    def day_rows(self, query: DayRowsQuery) -> Sequence[tuple]:
        """Every row of `query` in the journal, its first column as days since 1970-01-01."""
        if query not in self._day_rows:
            self._day_rows[query] = query(self._where, self._params, 0)
        return self._day_rows[query]

    def day_rows_in(
        self, query: DayRowsQuery, first: int, last: int, disciplines: list[str] | None
    ) -> list[tuple]:
        """The rows of `query` whose day is in [first, last] (and whose discipline, the second
        column, is one of `disciplines`; None: any), in their order, picked by numpy masks: a
        switch of range looks at thousands of stop-points and tempi."""
        rows = self.day_rows(query)
        if query not in self._day_columns:
            days = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
            crafts = np.array([row[1] for row in rows], dtype=object)
            self._day_columns[query] = (days, crafts)
        days, crafts = self._day_columns[query]
        keep = (days >= first) & (days <= last)
        if disciplines is not None:
            keep &= np.isin(crafts, disciplines)
        if keep.all():
            return list(rows)
        return [rows[i] for i in np.flatnonzero(keep).tolist()]

    def index_of(self, scope: Scope) -> np.ndarray:
        """Where the done sessions of `scope` sit in `sessions` (which are in date order)."""
        day = self.sessions.day
        first = int(np.searchsorted(day, number_of(scope.start), side="left"))
        last = int(np.searchsorted(day, number_of(scope.end), side="right"))
        if len(scope.disciplines) == len(Discipline):
            return np.arange(first, last)
        crafts = self.sessions.crafts[first:last]
        keep = np.zeros(len(crafts), dtype=bool)
        for d in scope.disciplines:  # a craft or two: quicker than np.isin's set-up
            keep |= crafts == _CRAFTS.index(d.value)
        return np.flatnonzero(keep) + first

    def sessions_at(self, index: np.ndarray, scope: Scope) -> SessionColumns:
        """The sessions at `index` as `Facts.sessions` of `scope` has them: the values read,
        to the bit (the load made as `session_columns` makes it)."""
        s = self.sessions
        crafts = s.crafts[index]
        masks = {k: crafts == _CRAFTS.index(k) for k in scope.keys if k != ALL}
        masks[ALL] = np.ones(len(index), dtype=bool)
        minutes = wide(s.minutes[index]) / s.minutes_scale
        rpe = wide(s.rpe[index])
        return SessionColumns(
            ids=wide(s.ids[index]),
            day=wide(s.day[index]) - number_of(scope.start),
            disciplines=_CRAFT_NAMES[crafts].tolist(),
            kinds=s.kind_names[s.kinds[index]].tolist(),
            minutes=minutes,
            planned_minutes=wide(s.planned_minutes[index]) / s.planned_scale,
            km=wide(s.km[index]) / s.km_scale,
            rpe=rpe,
            focus=wide(s.focus[index]),
            load=rpe * minutes,
            masks=masks,
        )

    def daily_loads(self, disciplines: tuple[Discipline, ...]) -> tuple[int, np.ndarray]:
        """(the first practised day of `disciplines`, the load of each day from it to their
        last) from the kept history, made once per set of crafts (thirty years: 11,000 float64,
        88 KB). Read only; `facts.daily_history_loads` cuts a range's days from it."""
        if disciplines not in self._daily:
            h = self.history
            keep = of_crafts(h.disciplines, disciplines)
            first, loads = daily_sums(h.day[keep], h.load[keep])
            loads.flags.writeable = False
            self._daily[disciplines] = (first, loads)
        return self._daily[disciplines]

    def load_curves(
        self,
        disciplines: tuple[Discipline, ...],
        first: date,
        loads: np.ndarray,
        since: int,
        compute: CurvesFrom,
    ) -> LoadCurves:
        """compute(loads, since), from curves kept for the same first day when they reach as
        far over the same loads (the curves at a day depend only on the days up to it): each
        curve's days since..len(loads) as a new list. Else the curves of every day are made
        (compute(loads, 0)) and kept."""
        key = (disciplines, first)
        kept = self._curves.get(key)
        n = len(loads)
        if kept is None or len(kept[0]) < n or not same_bits(kept[0][:n], loads):
            kept = (loads, compute(loads.tolist(), 0))
            self._curves[key] = kept
        return tuple(curve[since:n] for curve in kept[1])

    def curve_arrays(
        self, disciplines: tuple[Discipline, ...], first: date, since: int, n: int, count: int
    ) -> tuple[np.ndarray, ...] | None:
        """The first `count` kept curves (`load_curves`) of the days since..n as float64, None
        as NaN, read only: each made once per kept curves (thirty years: 88 KB a curve), for
        the charts, which draw arrays. None when no kept curves reach day n."""
        key = (disciplines, first)
        kept = self._curves.get(key)
        if kept is None or len(kept[0]) < n:
            return None
        made = self._curve_arrays.get(key)
        if made is None or made[0] is not kept[1] or len(made[1]) < count:
            arrays = tuple(np.array(curve, dtype=float) for curve in kept[1][:count])
            for array in arrays:
                array.flags.writeable = False
            made = (kept[1], arrays)
            self._curve_arrays[key] = made
        return tuple(array[since:n] for array in made[1][:count])


_kept: JournalFacts | None = None


def journal_facts() -> JournalFacts:
    """The open journal's facts; the same object until the journal changes."""
    global _kept
    version = journal_version()
    if _kept is None or _kept.version != version:
        _kept = JournalFacts(version)
    return _kept
