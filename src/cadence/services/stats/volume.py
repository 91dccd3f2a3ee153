"""Volume per day, week or month: minutes, sessions, distance, load, mean focus and RPE."""

from __future__ import annotations

from datetime import date

from cadence.domain.enums import Discipline
from cadence.domain.measures import Period
from cadence.services.stats.facts import Facts, quotients, sums, sums_and_counts
from cadence.services.stats.sql import make_scope
from cadence.services.stats.types import ALL, VolumeSeries


def volume(
    start: date,
    end: date,
    discipline: Discipline | str | None = None,
    period: Period = "week",
    week_start: int = 0,
) -> VolumeSeries:
    """Minutes, sessions, distance, load and mean focus/RPE per day, week or month."""
    return volume_from(Facts(make_scope(start, end, discipline, week_start)), period)


def heatmap(
    start: date, end: date, discipline: Discipline | str | None = None
) -> tuple[list[date], list[float]]:
    """The calendar heat map: (days, minutes practised on each) of the chosen discipline(s)."""
    daily = volume(start, end, discipline, "day")
    return daily.starts, daily.minutes[ALL]


def volume_from(facts: Facts, period: Period) -> VolumeSeries:
    s = facts.sessions
    keys = facts.scope.keys
    minutes, sessions, distance, load, focus, rpe = {}, {}, {}, {}, {}, {}
    for key in keys:
        mask = s.masks[key]
        total, count = sums_and_counts(facts, period, s.minutes, mask)
        minutes[key], sessions[key] = total.tolist(), count.tolist()
        distance[key] = sums(facts, period, s.km, mask).tolist()
        load[key] = sums(facts, period, s.load, mask).tolist()
        focus[key] = quotients(*sums_and_counts(facts, period, s.focus, mask))
        rpe[key] = quotients(*sums_and_counts(facts, period, s.rpe, mask))
    return VolumeSeries(
        period=period,
        starts=facts.axis(period).starts,
        minutes=minutes,
        sessions=sessions,
        distance_km=distance,
        load=load,
        focus_mean=focus,
        rpe_mean=rpe,
    )
