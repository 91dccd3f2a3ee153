"""Volume per day, week or month: minutes, sessions, distance, load, mean focus and RPE."""

from __future__ import annotations

from datetime import date

from cadence.domain.enums import Discipline
from cadence.domain.measures import Period
from cadence.services.stats_sql import (
    Scope,
    done_sessions,
    fetch,
    index_of,
    int_zeros,
    make_scope,
    period_sql,
    zeros,
)
from cadence.services.stats_types import ALL, VolumeSeries


def volume(
    start: date,
    end: date,
    discipline: Discipline | str | None = None,
    period: Period = "week",
    week_start: int = 0,
) -> VolumeSeries:
    """Minutes, sessions, distance, load and mean focus/RPE per day, week or month."""
    return volume_in(make_scope(start, end, discipline, week_start), period)


def heatmap(
    start: date, end: date, discipline: Discipline | str | None = None
) -> tuple[list[date], list[float]]:
    """The calendar heat map: (days, minutes practised on each) of the chosen discipline(s)."""
    daily = volume(start, end, discipline, "day")
    return daily.starts, daily.minutes[ALL]


def volume_in(scope: Scope, period: Period) -> VolumeSeries:
    starts = scope.periods(period)
    at = index_of(starts)
    keys = scope.keys
    n = len(starts)
    minutes, distance, load = zeros(keys, n), zeros(keys, n), zeros(keys, n)
    sessions = int_zeros(keys, n)
    focus_sum, focus_n, rpe_sum, rpe_n = (
        zeros(keys, n),
        zeros(keys, n),
        zeros(keys, n),
        zeros(keys, n),
    )
    where, params = done_sessions(scope)
    rows = fetch(
        f"""
        SELECT {period_sql(period, scope.week_start)} AS p, s.discipline, count(*),
               total(s.duration_s) / 60.0, total(s.distance_m) / 1000.0,
               total(s.rpe * s.duration_s) / 60.0,
               total(s.focus), count(s.focus), total(s.rpe), count(s.rpe)
        FROM session s WHERE {where}
        GROUP BY p, s.discipline
        """,
        params,
    )
    for p, disc, count, mins, km, ld, fsum, fn, rsum, rn in rows:
        i = at[p]
        for key in (disc, ALL):
            sessions[key][i] += count
            minutes[key][i] += mins
            distance[key][i] += km
            load[key][i] += ld
            focus_sum[key][i] += fsum
            focus_n[key][i] += fn
            rpe_sum[key][i] += rsum
            rpe_n[key][i] += rn
    return VolumeSeries(
        period=period,
        starts=starts,
        minutes=minutes,
        sessions=sessions,
        distance_km=distance,
        load=load,
        focus_mean={k: _means(focus_sum[k], focus_n[k]) for k in keys},
        rpe_mean={k: _means(rpe_sum[k], rpe_n[k]) for k in keys},
    )


def _means(sums: list[float], counts: list[float]) -> list[float | None]:
    return [s / c if c else None for s, c in zip(sums, counts, strict=True)]
