"""Stop-points: why (per reason per week), where in the plan, where in the body, and one insight.

Both crafts share the same reasons (StopReason), so music and running line up side by side.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    SessionKind,
    StopAction,
    StopReason,
    area_key,
    label,
)
from cadence.domain.measures import POSITION_BIN_LABELS, position_bin, position_in_plan
from cadence.services.stats.facts import Facts, day_number
from cadence.services.stats.sql import fetch, make_scope
from cadence.services.stats.types import ALL, StopInsight, StopPointStats

# An insight needs at least this many stops in one kind of session to say anything.
INSIGHT_MIN_STOPS = 3


def stop_point_stats(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> StopPointStats:
    """Counts per reason per week, position-in-plan histogram, body areas, actions, insight."""
    return stop_point_stats_from(Facts(make_scope(start, end, discipline, week_start)))


class _Stop(NamedTuple):
    offset: int  # days since the range's start
    discipline: str
    kind: str
    reason: str
    body_area: str  # area_key: 'wrists', or 'wrists:left' (sides counted apart)
    action: str
    basis: str | None  # "reps", "time" or None (not placed in a plan)
    fraction: float | None
    bin: int | None  # index into POSITION_BIN_LABELS
    at: float | None  # rep, or minute
    planned: float | None  # planned reps, or minutes


def _stop_rows(where: str, params: list, origin: int) -> list[_Stop]:
    """The stop-points of the sessions `where` picks, in date order, each placed in its plan
    (a DayRowsQuery: `offset` counts from day `origin`)."""
    rows = fetch(
        f"""SELECT {day_number("s.local_date")} - ?, s.discipline, s.kind, sp.reason,
                   sp.body_area, sp.side, sp.action,
                   sp.rep_index, sp.planned_reps, sp.elapsed_s, sp.planned_s
        FROM stop_point sp JOIN session s ON s.id = sp.session_id
        WHERE {where} ORDER BY s.local_date, sp.id""",
        [origin, *params],
    )
    stops = []
    for day, disc, kind, reason, area, side, action, rep, planned_reps, elapsed, planned_s in rows:
        fraction = position_in_plan(rep, planned_reps, elapsed, planned_s)
        if fraction is None:
            basis, at, planned = None, None, None
        elif rep is not None and planned_reps:
            basis, at, planned = "reps", float(rep), float(planned_reps)
        else:
            basis, at, planned = "time", elapsed / 60.0, planned_s / 60.0
        stops.append(
            _Stop(
                day,
                disc,
                kind,
                reason,
                area_key(area, side),
                action,
                basis,
                fraction,
                None if fraction is None else position_bin(fraction),
                at,
                planned,
            )
        )
    return stops


def _stops(facts: Facts) -> list[_Stop]:
    """Every stop-point of the range's done, untrashed sessions (a few per session at most)."""
    return facts.day_rows(_stop_rows)


def stop_point_stats_from(facts: Facts) -> StopPointStats:
    scope = facts.scope
    keys = scope.keys
    axis = facts.axis("week")
    n = len(axis.starts)
    stops, shift = facts.day_rows_at(_stop_rows)  # offsets counted from `shift`, not the start
    per_reason = {k: {r.value: [0] * n for r in StopReason} for k in keys}
    position = {k: [0] * len(POSITION_BIN_LABELS) for k in keys}
    areas = {k: {a.value: 0 for a in BodyArea} for k in keys}
    actions = {k: {a.value: 0 for a in StopAction} for k in keys}
    total = dict.fromkeys(keys, 0)
    if stops:
        # the stops as columns (one pass), their weeks as one numpy lookup, and each reason's
        # weekly counts as one bincount per key, not a Counter of tuples made per stop
        columns = list(zip(*stops, strict=True))
        days, discs, _kinds, reasons, body_areas, stop_actions, _b, _f, bins, _a, _p = columns
        week = axis.of_day[np.asarray(days, dtype=np.int64) - shift]
        disc_of, reason_of = np.asarray(discs), np.asarray(reasons)
        for reason in dict.fromkeys(reasons):  # a reason outside StopReason: as first met
            per_reason[ALL].setdefault(reason, [0] * n)
        # each key's weekly counts added up as arrays, made lists once at the end
        added: dict[str, dict[str, np.ndarray]] = {k: {} for k in keys}
        for disc in dict.fromkeys(discs):
            of_disc = disc_of == disc
            for reason in dict.fromkeys(reason_of[of_disc].tolist()):
                counts = np.bincount(week[of_disc & (reason_of == reason)], minlength=n)
                for key in (disc, ALL):
                    per_reason[key].setdefault(reason, [])  # its place among the reasons
                    added[key][reason] = added[key].get(reason, 0) + counts
        for key, rows in added.items():
            for reason, row in rows.items():
                per_reason[key][reason] = row.tolist()
        for (disc, area, action), count in Counter(
            zip(discs, body_areas, stop_actions, strict=True)
        ).items():
            for key in (disc, ALL):
                areas[key][area] = areas[key].get(area, 0) + count
                actions[key][action] = actions[key].get(action, 0) + count
                total[key] += count
        for (disc, where), count in Counter(zip(discs, bins, strict=True)).items():
            if where is not None:
                position[disc][where] += count
                position[ALL][where] += count
    return StopPointStats(
        weeks=axis.starts,
        per_reason=per_reason,
        position_bins=list(POSITION_BIN_LABELS),
        position=position,
        body_areas=areas,
        actions=actions,
        total=total,
        insight=_insight(stops, columns if stops else None),
    )


