"""Training load: Foster's session-RPE load, fitness/fatigue/form, acute:chronic, monotony, strain."""

from __future__ import annotations

from datetime import date, timedelta

from cadence.domain.enums import Discipline
from cadence.domain.measures import (
    acute_chronic_ratio,
    days_in,
    monotony,
    rolling_monotony_strain,
    strain,
    training_balance,
)
from cadence.services.stats_sql import Scope, done_sessions, fetch, make_scope
from cadence.services.stats_types import LoadSeries, WeeklyLoad


def load_series(start: date, end: date, discipline: Discipline | str | None = None) -> LoadSeries:
    """Daily load, fitness, fatigue, form, acute:chronic ratio, monotony and strain."""
    return load_series_in(make_scope(start, end, discipline))


def weekly_load(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklyLoad:
    """Weekly load with Foster's monotony and strain of each whole week in the range."""
    scope = make_scope(start, end, discipline, week_start)
    return weekly_load_from(scope, load_series_in(scope))


def _history(scope: Scope) -> tuple[date, list[float], int]:
    """(first day, daily loads from it to the range's end, unrated sessions in the range).

    The first day is the journal's first done session of the disciplines, or the range's start
    if that is earlier, so the averages are warmed up on the whole history before the range.
    """
    where, params = done_sessions(scope, ranged=False)
    rows = fetch(
        f"""
        SELECT s.local_date, total(s.rpe * s.duration_s) / 60.0,
               sum(s.rpe IS NULL AND s.local_date >= ?)
        FROM session s WHERE {where} AND s.local_date <= ?
        GROUP BY s.local_date ORDER BY s.local_date
        """,
        [scope.start.isoformat(), *params, scope.end.isoformat()],
    )
    first = min(date.fromisoformat(rows[0][0]), scope.start) if rows else scope.start
    loads = [0.0] * ((scope.end - first).days + 1)
    unrated = 0
    for day, load, no_rpe in rows:
        loads[(date.fromisoformat(day) - first).days] = load
        unrated += no_rpe
    return first, loads, unrated


def load_series_in(scope: Scope) -> LoadSeries:
    first, loads, unrated = _history(scope)
    balance = training_balance(loads)
    ratio = acute_chronic_ratio(loads)
    mono, stra = rolling_monotony_strain(loads)
    skip = (scope.start - first).days  # the warm-up days before the range
    return LoadSeries(
        days=days_in(scope.start, scope.end),
        load=loads[skip:],
        fitness=balance.fitness[skip:],
        fatigue=balance.fatigue[skip:],
        form=balance.form[skip:],
        acute_chronic=ratio[skip:],
        monotony=mono[skip:],
        strain=stra[skip:],
        history_start=first,
        unrated_sessions=unrated,
    )


def weekly_load_from(scope: Scope, load: LoadSeries) -> WeeklyLoad:
    """Sum the range's days of each week; monotony and strain only for whole weeks in range."""
    weeks = scope.weeks()
    totals: list[float] = []
    monos: list[float | None] = []
    strains: list[float | None] = []
    for week in weeks:
        first = max(week, scope.start)
        last = min(week + timedelta(days=6), scope.end)
        days = load.load[(first - scope.start).days : (last - scope.start).days + 1]
        totals.append(sum(days))
        whole = len(days) == 7
        monos.append(monotony(days) if whole else None)
        strains.append(strain(days) if whole else None)
    return WeeklyLoad(weeks=weeks, load=totals, monotony=monos, strain=strains)
