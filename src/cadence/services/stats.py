"""The measures of Cadence, computed from the journal with aggregate SQL.

`compute_stats(start, end, discipline, week_start)` returns every measure for a range as one
`StatsReport`; the finer functions here and in the stats_* modules return one measure each, for
a chart that needs only that. All of them:

- count only done sessions (planned ones are plans) that are not in the trash;
- take local dates [start, end], inclusive; a discipline (None = both); week_start 0 = Monday;
- return dense series (every day/week/month of the range, zeros or None where nothing happened).

Definitions, units and conventions: docs/measures.md. The arithmetic: cadence.domain.measures.
"""

from __future__ import annotations

from datetime import date

from cadence.domain.enums import Discipline
from cadence.services.stats_load import load_series, load_series_in, weekly_load, weekly_load_from
from cadence.services.stats_quality import (
    accuracy_sessions,
    accuracy_sessions_in,
    completion_sessions,
    completion_sessions_in,
    tempo_progress,
    tempo_progress_in,
    weekly_accuracy,
    weekly_accuracy_in,
    weekly_completion,
    weekly_completion_in,
    weekly_intention_rate,
    weekly_intention_rate_in,
)
from cadence.services.stats_sql import make_scope
from cadence.services.stats_stops import stop_insight, stop_point_stats, stop_point_stats_in
from cadence.services.stats_summary import (
    consistency,
    consistency_in,
    crossover,
    crossover_in,
    summary,
    summary_in,
)
from cadence.services.stats_types import StatsReport
from cadence.services.stats_volume import heatmap, volume, volume_in

# The finer functions, one measure each, for a chart that needs only that one.
__all__ = [
    "accuracy_sessions",
    "completion_sessions",
    "compute_stats",
    "consistency",
    "crossover",
    "heatmap",
    "load_series",
    "stop_insight",
    "stop_point_stats",
    "summary",
    "tempo_progress",
    "volume",
    "weekly_accuracy",
    "weekly_completion",
    "weekly_intention_rate",
    "weekly_load",
]


def compute_stats(
    start: date,
    end: date,
    discipline: Discipline | str | None = None,
    week_start: int = 0,
    today: date | None = None,
) -> StatsReport:
    """Every measure for [start, end]; `today` anchors the current streak (default: today).

    Raises ValueError (with what to change) for a reversed range, an unknown discipline or a
    week_start outside 0..6.
    """
    scope = make_scope(start, end, discipline, week_start)
    weekly = volume_in(scope, "week")
    load = load_series_in(scope)
    days = consistency_in(scope, today or date.today())
    return StatsReport(
        start=scope.start,
        end=scope.end,
        disciplines=list(scope.disciplines),
        week_start=scope.week_start,
        daily=volume_in(scope, "day"),
        weekly=weekly,
        monthly=volume_in(scope, "month"),
        load=load,
        weekly_load=weekly_load_from(scope, load),
        completion_sessions=completion_sessions_in(scope),
        completion=weekly_completion_in(scope),
        intention_rate=weekly_intention_rate_in(scope),
        accuracy_sessions=accuracy_sessions_in(scope),
        accuracy=weekly_accuracy_in(scope),
        stop_points=stop_point_stats_in(scope),
        tempo=tempo_progress_in(scope),
        consistency=days,
        summary=summary_in(scope, weekly, days),
        crossover=crossover_in(scope),
    )
