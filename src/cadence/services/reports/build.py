"""Printable reports for oneself, a teacher or a coach, built without Qt.

`build_report(ReportSpec(start, end, discipline, audience))` reads the journal and returns a
`ReportContent`: the headline figures, which charts to draw (by name), the tables (sessions by
month, passages, weeks), the stop-point summary, shared reflections and next intentions.
`report_html(content)` (reports/html.py) turns that into HTML in which everything the user wrote
is escaped and charts are referenced as <img src="chart:NAME">; cadence.ui.printing draws the
charts, paginates and prints. The measures come from the stats service, never recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cadence.domain.enums import Discipline
from cadence.domain.palette import BOTH, discipline_colour
from cadence.domain.slips import pooled
from cadence.domain.units import Units, distance_in
from cadence.services.experiment.experiment_results import ExperimentResult, experiment_results
from cadence.services.records.preferences import load_preferences
from cadence.services.records.slips import slips_sentence
from cadence.services.reports import queries as q
from cadence.services.reports.cycle import cycle_report
from cadence.services.reports.html import report_html
from cadence.services.reports.types import (
    Audience,
    ChartRef,
    Figure,
    FigureRow,
    ReportContent,
    ReportSpec,
    Section,
    StopSummary,
    WeekRow,
)
from cadence.services.stats.lazy import LazyStats, cycle_marks
from cadence.services.stats.sql import make_scope
from cadence.services.stats.types import ALL
from cadence.store.models import Cycle

__all__ = [
    "Audience",
    "ReportContent",
    "ReportSpec",
    "build_report",
    "report_html",
    "training_cycles",
]

NEXT_INTENTIONS_SHOWN = 12
WEEKLY_CHARTS_MIN_WEEKS = 3  # a weekly bar chart of one or two bars says nothing
HEATMAP_MIN_DAYS = 56
STOP_CHART_MIN = 3
TEMPO_CHARTS = {Audience.TEACHER: 3, Audience.SELF: 1, Audience.COACH: 0}

# The charts of each discipline's section, by audience, in order (only those with data are drawn).
SECTION_CHARTS: dict[Discipline, dict[Audience, tuple[str, ...]]] = {
    Discipline.MUSIC: {
        Audience.TEACHER: ("minutes_per_week", "accuracy", "intention_rate"),
        Audience.SELF: ("minutes_per_week", "intention_rate", "accuracy"),
        Audience.COACH: ("minutes_per_week",),
    },
    Discipline.RUNNING: {
        Audience.COACH: ("distance_per_week", "load", "acute_chronic", "rpe"),
        Audience.SELF: ("distance_per_week", "load"),
        Audience.TEACHER: ("distance_per_week",),
    },
}
TITLES = {
    None: "Music and running report",
    Discipline.MUSIC: "Music practice report",
    Discipline.RUNNING: "Running training report",
}


@dataclass(frozen=True)
class CycleLine:
    """A training cycle as a report's choice of range names it."""

    id: int
    name: str
    start_date: date
    end_date: date
    discipline: Discipline | None


def training_cycles() -> list[CycleLine]:
    """The training cycles, latest first: a report can cover one exactly (records, one query)."""
    query = Cycle.select(Cycle.id, Cycle.name, Cycle.start_date, Cycle.end_date, Cycle.discipline)
    query = query.order_by(Cycle.start_date.desc(), Cycle.id.desc())
    return [CycleLine(*row) for row in query.tuples()]


def experiments_in(
    start: date, end: date, discipline: Discipline | None, today: date
) -> list[ExperimentResult]:
    """The experiments whose days overlap the range (of the report's craft), with results."""
    return [
        r
        for r in experiment_results(today)
        if r.experiment.start_date <= end
        and r.experiment.last_day >= start
        and (discipline is None or r.experiment.discipline == discipline)
    ]


