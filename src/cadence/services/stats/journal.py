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
on a large journal that reads less. Both routes read the same rows, so they agree to the bit.

Used from the GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
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
    date_of,
    history_columns,
    intention_rows,
    narrowest,
    number_of,
    session_columns,
    wide,
)
from cadence.services.stats.slips import slip_table
from cadence.services.stats.sql import Scope, done_sessions
from cadence.services.stats.types import ALL
from cadence.store.db import journal_version

_EVERYTHING = Scope(date.min, date.max, tuple(Discipline))
# The session columns kept narrowed: whole numbers and ratings (minutes, distances and loads
# seldom fit exactly in fewer bytes, and are kept as read).
_NARROWED = ("ids", "day", "planned_minutes", "rpe", "focus")


class JournalFacts:
    """Every done, untrashed session of the journal as columns (days since 1970-01-01)."""

    def __init__(self, version: object) -> None:
        self.version = version
        self._where, self._params = done_sessions(_EVERYTHING, ranged=False)
        self._day_rows: dict[DayRowsQuery, Sequence[tuple]] = {}
        self._day_columns: dict[DayRowsQuery, tuple[np.ndarray, np.ndarray]] = {}
        self._curves: dict[tuple, tuple[list[float], LoadCurves]] = {}

    @cached_property
    def sessions(self) -> SessionColumns:
        """Kept with the columns that fit in fewer bytes narrowed (`narrowest`; `sessions_at`
        gives them back as they were read): thirty years, 21,000 sessions."""
        s = session_columns(self._where, self._params, 0, _EVERYTHING.keys)
        return replace(
            s,
            **{name: narrowest(getattr(s, name)) for name in _NARROWED},
            masks={},  # `sessions_at` makes the scope's own
        )

    @cached_property
    def codes(self) -> np.ndarray:
        return np.array(self.sessions.disciplines, dtype=object)

    @cached_property
    def kind_codes(self) -> np.ndarray:
        """`sessions.kinds` as an array: a range's kinds are one `take`, not a loop per session."""
        return np.array(self.sessions.kinds, dtype=object)

    @cached_property
    def craft_numbers(self) -> tuple[np.ndarray, dict[str, int]]:
        """Each session's discipline as a small integer (and the integer of each discipline):
        a range's masks compare integers, not 21,000 strings per craft."""
        values = [d.value for d in Discipline]
        numbers = np.full(len(self.codes), len(values), dtype=np.int8)
        for i, value in enumerate(values):
            numbers[self.codes == value] = i
        return numbers, {value: i for i, value in enumerate(values)}

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
            days = days[self.codes == Discipline(discipline).value]
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
        index = np.arange(first, last)
        if len(scope.disciplines) < len(Discipline):
            numbers, number_of_craft = self.craft_numbers
            wanted = [number_of_craft[d.value] for d in scope.disciplines]
            index = index[np.isin(numbers[first:last], wanted)]
        return index

    def sessions_at(self, index: np.ndarray, scope: Scope) -> SessionColumns:
        """The sessions at `index` as `Facts.sessions` of `scope` has them."""
        s = self.sessions
        numbers, number_of_craft = self.craft_numbers
        picked = numbers[index]
        masks = {k: picked == number_of_craft[k] for k in scope.keys if k != ALL}
        masks[ALL] = np.ones(len(index), dtype=bool)
        return SessionColumns(
            ids=wide(s.ids[index]),
            day=wide(s.day[index]) - number_of(scope.start),
            disciplines=self.codes[index].tolist(),
            kinds=self.kind_codes[index].tolist(),
            minutes=s.minutes[index],
            planned_minutes=wide(s.planned_minutes[index]),
            km=s.km[index],
            rpe=wide(s.rpe[index]),
            focus=wide(s.focus[index]),
            load=s.load[index],
            masks=masks,
        )

    def load_curves(
        self,
        disciplines: tuple[Discipline, ...],
        first: date,
        loads: list[float],
        compute: CurvesFrom,
    ) -> LoadCurves:
        """compute(loads, 0), or the first len(loads) days of curves already computed from the
        same first day over the same loads (the curves at a day depend only on the days up to
        it)."""
        key = (disciplines, first)
        kept = self._curves.get(key)
        n = len(loads)
        if kept is not None and len(kept[0]) >= n and kept[0][:n] == loads:
            return tuple(curve[:n] for curve in kept[1])
        curves = compute(loads, 0)
        self._curves[key] = (loads, curves)
        return curves


_kept: JournalFacts | None = None


def journal_facts() -> JournalFacts:
    """The open journal's facts; the same object until the journal changes."""
    global _kept
    version = journal_version()
    if _kept is None or _kept.version != version:
        _kept = JournalFacts(version)
    return _kept
