"""Stop-points: why (per reason per week), where in the plan, where in the body, and one insight.

Both crafts share the same reasons (StopReason), so music and running line up side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    SessionKind,
    StopAction,
    StopReason,
    label,
)
from cadence.domain.measures import POSITION_BIN_LABELS, position_histogram
from cadence.services.stats_sql import Scope, done_sessions, fetch, index_of, make_scope, period_sql
from cadence.services.stats_types import ALL, StopInsight, StopPointStats

# An insight needs at least this many stops in one kind of session to say anything.
INSIGHT_MIN_STOPS = 3

# The fraction of the plan where a stop falls: reps first, else time (SQL of domain.measures'
# position_in_plan, so it can be grouped in the database).
_BASIS = """CASE WHEN sp.rep_index IS NOT NULL AND sp.planned_reps > 0 THEN 'reps'
                 WHEN sp.elapsed_s IS NOT NULL AND sp.planned_s > 0 THEN 'time' END"""
_FRACTION = """CASE WHEN sp.rep_index IS NOT NULL AND sp.planned_reps > 0
                      THEN sp.rep_index * 1.0 / sp.planned_reps
                    WHEN sp.elapsed_s IS NOT NULL AND sp.planned_s > 0
                      THEN sp.elapsed_s / sp.planned_s END"""
_AT = """CASE WHEN sp.rep_index IS NOT NULL AND sp.planned_reps > 0 THEN sp.rep_index
              ELSE sp.elapsed_s / 60.0 END"""
_PLANNED = """CASE WHEN sp.rep_index IS NOT NULL AND sp.planned_reps > 0 THEN sp.planned_reps
                   ELSE sp.planned_s / 60.0 END"""
_FROM = "FROM stop_point sp JOIN session s ON s.id = sp.session_id"


def stop_point_stats(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> StopPointStats:
    """Counts per reason per week, position-in-plan histogram, body areas, actions, insight."""
    return stop_point_stats_in(make_scope(start, end, discipline, week_start))


def stop_point_stats_in(scope: Scope) -> StopPointStats:
    where, params = done_sessions(scope)
    keys = scope.keys
    weeks = scope.weeks()
    at = index_of(weeks)
    per_reason = {k: {r.value: [0] * len(weeks) for r in StopReason} for k in keys}
    for w, disc, reason, count in fetch(
        f"""SELECT {period_sql("week", scope.week_start)} AS w, s.discipline, sp.reason, count(*)
        {_FROM} WHERE {where} GROUP BY w, s.discipline, sp.reason""",
        params,
    ):
        for key in (disc, ALL):
            per_reason[key].setdefault(reason, [0] * len(weeks))[at[w]] += count

    fractions: dict[str, list[float]] = {k: [] for k in keys}
    for disc, fraction in fetch(
        f"SELECT s.discipline, {_FRACTION} AS f {_FROM} WHERE {where} AND f IS NOT NULL", params
    ):
        fractions[disc].append(fraction)
        fractions[ALL].append(fraction)

    areas = {k: {a.value: 0 for a in BodyArea} for k in keys}
    actions = {k: {a.value: 0 for a in StopAction} for k in keys}
    total = dict.fromkeys(keys, 0)
    for disc, area, action, count in fetch(
        f"""SELECT s.discipline, sp.body_area, sp.action, count(*) {_FROM} WHERE {where}
        GROUP BY s.discipline, sp.body_area, sp.action""",
        params,
    ):
        for key in (disc, ALL):
            areas[key][area] = areas[key].get(area, 0) + count
            actions[key][action] = actions[key].get(action, 0) + count
            total[key] += count

    return StopPointStats(
        weeks=weeks,
        per_reason=per_reason,
        position_bins=list(POSITION_BIN_LABELS),
        position={k: position_histogram(fractions[k]) for k in keys},
        body_areas=areas,
        actions=actions,
        total=total,
        insight=stop_insight_in(scope),
    )


@dataclass
class _Group:
    n: int = 0
    fraction: float = 0.0
    at: float = 0.0
    planned: float = 0.0


def stop_insight(
    start: date, end: date, discipline: Discipline | str | None = None
) -> StopInsight | None:
    """Where in the plan the most common kind of session is stopped; None with too few stops."""
    return stop_insight_in(make_scope(start, end, discipline))


def stop_insight_in(scope: Scope) -> StopInsight | None:
    """From stops with action 'stopped' placed in a plan, grouped by session kind and basis
    (reps or time): the group with the most stops (at least INSIGHT_MIN_STOPS) speaks."""
    where, params = done_sessions(scope)
    rows = fetch(
        f"""SELECT s.discipline, s.kind, {_BASIS} AS basis, sp.reason, count(*),
                   total({_FRACTION}), total({_AT}), total({_PLANNED})
        {_FROM} WHERE {where} AND sp.action = ? AND basis IS NOT NULL
        GROUP BY s.discipline, s.kind, basis, sp.reason""",
        [*params, StopAction.STOPPED.value],
    )
    groups: dict[tuple[str, str, str], _Group] = {}
    reasons: dict[tuple[str, str, str], dict[str, int]] = {}
    for disc, kind, basis, reason, n, fraction, at, planned in rows:
        g = groups.setdefault((disc, kind, basis), _Group())
        g.n += n
        g.fraction += fraction
        g.at += at
        g.planned += planned
        reasons.setdefault((disc, kind, basis), {})[reason] = n
    if not groups:
        return None
    # Most stops first; ties broken by name so the sentence does not flicker between redraws.
    key = min(groups, key=lambda k: (-groups[k].n, k))
    g = groups[key]
    if g.n < INSIGHT_MIN_STOPS:
        return None
    disc, kind, basis = key
    top_reason, top_count = min(reasons[key].items(), key=lambda item: (-item[1], item[0]))
    mean_fraction, mean_at, mean_planned = g.fraction / g.n, g.at / g.n, g.planned / g.n
    kind_name = label(SessionKind(kind)).lower()
    unit = "reps" if basis == "reps" else "time"
    amount = (
        f"{mean_at:.0f} of {mean_planned:.0f}"
        if basis == "reps"
        else f"{mean_at:.0f} of {mean_planned:.0f} min"
    )
    text = (
        f"You stop at about {round(mean_fraction * 100):.0f}% of planned {unit} in "
        f"{kind_name} sessions: {amount} on average ({g.n} stops; most often "
        f"{label(StopReason(top_reason)).lower()}, {top_count} of {g.n})."
    )
    return StopInsight(
        text=text,
        discipline=Discipline(disc),
        kind=kind,
        basis=basis,
        n=g.n,
        mean_fraction=mean_fraction,
        mean_at=mean_at,
        mean_planned=mean_planned,
        top_reason=top_reason,
        top_reason_count=top_count,
    )