def build_report(spec: ReportSpec, today: date | None = None) -> ReportContent:
    """The content of the report for `spec`, read from the open journal.

    `today` is the day the report is made (default: the real today); the streak shown is the
    one alive at the range's end (or today, if earlier)."""
    today = today or date.today()
    prefs = load_preferences()
    at = min(spec.end, today)
    scopes: dict[str, LazyStats] = {
        ALL: LazyStats(spec.start, spec.end, spec.discipline, prefs.week_start, today=at)
    }
    for discipline in spec.disciplines:
        scopes[discipline.value] = (
            scopes[ALL]
            if spec.discipline is not None
            else LazyStats(spec.start, spec.end, discipline, prefs.week_start, today=at)
        )
    marks = {ALL: cycle_marks(spec.start, spec.end, spec.discipline)}
    for discipline in spec.disciplines:
        marks[discipline.value] = cycle_marks(spec.start, spec.end, discipline)
    sections = [_section(spec, d, scopes[d.value], prefs.week_start) for d in spec.disciplines]
    recipient = {Audience.TEACHER: prefs.teacher, Audience.COACH: prefs.coach}.get(
        spec.audience, ""
    )
    return ReportContent(
        spec=spec,
        title=TITLES[spec.discipline],
        person=prefs.name.strip(),
        recipient=recipient.strip(),
        units=prefs.units,
        week_start=prefs.week_start,
        created_on=today,
        figures=_figures(spec, scopes[ALL], prefs.units),
        overview_charts=_overview_charts(spec, scopes[ALL]),
        events=q.events(spec.start, spec.end, spec.discipline),
        sections=sections,
        day_reflections=q.day_reflections(spec.start, spec.end) if spec.discipline is None else [],
        measures=scopes,
        marks=marks,
        focus_targets=q.focus_targets(spec.start, spec.end, spec.discipline),
        reviews=q.weekly_reviews(spec.start, spec.end) if spec.audience == Audience.SELF else [],
        experiments=experiments_in(spec.start, spec.end, spec.discipline, today),
        cycle=cycle_report(spec.cycle_id, spec.audience) if spec.cycle_id is not None else None,
    )


# --- figures ---------------------------------------------------------------------------------


# what a day counted in "Days" held, in the words of the reader of each section
ACTIVE_DAYS = {Discipline.MUSIC.value: "with practice", Discipline.RUNNING.value: "with a run"}


def _figures(spec: ReportSpec, m: LazyStats, units: Units) -> list[FigureRow]:
    keys = [d.value for d in spec.disciplines] + ([ALL] if spec.discipline is None else [])
    days = (spec.end - spec.start).days + 1
    runs = Discipline.RUNNING in spec.disciplines
    rows = []
    for key in keys:
        s = m.summary[key]
        streak = m.consistency.streaks[key]
        figures = [
            Figure("Time", *hours_text(s.minutes.total or 0)),
            Figure("Sessions", f"{int(s.sessions.total or 0):,}"),
        ]
        if runs:
            metres = (s.distance_km.total or 0) * 1000 if key != Discipline.MUSIC.value else None
            figures.append(Figure("Distance", *distance_text(metres, units)))
        figures += [
            Figure("Load", f"{s.load.total or 0:,.0f}", "", "RPE × minutes"),
            Figure(
                "Days",
                f"{int(s.days_practised.total or 0)}",
                f"of {days}",
                ACTIVE_DAYS.get(key, "with music or a run"),
            ),
            Figure(
                "Streak",
                f"{streak.longest}",
                "day" if streak.longest == 1 else "days",
                f"longest; {streak.current} by the last day",
            ),
        ]
        title = "Together" if key == ALL else Discipline(key).value.capitalize()
        colour = BOTH if key == ALL else discipline_colour(key)
        rows.append(FigureRow(key, title, colour, figures))
    return rows


def hours_text(minutes: float) -> tuple[str, str]:
    """A headline time and its unit: minutes below an hour, else hours."""
    if round(minutes) < 60:
        return f"{round(minutes)}", "min"
    hours = minutes / 60
    return (f"{hours:.1f}" if hours < 10 else f"{hours:,.0f}"), "h"


def distance_text(metres: float | None, units: Units) -> tuple[str, str]:
    value = distance_in(metres, units)
    if value is None:
        return "–", ""
    return (f"{value:,.0f}" if value >= 100 or value == 0 else f"{value:.1f}"), units


# --- charts ----------------------------------------------------------------------------------


def _weeks(spec: ReportSpec) -> int:
    return ((spec.end - spec.start).days + 1) // 7


def _has(series: list[float | None] | list[float]) -> bool:
    return any(v for v in series if v is not None)


