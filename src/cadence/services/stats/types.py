"""The typed results of the measures: frozen dataclasses that print as plain JSON.

Each result turns into JSON with `to_json()` (dates as ISO strings, enums as their values), so
`cadence stats --json` prints exactly what the charts draw. Series are dense: one value per day,
week or month of the range, in order, also for periods without sessions.

Per-discipline maps are keyed by the discipline's value ("music", "running") and by ALL ("all"),
the chosen disciplines together (sums added, rates pooled from their parts, not averaged).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any

from cadence.domain.enums import Discipline
from cadence.domain.measures import Period, Streaks

ALL = "all"
# What a load series of both crafts together is: a sum of practice, not a physiological quantity.
TOTAL_LOAD_LABEL = "total practice load, both crafts"

JsonValue = Any  # None, bool, int, float, str, list or dict of these


_SCALARS = frozenset({int, str, bool, type(None)})
_NUMBERS = frozenset({float, int, type(None)})
_NOT_FINITE = "a measure came out as NaN or infinite; measures must be finite or None"


def to_plain(value: object) -> JsonValue:
    """Dataclasses, dates, enums, dicts and lists as JSON-ready values; refuses NaN and infinity."""
    kind = type(value)
    if kind is float:
        if not math.isfinite(value):  # pyright: ignore[reportArgumentType]
            raise ValueError(_NOT_FINITE)
        return value
    if kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        return _plain_list(value)  # pyright: ignore[reportArgumentType]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k.value if isinstance(k, Enum) else k): to_plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return _plain_list(value)
    if isinstance(value, float):
        return to_plain(float(value))
    return value


def _plain_list(values: list | tuple) -> list[JsonValue]:
    """The hot path: series of thousands of numbers or dates, checked in bulk."""
    kinds = set(map(type, values))
    if kinds <= _SCALARS:
        return list(values)
    if kinds <= _NUMBERS:
        numbers = values if type(None) not in kinds else [v for v in values if v is not None]
        if not math.isfinite(sum(numbers)):
            raise ValueError(_NOT_FINITE)
        return list(values)
    if kinds == {date}:
        return [v.isoformat() for v in values]
    return [to_plain(v) for v in values]


class JsonMixin:
    def to_json(self) -> dict[str, JsonValue]:
        """This result as JSON-ready dicts and lists (what `cadence stats --json` prints)."""
        plain = to_plain(self)
        assert isinstance(plain, dict)
        return plain


@dataclass(frozen=True)
class VolumeSeries(JsonMixin):
    """How much per period. Keys: each chosen discipline and ALL.

    minutes: sum of session durations ÷ 60; sessions: count; distance_km: running distance
    (music has none, so its list is all 0); load: sum of RPE × minutes (AU) of sessions with an
    RPE; focus_mean / rpe_mean: mean rating of the sessions that have one (None if none).
    """

    period: Period
    starts: list[date]
    minutes: dict[str, list[float]]
    sessions: dict[str, list[int]]
    distance_km: dict[str, list[float]]
    load: dict[str, list[float]]
    focus_mean: dict[str, list[float | None]]
    rpe_mean: dict[str, list[float | None]]


@dataclass(frozen=True)
class LoadSeries(JsonMixin):
    """Daily training load of the chosen disciplines together, and what follows from it.

    The averages are warmed up from `history_start` (the first day with a done session, or the
    range's start if later), so their values inside the range are exact. `label` names what the
    load is of: one craft ("music", "running") or TOTAL_LOAD_LABEL, both crafts summed.
    """

    label: str
    days: list[date]
    load: list[float]  # RPE × minutes, AU; 0 on days without sessions
    fitness: list[float]  # EWMA, τ = 42 days
    fatigue: list[float]  # EWMA, τ = 7 days
    form: list[float]  # fitness − fatigue, of the day before
    acute_chronic: list[float | None]  # 7-day mean ÷ 28-day mean; None before 28 days of history
    monotony: list[float | None]  # of the 7 days ending that day; None when their SD is 0
    strain: list[float | None]  # 7-day load × monotony
    history_start: date | None
    unrated_sessions: int  # done sessions in the range without an RPE: they add no load


@dataclass(frozen=True)
class WeeklyLoad(JsonMixin):
    """Per week: total load, and Foster's monotony and strain of its 7 days.

    Monotony and strain need the whole week inside the range (else None), and a non-zero SD.
    """

    weeks: list[date]
    load: list[float]
    monotony: list[float | None]
    strain: list[float | None]


@dataclass(frozen=True)
class WeeklySeries(JsonMixin):
    """One value per week and key, with `n`, the count each value rests on (see each measure)."""

    weeks: list[date]
    values: dict[str, list[float | None]]
    n: dict[str, list[int]]


@dataclass(frozen=True)
class SessionSeries(JsonMixin):
    """A measure of single sessions (completion, accuracy), as columns in date order: entry i is
    session `session_ids[i]` on `days[i]`. Sessions without the measure are not listed."""

    session_ids: list[int]
    days: list[date]
    disciplines: list[str]
    kinds: list[str]
    values: list[float]


@dataclass(frozen=True)
class StopInsight(JsonMixin):
    """A sentence about where stops fall, and the numbers it rests on."""

    text: str
    discipline: Discipline
    kind: str
    basis: str  # "reps" or "time"
    n: int  # stop-points it rests on
    of_total: int  # all stop-points of the range (both actions, placed or not)
    mean_fraction: float  # mean position in the plan (0.8 = 80 %)
    mean_at: float  # mean rep (or minute) of the stop
    mean_planned: float  # mean planned reps (or minutes)
    top_reason: str
    top_reason_count: int


@dataclass(frozen=True)
class StopPointStats(JsonMixin):
    """Stop-points of done, untrashed sessions, both actions (stopped and pushed on).

    Keys of every map: each chosen discipline and ALL. `per_reason[key][reason]` is a weekly count
    list on `weeks`; `position` counts stops per bin of `position_bins` (fraction of the planned
    reps, else of the planned time; stops with neither are not placed but still counted).
    """

    weeks: list[date]
    per_reason: dict[str, dict[str, list[int]]]
    position_bins: list[str]
    position: dict[str, list[int]]
    body_areas: dict[str, dict[str, int]]  # by area_key: a left and a right wrist apart
    actions: dict[str, dict[str, int]]
    total: dict[str, int]
    insight: StopInsight | None


@dataclass(frozen=True)
class SlipKey(JsonMixin):
    """The slips of one key (a discipline, or ALL) over the range, pooled from each session's
    `SessionSlips` (domain/slips.py): shares are from the sums, never averaged."""

    sessions: int  # done, untrashed sessions in the range
    slips: int
    per_session: float | None  # slips ÷ sessions
    let_go: int
    answered: int
    let_go_share: float | None  # let go ÷ answered
    recovered: int
    judged: int
    recovered_share: float | None  # recovered ÷ judged
    per_week: list[int]  # slips logged in the sessions of each week of `weeks`
    sentence: str  # the reports' sentence (services.records.slips.slips_sentence), "" without slips


@dataclass(frozen=True)
class SlipStats(JsonMixin):
    """Slips (a wrong note, a rep far too fast) per key: each chosen discipline and ALL."""

    weeks: list[date]
    by_key: dict[str, SlipKey]


@dataclass(frozen=True)
class PassageTempo(JsonMixin):
    """One passage: per session (columns in date order) the best achieved BPM among its blocks
    with at least one clean rep, and that BPM ÷ the passage's target (None without a target)."""

    passage_id: int
    label: str
    piece: str
    start_bpm: float | None
    target_bpm: float | None
    days: list[date]
    session_ids: list[int]
    best_bpm: list[float]
    fraction_of_target: list[float | None]


@dataclass(frozen=True)
class Consistency(JsonMixin):
    """Days practised per week (distinct dates) and streaks, per key.

    `streaks[key].longest` is the longest run inside the range; `current` counts back from
    `today` over the whole journal (alive while yesterday was practised and today is not over).
    The calendar heat map is the daily VolumeSeries' minutes.
    """

    weeks: list[date]
    days_practised: dict[str, list[int]]
    streaks: dict[str, Streaks]
    today: date


@dataclass(frozen=True)
class SummaryStat(JsonMixin):
    """One row of the side-by-side summary.

    total: the sum over the range (for a rate: the pooled rate, all numerators ÷ all denominators;
    None where a sum means nothing, as for ratings); mean and median: over the units named in
    docs/measures.md (sessions, or weeks for `sessions` and `days_practised`); n: how many units.
    """

    total: float | None
    mean: float | None
    median: float | None
    n: int


@dataclass(frozen=True)
class DisciplineSummary(JsonMixin):
    minutes: SummaryStat  # per session
    sessions: SummaryStat  # per week
    days_practised: SummaryStat  # per week
    distance_km: SummaryStat  # per session with a distance
    load: SummaryStat  # per session with an RPE
    focus: SummaryStat  # per rated session
    rpe: SummaryStat  # per rated session
    completion: SummaryStat  # per session with a plan
    intention_rate: SummaryStat  # per session with a rated intention
    accuracy: SummaryStat  # per session with done reps and clean reps recorded


@dataclass(frozen=True)
class CrossOver(JsonMixin):
    """A day's running load against the next day's music focus, as pairs in columns, with
    Pearson's r (None with fewer than 3 pairs or a constant side) and n, the number of pairs.

    days[i] is the day of the run (or of no run: load 0); next_day_focus[i] the mean focus of
    the music sessions rated on the day after.
    """

    days: list[date]
    run_load: list[float]
    next_day_focus: list[float]
    r: float | None
    n: int


@dataclass(frozen=True)
class StatsReport(JsonMixin):
    """Every measure for a range, as the Trends and Compare charts and the reports draw them."""

    start: date
    end: date
    disciplines: list[Discipline]
    week_start: int
    daily: VolumeSeries  # also the calendar heat map
    weekly: VolumeSeries
    monthly: VolumeSeries
    load: LoadSeries  # the chosen crafts together (with both: TOTAL_LOAD_LABEL)
    weekly_load: WeeklyLoad
    load_by_craft: dict[str, LoadSeries]  # each chosen craft's own load, fitness, fatigue, form
    weekly_load_by_craft: dict[str, WeeklyLoad]
    completion_sessions: SessionSeries
    completion: WeeklySeries
    intention_rate: WeeklySeries
    accuracy_sessions: SessionSeries
    accuracy: WeeklySeries
    stop_points: StopPointStats
    slips: SlipStats
    tempo: list[PassageTempo]
    consistency: Consistency
    summary: dict[str, DisciplineSummary]
    crossover: CrossOver
