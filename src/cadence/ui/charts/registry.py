"""Every chart kind once: how it is drawn from the measures, and how its axes read. Trends,
Compare and the report images all draw from here (`draw_chart`), each with what it knows of its
own place in `Where`: the crafts drawn, the units, the passage, the key of a one-key chart.

Views add to this only what is theirs alone: Trends' load charts per craft with their "total"
choice and its passage chooser, Compare's per-craft load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cadence.domain.enums import Discipline
from cadence.domain.palette import BOTH, discipline_colour
from cadence.domain.units import Units
from cadence.services.season.focus_progress import focus_timeline
from cadence.services.stats.lazy import Measures
from cadence.services.stats.types import ALL
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.crossover import draw_crossover
from cadence.ui.charts.focus_target import draw_focus_target
from cadence.ui.charts.heatmap import draw_heatmap
from cadence.ui.charts.labels import key_name
from cadence.ui.charts.load import draw_acute_chronic, draw_load, draw_monotony, draw_strain
from cadence.ui.charts.quality import (
    draw_accuracy,
    draw_completion,
    draw_focus,
    draw_intention_rate,
    draw_rpe,
    draw_tempo,
)
from cadence.ui.charts.stops import draw_slips, draw_stop_position, draw_stop_reasons
from cadence.ui.charts.volume import (
    draw_days_practised,
    draw_distance,
    draw_minutes,
    draw_sessions,
)


@dataclass(frozen=True)
class Where:
    """What a chart needs to know of the place it is drawn in."""

    keys: list[str]  # the crafts drawn, as keys of the measures ("music", "running")
    units: Units = Units.KM
    passage_id: int | None = None  # tempo progress: this passage (None: the first with points)
    key: str = ALL  # a chart of one key (stop-points by reason): whose
    focus_id: int | None = None  # focus_target: the focus target drawn through its cycle


Draw = Callable[[Chart, Measures, Where], None]


@dataclass(frozen=True)
class ChartKind:
    draw: Draw
    percent: bool = False  # the y axis reads in percent
    time_axis: bool = True  # dates along x (cycles and events shade it)


def report_colour(report: Measures) -> str:
    """The colour of the report's disciplines together: the discipline's own, or the neutral one."""
    if len(report.disciplines) == 1:
        return discipline_colour(report.disciplines[0])
    return BOTH


def report_who(report: Measures) -> str:
    """The name of the report's disciplines together ("Music", "Music and running")."""
    return key_name(report.disciplines[0].value if len(report.disciplines) == 1 else ALL)


def keys_of(report: Measures) -> list[str]:
    return [d.value for d in report.disciplines]


def _tempo(chart: Chart, report: Measures, where: Where) -> None:
    passage_id = where.passage_id
    chosen = [p for p in report.tempo if passage_id is None or p.passage_id == passage_id]
    if passage_id is not None and not chosen:
        known = ", ".join(str(p.passage_id) for p in report.tempo) or "none"
        raise ValueError(
            f"passage {passage_id} has no tempo points in this report; passages with points: {known}"
        )
    passage = chosen[0] if chosen else None
    draw_tempo(chart, passage, report.start, report.end, report.week_start)


def _focus_target(chart: Chart, report: Measures, where: Where) -> None:
    """One focus target through its cycle: drawn from the journal by its id, not the measures."""
    if where.focus_id is None:
        raise ValueError("a focus_target chart needs the focus target's id (focus_id)")
    week_start = getattr(report, "week_start", 0)
    draw_focus_target(chart, focus_timeline(where.focus_id), week_start, units=where.units)


def _daily(draw: Callable[..., None]) -> Draw:
    """A load chart of the whole report (both crafts summed when both are drawn)."""
    return lambda c, r, _w: draw(
        c, r.load, report_colour(r), r.start, r.end, r.week_start, report_who(r)
    )


def _weekly(draw: Callable[..., None]) -> Draw:
    return lambda c, r, _w: draw(
        c,
        r.weekly_load,
        report_colour(r),
        r.start,
        r.end,
        r.week_start,
        report_who(r),
        running=r.disciplines == [Discipline.RUNNING],
    )


CHARTS: dict[str, ChartKind] = {
    "minutes_per_week": ChartKind(lambda c, r, w: draw_minutes(c, r, w.keys)),
    "sessions_per_week": ChartKind(lambda c, r, w: draw_sessions(c, r, w.keys)),
    "distance_per_week": ChartKind(lambda c, r, w: draw_distance(c, r, w.units)),
    "days_practised": ChartKind(lambda c, r, _w: draw_days_practised(c, r)),
    "load": ChartKind(_daily(draw_load)),
    "acute_chronic": ChartKind(_daily(draw_acute_chronic)),
    "monotony": ChartKind(_weekly(draw_monotony)),
    "strain": ChartKind(_weekly(draw_strain)),
    "focus": ChartKind(lambda c, r, w: draw_focus(c, r, w.keys)),
    "rpe": ChartKind(lambda c, r, w: draw_rpe(c, r, w.keys)),
    "intention_rate": ChartKind(lambda c, r, w: draw_intention_rate(c, r, w.keys), percent=True),
    "completion": ChartKind(lambda c, r, w: draw_completion(c, r, w.keys), percent=True),
    "accuracy": ChartKind(lambda c, r, _w: draw_accuracy(c, r), percent=True),
    "stop_points_by_reason": ChartKind(lambda c, r, w: draw_stop_reasons(c, r, w.key)),
    "stop_position": ChartKind(lambda c, r, w: draw_stop_position(c, r, w.keys), time_axis=False),
    "slips_per_week": ChartKind(lambda c, r, w: draw_slips(c, r, w.keys)),
    "tempo_progress": ChartKind(_tempo),
    "heatmap": ChartKind(lambda c, r, _w: draw_heatmap(c, r)),
    "crossover": ChartKind(lambda c, r, _w: draw_crossover(c, r.crossover), time_axis=False),
    "focus_target": ChartKind(_focus_target),
}


def draw_chart(kind: str, chart: Chart, report: Measures, where: Where) -> None:
    CHARTS[kind].draw(chart, report, where)
