"""Consistency (days per week, streaks), the side-by-side summary and the cross-over series."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from cadence.domain.enums import Discipline
from cadence.domain.measures import Streaks, mean, median, pearson, ratio
from cadence.services.stats.facts import (
    Facts,
    completion_column,
    date_of,
    number_of,
    practised_day_numbers,
    ratio_column,
    sorted_unique,
)
from cadence.services.stats.sql import Scope, make_scope
from cadence.services.stats.types import (
    Consistency,
    CrossOver,
    DisciplineSummary,
    SummaryStat,
    VolumeSeries,
)
from cadence.services.stats.volume import volume_from

# --- consistency ----------------------------------------------------------------------------------


def consistency(
    start: date,
    end: date,
    discipline: Discipline | str | None = None,
    week_start: int = 0,
    today: date | None = None,
) -> Consistency:
    """Days practised per week and streaks (see Consistency)."""
    return consistency_from(Facts(make_scope(start, end, discipline, week_start), today))


def consistency_from(facts: Facts) -> Consistency:
    scope = facts.scope
    s = facts.sessions
    axis = facts.axis("week")
    days_practised = {}
    for key in scope.keys:
        practised = sorted_unique(s.day[s.masks[key]])  # the sessions are in date order
        days_practised[key] = np.bincount(
            axis.of_day[practised], minlength=len(axis.starts)
        ).tolist()
    # The current streak looks back over the whole journal, the longest only inside the range.
    return Consistency(
        weeks=axis.starts,
        days_practised=days_practised,
        streaks={
            k: day_streaks(v, facts.today, scope.start, scope.end)
            for k, v in practised_day_numbers(facts).items()
        },
        today=facts.today,
    )


def day_streaks(days: np.ndarray, today: date, start: date, end: date) -> Streaks:
    """`domain.measures.streaks(days, today, longest_days=days in [start, end])` for sorted,
    unique day numbers (days since 1970-01-01), without making a date of every day: ten years
    of practice are thousands of days, and only a streak's ends are needed as dates."""
    current, current_start = 0, None
    now = number_of(today)
    upto = int(np.searchsorted(days, now, side="right"))  # days[:upto] are on or before today
    if upto and days[upto - 1] >= now - 1:  # the run ends today, or yesterday
        gaps = np.flatnonzero(np.diff(days[:upto]) != 1)
        first = int(gaps[-1]) + 1 if len(gaps) else 0
        current, current_start = upto - first, date_of(int(days[first]))
    inside = days[(days >= number_of(start)) & (days <= number_of(end))]
    if not len(inside):
        return Streaks(current, current_start, 0, None, None)
    gaps = np.flatnonzero(np.diff(inside) != 1)
    firsts = np.concatenate(([0], gaps + 1))
    lasts = np.concatenate((gaps, [len(inside) - 1]))
    best = int(np.argmax(lasts - firsts))  # the earliest of the longest runs
    return Streaks(
        current,
        current_start,
        int(lasts[best] - firsts[best]) + 1,
        date_of(int(inside[firsts[best]])),
        date_of(int(inside[lasts[best]])),
    )


# --- the side-by-side summary ---------------------------------------------------------------------


def summary(
    start: date,
    end: date,
    discipline: Discipline | str | None = None,
    week_start: int = 0,
) -> dict[str, DisciplineSummary]:
    """Totals, means and medians per discipline and for ALL (see SummaryStat)."""
    facts = Facts(make_scope(start, end, discipline, week_start))
    return summary_from(facts, volume_from(facts, "week"), consistency_from(facts))


def summary_from(
    facts: Facts, weekly: VolumeSeries, days: Consistency
) -> dict[str, DisciplineSummary]:
    s, b, i = facts.sessions, facts.blocks, facts.intentions
    done = completion_column(s, b)
    accuracy = ratio_column(b.clean, b.done_clean)
    rate = ratio_column(i.achieved_half, i.rated)
    out = {}
    for key in facts.scope.keys:
        mask = s.masks[key]
        out[key] = DisciplineSummary(
            minutes=_stat(s.minutes, mask),
            sessions=_weekly_stat(weekly.sessions[key]),
            days_practised=_weekly_stat(days.days_practised[key]),
            distance_km=_stat(s.km, mask),
            load=_stat(s.load, mask),
            focus=_stat(s.focus, mask, total=False),
            rpe=_stat(s.rpe, mask, total=False),
            completion=_stat(done, mask, total=False),
            intention_rate=_stat(rate, mask, pooled=(i.achieved_half[mask], i.rated[mask])),
            accuracy=_stat(accuracy, mask, pooled=(b.clean[mask], b.done_clean[mask])),
        )
    return out


def _stat(
    values: np.ndarray,
    mask: np.ndarray,
    total: bool = True,
    pooled: tuple[np.ndarray, np.ndarray] | None = None,
) -> SummaryStat:
    """Mean and median over the sessions in `mask` that have a value; total as SummaryStat says."""
    picked = values[mask & ~np.isnan(values)]
    n = len(picked)
    if pooled is not None:
        whole = ratio(float(pooled[0].sum()), float(pooled[1].sum()))
    elif total:
        whole = float(picked.sum())
    else:
        whole = None
    if n == 0:
        return SummaryStat(whole, None, None, 0)
    return SummaryStat(whole, float(picked.mean()), float(np.median(picked)), n)


def _weekly_stat(per_week: list[int]) -> SummaryStat:
    values = [float(v) for v in per_week]
    return SummaryStat(float(sum(values)), mean(values), median(values), len(values))


# --- cross-over -----------------------------------------------------------------------------------


def crossover(start: date, end: date) -> CrossOver:
    """A day's running load against the next day's music focus (both days inside the range)."""
    return crossover_from(Facts(make_scope(start, end)))


def crossover_from(facts: Facts) -> CrossOver:
    """Pairs (run day D, load of D, mean focus of D+1's rated music sessions) for D in the range
    with D+1 in it too. Always both crafts: pass facts of a scope with both disciplines. A day
    without runs has load 0; a day with a run that has no RPE has an unknown load: no pair."""
    scope = facts.scope
    if set(scope.disciplines) != set(Discipline):
        raise ValueError("the cross-over needs the facts of both disciplines")
    s = facts.sessions
    length = (scope.end - scope.start).days + 1
    run, music = s.masks[Discipline.RUNNING.value], s.masks[Discipline.MUSIC.value]
    rated_runs = run & ~np.isnan(s.load)
    run_load = np.bincount(s.day[rated_runs], weights=s.load[rated_runs], minlength=length)
    unrated_runs = np.bincount(s.day[run & np.isnan(s.load)], minlength=length)
    rated_music = music & ~np.isnan(s.focus)
    focus_sum = np.bincount(s.day[rated_music], weights=s.focus[rated_music], minlength=length)
    focus_n = np.bincount(s.day[rated_music], minlength=length)
    with np.errstate(divide="ignore", invalid="ignore"):
        next_focus = focus_sum[1:] / focus_n[1:]
    paired = np.flatnonzero((focus_n[1:] > 0) & (unrated_runs[:-1] == 0))
    loads, focus = run_load[paired].tolist(), next_focus[paired].tolist()
    return CrossOver(
        days=[scope.start + timedelta(days=d) for d in paired.tolist()],
        run_load=loads,
        next_day_focus=focus,
        r=pearson(loads, focus),
        n=len(loads),
    )


def both_disciplines(scope: Scope) -> Scope:
    """The same range with both crafts, for the cross-over of a one-discipline report."""
    return Scope(scope.start, scope.end, tuple(Discipline), scope.week_start)