@dataclass
class _Group:
    n: int = 0
    fraction: float = 0.0
    at: float = 0.0
    planned: float = 0.0


def _group(index: list[int], fractions, ats, planneds) -> _Group:
    """The stops at `index`: their count and the sums of their fractions, reps or minutes
    and plans (a missing one as 0), each added in the stops' order from 0.0 (a cumulative sum
    adds one by one, so the sums are those of a loop, to the last bit)."""

    def total(column: np.ndarray) -> float:
        picked = [0.0 if v is None else v for v in column[index].tolist()]
        return float(np.cumsum(np.array([0.0, *picked], dtype=float))[-1])

    return _Group(len(index), total(fractions), total(ats), total(planneds))


def stop_insight(
    start: date, end: date, discipline: Discipline | str | None = None
) -> StopInsight | None:
    """Where in the plan the most common kind of session is stopped; None with too few stops."""
    return _insight(_stops(Facts(make_scope(start, end, discipline))))


def _insight(stops: list[_Stop], columns: list[tuple] | None = None) -> StopInsight | None:
    """From stops with action 'stopped' placed in a plan, grouped by session kind and basis
    (reps or time): the group with the most stops (at least INSIGHT_MIN_STOPS) speaks.
    `columns`: the stops' columns, if already made (`zip(*stops)`)."""
    if not stops:
        return None
    # as columns: the stops counted are picked by numpy, and only they are looked at one by one
    if columns is None:
        columns = list(zip(*stops, strict=True))
    _o, discs, kinds, stop_reasons, _area, actions, bases, fractions, _bin, ats, planneds = columns
    discs, kinds, stop_reasons, actions, bases, fractions, ats, planneds = (
        np.array(column, dtype=object)
        for column in (discs, kinds, stop_reasons, actions, bases, fractions, ats, planneds)
    )
    counted = np.flatnonzero((actions == StopAction.STOPPED.value) & (bases != None))  # noqa: E711
    members: dict[tuple[str, str, str], list[int]] = {}
    keys = zip(
        discs[counted].tolist(), kinds[counted].tolist(), bases[counted].tolist(), strict=True
    )
    for i, key in zip(counted.tolist(), keys, strict=True):
        members.setdefault(key, []).append(i)
    if not members:
        return None
    # Most stops first; ties broken by name so the sentence does not flicker between redraws.
    key = min(members, key=lambda k: (-len(members[k]), k))
    if len(members[key]) < INSIGHT_MIN_STOPS:
        return None
    g = _group(members[key], fractions, ats, planneds)
    disc, kind, basis = key
    reasons = Counter(stop_reasons[members[key]].tolist())
    top_reason, top_count = min(reasons.items(), key=lambda item: (-item[1], item[0]))
    mean_fraction, mean_at, mean_planned = g.fraction / g.n, g.at / g.n, g.planned / g.n
    kind_name = label(SessionKind(kind)).lower()
    unit = "reps" if basis == "reps" else "time"
    amount = (
        f"{mean_at:.0f} of {mean_planned:.0f}"
        if basis == "reps"
        else f"{mean_at:.0f} of {mean_planned:.0f} min"
    )
    plan = "a planned number of reps" if basis == "reps" else "a planned time"
    # which stops it counts, beside all those the chart shows: never "10 stops" under 33
    text = (
        f"You stop at about {round(mean_fraction * 100):.0f}% of planned {unit} in "
        f"{kind_name} sessions: {amount} on average. This counts {g.n} of the {len(stops)} "
        f"stop-points: those where you stopped in {kind_name} sessions with {plan} "
        f"(most often {label(StopReason(top_reason)).lower()}, {top_count} of {g.n})."
    )
    return StopInsight(
        text=text,
        discipline=Discipline(disc),
        kind=kind,
        basis=basis,
        n=g.n,
        of_total=len(stops),
        mean_fraction=mean_fraction,
        mean_at=mean_at,
        mean_planned=mean_planned,
        top_reason=top_reason,
        top_reason_count=top_count,
    )
