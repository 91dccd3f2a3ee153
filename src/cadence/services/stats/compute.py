"""The measures of Cadence, computed from the journal with aggregate SQL.

`compute_stats(start, end, discipline, week_start)` returns every measure for a range as one
`StatsReport`. The finer functions (listed in __all__) return one measure each, for a chart that
needs only that one. A view that draws several charts builds one `Facts(make_scope(...))` and
calls the `*_from(facts)` variants in the stats/ modules: each kind of fact is then fetched
once for all of them, as `compute_stats` does. All of them:

- count only done sessions (planned ones are plans) that are not in the trash;
- take local dates [start, end], inclusive; a discipline (None = both); week_start 0 = Monday;
- return dense series (every day/week/month of the range, zeros or None where nothing happened).

Definitions, units and conventions: docs/measures.md. The arithmetic: cadence.domain.measures.
"""

from __future__ import annotations

from datetime import date

from cadence.domain.enums import Discipline
from cadence.services.stats.facts import Facts
from cadence.services.stats.load import (
    load_by_craft_from,
    load_series,
    load_series_from,
    weekly_load,
    weekly_load_by_craft_from,
    weekly_load_from,
)
from cadence.services.stats.quality import (
    accuracy_sessions,
    accuracy_sessions_from,
    completion_sessions,
    completion_sessions_from,
    tempo_progress,
    tempo_progress_from,
    weekly_accuracy,
    weekly_accuracy_from,
    weekly_completion,
    weekly_completion_from,
    weekly_intention_rate,
    weekly_intention_rate_from,
)
from cadence.services.stats.slips import slip_stats_from
from cadence.services.stats.sql import make_scope
from cadence.services.stats.stops import stop_insight, stop_point_stats, stop_point_stats_from
from cadence.services.stats.summary import (
    both_disciplines,
    consistency,
    consistency_from,
    crossover,
    crossover_from,
    summary,
    summary_from,
)
from cadence.services.stats.types import StatsReport
from cadence.services.stats.volume import heatmap, volume, volume_from

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
    facts = Facts(scope, today)  # one fetch of each kind, shared by every measure below
    both = facts if len(scope.disciplines) == len(Discipline) else Facts(both_disciplines(scope))
    weekly = volume_from(facts, "week")
    load = load_series_from(facts)
    days = consistency_from(facts)
    by_craft = load_by_craft_from(facts, load)
    return StatsReport(
        start=scope.start,
        end=scope.end,
        disciplines=list(scope.disciplines),
        week_start=scope.week_start,
        daily=volume_from(facts, "day"),
        weekly=weekly,
        monthly=volume_from(facts, "month"),
        load=load,
        weekly_load=weekly_load_from(facts, load),
        load_by_craft=by_craft,
        weekly_load_by_craft=weekly_load_by_craft_from(facts, by_craft),
        completion_sessions=completion_sessions_from(facts),
        completion=weekly_completion_from(facts),
        intention_rate=weekly_intention_rate_from(facts),
        accuracy_sessions=accuracy_sessions_from(facts),
        accuracy=weekly_accuracy_from(facts),
        stop_points=stop_point_stats_from(facts),
        slips=slip_stats_from(facts),
        tempo=tempo_progress_from(facts),
        consistency=days,
        summary=summary_from(facts, weekly, days),
        crossover=crossover_from(both),
    )