def _chart_has_data(kind: str, m: LazyStats, key: str) -> bool:
    if kind == "minutes_per_week":
        return _has(m.weekly.minutes[key])
    if kind == "distance_per_week":
        return _has(m.weekly.distance_km[key])
    if kind == "intention_rate":
        return _has(m.intention_rate.values[key])
    if kind == "accuracy":
        return _has(m.accuracy.values[key])
    if kind == "rpe":
        return _has(m.weekly.rpe_mean[key])
    if kind == "load":
        return _has(m.load.load)
    if kind == "acute_chronic":
        return _has(m.load.acute_chronic)
    if kind == "stop_points_by_reason":  # a chart of one or two stops says less than the table
        return m.stop_points.total[ALL] >= STOP_CHART_MIN
    if kind == "heatmap":
        return _has(m.daily.minutes[ALL])
    raise ValueError(f"no data check for chart {kind!r}")


_WEEKLY = {"minutes_per_week", "distance_per_week", "intention_rate", "accuracy", "rpe"}


def _wanted(spec: ReportSpec, kind: str, m: LazyStats, key: str) -> bool:
    if kind in _WEEKLY and _weeks(spec) < WEEKLY_CHARTS_MIN_WEEKS:
        return False
    return _chart_has_data(kind, m, key)


def _overview_charts(spec: ReportSpec, m: LazyStats) -> list[ChartRef]:
    """With both disciplines: minutes of both on one axis, and the calendar for oneself."""
    if spec.discipline is not None:
        return []
    kinds = ["minutes_per_week"]
    if spec.audience == Audience.SELF and (spec.end - spec.start).days + 1 >= HEATMAP_MIN_DAYS:
        kinds.append("heatmap")
    return [
        ChartRef(f"all-{kind}", kind, ALL, size=(900, 260) if kind == "heatmap" else (900, 300))
        for kind in kinds
        if _wanted(spec, kind, m, ALL)
    ]


def _section_charts(spec: ReportSpec, discipline: Discipline, m: LazyStats) -> list[ChartRef]:
    key = discipline.value
    charts = [
        ChartRef(f"{key}-{kind}", kind, key)
        for kind in SECTION_CHARTS[discipline][spec.audience]
        if _wanted(spec, kind, m, key)
    ]
    if discipline == Discipline.MUSIC:
        passages = sorted(
            (p for p in m.tempo if len(p.best_bpm) >= 2), key=lambda p: -len(p.best_bpm)
        )
        for p in passages[: TEMPO_CHARTS[spec.audience]]:
            charts.append(
                ChartRef(
                    f"{key}-tempo-{p.passage_id}",
                    "tempo_progress",
                    key,
                    passage_id=p.passage_id,
                    size=(900, 270),
                )
            )
    if _wanted(spec, "stop_points_by_reason", m, key):
        charts.append(ChartRef(f"{key}-stop_points_by_reason", "stop_points_by_reason", key))
    return charts


# --- sections --------------------------------------------------------------------------------


def _week_rows(m: LazyStats) -> list[WeekRow]:
    key = Discipline.RUNNING.value
    weekly, load = m.weekly, m.weekly_load
    return [
        WeekRow(
            week=week,
            sessions=weekly.sessions[key][i],
            minutes=weekly.minutes[key][i],
            distance_km=weekly.distance_km[key][i],
            load=load.load[i],
            monotony=load.monotony[i],
            strain=load.strain[i],
        )
        for i, week in enumerate(weekly.starts)
    ]


def _section(spec: ReportSpec, discipline: Discipline, m: LazyStats, week_start: int) -> Section:
    scope = make_scope(spec.start, spec.end, discipline, week_start)
    rows = q.session_rows(scope)
    by_reason, by_area = q.stop_counts(rows)
    insight = m.stop_points.insight
    shared, next_time = q.session_reflections(scope)
    music = discipline == Discipline.MUSIC
    detailed = spec.audience == Audience.SELF or (
        spec.audience == (Audience.TEACHER if music else Audience.COACH)
    )
    return Section(
        discipline=discipline,
        title=discipline.value.capitalize(),
        colour=discipline_colour(discipline),
        charts=_section_charts(spec, discipline, m),
        passages=q.passage_rows(scope, m.tempo) if music and detailed else None,
        weeks=_week_rows(m) if not music and detailed else None,
        months=q.by_month(rows),
        stops=StopSummary(
            total=sum(c.total for c in by_reason),
            by_reason=by_reason,
            by_body_area=by_area,
            insight=insight.text if insight is not None else "",
            slips=slips_sentence(len(rows), pooled([r.slips for r in rows if r.slips])),
        ),
        reflections=shared,
        next_intentions=next_time[:NEXT_INTENTIONS_SHOWN],
        earlier_next_intentions=max(0, len(next_time) - NEXT_INTENTIONS_SHOWN),
    )
