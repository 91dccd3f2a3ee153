"""What the Trends and Compare views need besides the measures: date-range presets, the span of
the journal, and the training cycles and goal events to mark on a time axis. No Qt here.

The measures themselves come from `cadence.services.stats.compute`; nothing here recomputes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from cadence.domain.enums import Discipline
from cadence.domain.limits import MAX_EMPTY_RANGE_DAYS
from cadence.services.stats.facts import Facts
from cadence.services.stats.journal import JournalFacts
from cadence.services.stats.load import (
    craft_facts,
    load_arrays,
    load_by_craft_from,
    load_series_from,
    weekly_load_by_craft_from,
    weekly_load_from,
)
from cadence.services.stats.quality import (
    accuracy_sessions_from,
    completion_sessions_from,
    tempo_progress_from,
    weekly_accuracy_from,
    weekly_completion_from,
    weekly_intention_rate_from,
)
from cadence.services.stats.slips import slip_stats_from
from cadence.services.stats.sql import make_scope
from cadence.services.stats.stops import stop_point_stats_from
from cadence.services.stats.summary import (
    both_disciplines,
    consistency_from,
    crossover_from,
    summary_from,
)
from cadence.services.stats.types import (
    ALL,
    Consistency,
    CrossOver,
    DisciplineSummary,
    LoadSeries,
    PassageTempo,
    SessionSeries,
    SlipStats,
    StatsReport,
    StopPointStats,
    VolumeSeries,
    WeeklyLoad,
    WeeklySeries,
)
from cadence.services.stats.volume import volume_from
from cadence.store.db import journal_version
from cadence.store.models import Cycle, CyclePhase, Event, database
from cadence.store.queries import counted_sql


@dataclass(frozen=True)
class PhaseMark:
    """One phase of a training cycle (base, build, peak, taper, recovery), its whole dates."""

    cycle: str
    name: str  # a PhaseName value
    start: date
    end: date  # inclusive
    discipline: Discipline | None  # None: the cycle serves both crafts


@dataclass(frozen=True)
class EventMark:
    """A goal event (race, recital, audition) on its day."""

    name: str
    kind: str  # an EventKind value
    day: date
    discipline: Discipline | None


@dataclass(frozen=True)
class CycleMarks:
    phases: list[PhaseMark]
    events: list[EventMark]

    @property
    def empty(self) -> bool:
        return not self.phases and not self.events


def _discipline(value: str | None) -> Discipline | None:
    return Discipline(value) if value else None


def cycle_marks(start: date, end: date, discipline: Discipline | str | None = None) -> CycleMarks:
    """Phases that overlap [start, end] and events inside it, for one craft (or both).

    A cycle or event without a discipline belongs to both crafts and is always shown. The
    journal's marks are read once and kept while the journal is unchanged (`_journal_marks`);
    a range picks from them.
    """
    if end < start:
        raise ValueError(
            f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            "swap the two dates"
        )
    wanted = Discipline(discipline).value if discipline else None
    phases, events = _journal_marks()
    return CycleMarks(
        [
            mark
            for mark, craft in phases
            if mark.start <= end
            and mark.end >= start
            and (wanted is None or craft in (None, wanted))
        ],
        [
            mark
            for mark, craft in events
            if start <= mark.day <= end and (wanted is None or craft in (None, wanted))
        ],
    )


# The journal's marks, each with its craft as stored, and the journal version they were read at.
_kept_marks: (
    tuple[object, list[tuple[PhaseMark, str | None]], list[tuple[EventMark, str | None]]] | None
)
_kept_marks = None


def _journal_marks() -> tuple[
    list[tuple[PhaseMark, str | None]], list[tuple[EventMark, str | None]]
]:
    """Every phase and untrashed event of the journal in date order (thirty years hold a few
    hundred; each switch of range picked from them), read again after any write
    (`journal_version`, as the journal's facts)."""
    global _kept_marks
    version = journal_version()
    kept = _kept_marks  # read once: what is returned is what was checked
    if kept is not None and kept[0] == version:
        return kept[1], kept[2]
    # Tuples, not model objects.
    phase_query = (
        CyclePhase.select(
            Cycle.name,
            CyclePhase.name,
            CyclePhase.start_date,
            CyclePhase.end_date,
            Cycle.discipline,
        )
        .join(Cycle)
        .order_by(CyclePhase.start_date, CyclePhase.id)
    )
    event_query = (
        Event.select(Event.name, Event.kind, Event.date, Event.discipline)
        .where(Event.deleted_at.is_null())
        .order_by(Event.date, Event.id)
    )
    phases = [
        (PhaseMark(cycle, name, first, last, _discipline(craft)), _stored(craft))
        for cycle, name, first, last, craft in phase_query.tuples()
    ]
    events = [
        (EventMark(name, kind, day, _discipline(craft)), _stored(craft))
        for name, kind, day, craft in event_query.tuples()
    ]
    _kept_marks = (version, phases, events)
    return phases, events


def _stored(craft: object) -> str | None:
    """A mark's craft as its column holds it (None: both crafts), for the SQL's comparison."""
    if craft is None:
        return None
    return str(getattr(craft, "value", craft))


def journal_span(discipline: Discipline | str | None = None) -> tuple[date, date] | None:
    """The first and last day with a done, untrashed session (of one craft); None if none."""
    sql = f"SELECT min(local_date), max(local_date) FROM session WHERE {counted_sql()}"
    params: list[object] = []
    if discipline:
        sql += " AND discipline = ?"
        params.append(Discipline(discipline).value)
    first, last = database.execute_sql(sql, params).fetchone()
    if first is None:
        return None
    return date.fromisoformat(first), date.fromisoformat(last)


class RangeError(ValueError):
    """A range of dates that cannot be shown; the message says what to choose instead."""


def fit_range(start: date, end: date, today: date) -> tuple[date, date]:
    """The part of start..end worth computing: at most a year before the journal's first
    session and a year after its last (or today, if later). A range wholly outside that is kept
    if it is short (an empty month is a fair question) and refused if not (years 0001-9998 would
    be gigabytes of empty weeks)."""
    span = journal_span()
    first, last = span if span else (today, today)
    low, high = max(start, _years_on(first, -1)), min(end, _years_on(max(last, today), 1))
    if low <= high:
        return low, high
    if (end - start).days <= MAX_EMPTY_RANGE_DAYS:
        return start, end
    raise RangeError(
        f"there is no session between {start} and {end}: the journal runs from {first} to "
        f"{last}. Choose dates near those."
    )


def _years_on(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class LazyStats:
    """The measures of `compute_stats` for one range, each computed when first read.

    A tab of charts reads only what it draws, so switching the range costs the queries of the
    charts in view, not of every measure. The attributes have StatsReport's names and types and
    are computed by the very functions compute_stats calls, on one shared `Facts` (each kind of
    row fetched once); `report()` assembles the whole StatsReport. tests/ui/test_trends.py holds
    every chart to `compute_stats(...).to_json()` for the same range.

    With `journal` (`stats.journal.journal_facts()`, as the views pass), the rows are picked from
    the whole journal's facts, fetched once until the journal changes, instead of queried.
    """

    def __init__(
        self,
        start: date,
        end: date,
        discipline: Discipline | str | None = None,
        week_start: int = 0,
        today: date | None = None,
        journal: JournalFacts | None = None,
    ) -> None:
        self.scope = make_scope(start, end, discipline, week_start)
        self.facts = Facts(self.scope, today, journal)
        self.start = self.scope.start
        self.end = self.scope.end
        self.disciplines = list(self.scope.disciplines)
        self.week_start = self.scope.week_start

    @property
    def has_sessions(self) -> bool:
        """Whether the range holds any done session of the chosen crafts."""
        return self.facts.session_count() > 0

    @cached_property
    def daily(self) -> VolumeSeries:
        return volume_from(self.facts, "day")

    @cached_property
    def weekly(self) -> VolumeSeries:
        return volume_from(self.facts, "week")

    @cached_property
    def monthly(self) -> VolumeSeries:
        return volume_from(self.facts, "month")

    @cached_property
    def load(self) -> LoadSeries:
        return load_series_from(self.facts)

    @cached_property
    def weekly_load(self) -> WeeklyLoad:
        return weekly_load_from(self.facts, self.load)

    @cached_property
    def load_by_craft(self) -> dict[str, LoadSeries]:
        return load_by_craft_from(self.facts, self.load if len(self.disciplines) == 1 else None)

    @cached_property
    def weekly_load_by_craft(self) -> dict[str, WeeklyLoad]:
        return weekly_load_by_craft_from(self.facts, self.load_by_craft)

    @cached_property
    def completion_sessions(self) -> SessionSeries:
        return completion_sessions_from(self.facts)

    @cached_property
    def completion(self) -> WeeklySeries:
        return weekly_completion_from(self.facts)

    @cached_property
    def intention_rate(self) -> WeeklySeries:
        return weekly_intention_rate_from(self.facts)

    @cached_property
    def accuracy_sessions(self) -> SessionSeries:
        return accuracy_sessions_from(self.facts)

    @cached_property
    def accuracy(self) -> WeeklySeries:
        return weekly_accuracy_from(self.facts)

    @cached_property
    def stop_points(self) -> StopPointStats:
        return stop_point_stats_from(self.facts)

    @cached_property
    def slips(self) -> SlipStats:
        return slip_stats_from(self.facts)

    @cached_property
    def tempo(self) -> list[PassageTempo]:
        return tempo_progress_from(self.facts)

    @cached_property
    def consistency(self) -> Consistency:
        return consistency_from(self.facts)

    @cached_property
    def summary(self) -> dict[str, DisciplineSummary]:
        return summary_from(self.facts, self.weekly, self.consistency)

    @cached_property
    def crossover(self) -> CrossOver:
        both = self.scope.disciplines == tuple(Discipline)
        facts = self.facts
        return crossover_from(
            facts if both else Facts(both_disciplines(self.scope), facts.today, facts.journal)
        )

    def load_of(self, discipline: Discipline | str) -> LoadSeries:
        """The load series of one craft over the same range (Compare draws each craft's own):
        `load_by_craft`'s, for a chosen craft."""
        key = Discipline(discipline).value
        if key in self.load_by_craft:
            return self.load_by_craft[key]
        scope = make_scope(self.start, self.end, discipline, self.week_start)
        return load_series_from(Facts(scope, self.facts.today, self.facts.journal))

    def load_arrays(self, key: str) -> dict[str, np.ndarray] | None:
        """The drawn curves of `load_by_craft[key]` (ALL: of `load`) as the journal's kept
        arrays (`stats.load.load_arrays`); None without the journal's facts."""
        if key == ALL:
            return load_arrays(self.facts, self.load)
        return load_arrays(craft_facts(self.facts)[key], self.load_by_craft[key])

    def report(self) -> StatsReport:
        """Every measure, as compute_stats returns them."""
        return StatsReport(
            start=self.start,
            end=self.end,
            disciplines=self.disciplines,
            week_start=self.week_start,
            daily=self.daily,
            weekly=self.weekly,
            monthly=self.monthly,
            load=self.load,
            weekly_load=self.weekly_load,
            load_by_craft=self.load_by_craft,
            weekly_load_by_craft=self.weekly_load_by_craft,
            completion_sessions=self.completion_sessions,
            completion=self.completion,
            intention_rate=self.intention_rate,
            accuracy_sessions=self.accuracy_sessions,
            accuracy=self.accuracy,
            stop_points=self.stop_points,
            slips=self.slips,
            tempo=self.tempo,
            consistency=self.consistency,
            summary=self.summary,
            crossover=self.crossover,
        )


# What the charts draw from: a whole report, or the same measures computed on demand.
Measures = StatsReport | LazyStats


__all__ = [
    "CycleMarks",
    "EventMark",
    "LazyStats",
    "Measures",
    "PhaseMark",
    "cycle_marks",
    "journal_span",
]
