"""The arithmetic of Cadence's measures: pure functions on numbers and dates.

No database and no Qt here. The SQL that feeds these lives in `cadence.services.stats.compute`; the
definitions, units and the reasons for each convention are written up in docs/measures.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Literal

from cadence.domain.enums import SessionStatus

Period = Literal["day", "week", "month"]

# Fitness and fatigue time constants (days), as in GoldenCheetah's Performance Manager.
FITNESS_DAYS = 42
FATIGUE_DAYS = 7
# Acute:chronic windows (days) and Foster's monotony window.
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
# An acute:chronic ratio from which the studio overview points a week out to the teacher (the
# last 7 days half as heavy again as the 4 weeks' average). A "look at this", not a risk verdict:
# the research behind injury thresholds is disputed (docs/measures.md).
ACUTE_CHRONIC_SPIKE = 1.5
MONOTONY_DAYS = 7

# Stop-point position in the plan: ten bins of 10 % from 0 to 100 %, then one for "at or past the
# planned end" (a rep beyond the plan, or the planned end itself).
POSITION_BIN_COUNT = 11
POSITION_BIN_LABELS: tuple[str, ...] = (
    *(f"{10 * i}-{10 * (i + 1)}%" for i in range(10)),
    ">=100%",
)


# --- load -----------------------------------------------------------------------------------------


def session_load(rpe: float, minutes: float) -> float:
    """Foster's session-RPE load in arbitrary units (AU): effort (CR10) × minutes."""
    return rpe * minutes


def ewma_constant(days: float) -> float:
    """The daily weight k = 1 − e^(−1/τ) of an exponentially weighted average with time constant τ.

    GoldenCheetah's convention; Runalyze's 2/(N+1) gives about twice the weight, so it reacts
    twice as fast (k = 0.0465 against 0.0235 for 42 days).
    """
    if days <= 0:
        raise ValueError(f"the time constant must be positive days, not {days}")
    return 1.0 - math.exp(-1.0 / days)


def ewma(values: Sequence[float], days: float, initial: float = 0.0, since: int = 0) -> list[float]:
    """y[t] = y[t−1] + k·(x[t] − y[t−1]), starting from `initial` the day before values[0].

    Every day needs a value: a day without sessions is 0 and the average decays on it. With
    `since`, only y[since:] is returned (the days before still warm the average up): the same
    values, without a list of every day of a long history.
    """
    k = ewma_constant(days)
    out: list[float] = []
    y = initial
    rest = iter(values)
    for x in islice(rest, since):
        y += k * (x - y)
    for x in rest:
        y += k * (x - y)
        out.append(y)
    return out


@dataclass(frozen=True)
class TrainingBalance:
    """Fitness (42-day EWMA of load), fatigue (7-day EWMA) and form, one value per day."""

    fitness: list[float]
    fatigue: list[float]
    form: list[float]  # fitness − fatigue of the day before (0 on the first day)


def training_balance(
    loads: Sequence[float],
    fitness_days: float = FITNESS_DAYS,
    fatigue_days: float = FATIGUE_DAYS,
    since: int = 0,
) -> TrainingBalance:
    """Fitness, fatigue and form for consecutive daily loads that start before any training
    (with `since`, of the days from loads[since] on, as `ewma`)."""
    if since <= 0:
        fitness = ewma(loads, fitness_days)
        fatigue = ewma(loads, fatigue_days)
        form = [0.0] + [f - a for f, a in zip(fitness[:-1], fatigue[:-1], strict=True)]
        return TrainingBalance(fitness, fatigue, form[: len(loads)])
    # from the day before `since`: a day's form is the balance of the day before
    fitness = ewma(loads, fitness_days, since=since - 1)
    fatigue = ewma(loads, fatigue_days, since=since - 1)
    form = [f - a for f, a in zip(fitness[:-1], fatigue[:-1], strict=True)]
    return TrainingBalance(fitness[1:], fatigue[1:], form)


def rolling_mean(values: Sequence[float], window: int, since: int = 0) -> list[float | None]:
    """The mean of the `window` values ending at each position; None until a full window exists
    (with `since`, of the positions from `since` on: the same values)."""
    out: list[float | None] = []
    total = 0.0
    for i, x in enumerate(values):
        total += x
        if i >= window:
            total -= values[i - window]
        if i >= since:
            out.append(total / window if i >= window - 1 else None)
    return out


def acute_chronic_ratio(
    loads: Sequence[float], acute: int = ACUTE_DAYS, chronic: int = CHRONIC_DAYS, since: int = 0
) -> list[float | None]:
    """Mean load of the last `acute` days ÷ mean of the last `chronic` days (both end today).

    None until `chronic` days of history exist, and when the chronic mean is 0. With `since`,
    of the days from loads[since] on.
    """
    short = rolling_mean(loads, acute, since)
    long = rolling_mean(loads, chronic, since)
    return [ratio(a, c) if a is not None else None for a, c in zip(short, long, strict=True)]


def population_sd(values: Sequence[float]) -> float:
    n = len(values)
    if n == 0:
        raise ValueError("the standard deviation of no values is undefined")
    mu = sum(values) / n
    return math.sqrt(sum((x - mu) ** 2 for x in values) / n)


def monotony(daily_loads: Sequence[float]) -> float | None:
    """Foster's monotony: mean ÷ standard deviation of the daily loads of one week.

    The population SD (the 7 days are the whole week, not a sample of it). None when the SD is 0
    (every day the same, including a week of rest): the ratio is undefined, not infinite.
    """
    if not daily_loads:
        return None
    sd = population_sd(daily_loads)
    if sd <= 1e-12:
        return None
    return (sum(daily_loads) / len(daily_loads)) / sd


def strain(daily_loads: Sequence[float]) -> float | None:
    """Foster's strain: the week's total load × monotony; None when monotony is undefined."""
    m = monotony(daily_loads)
    return None if m is None else sum(daily_loads) * m


def rolling_monotony_strain(
    loads: Sequence[float], window: int = MONOTONY_DAYS, since: int = 0
) -> tuple[list[float | None], list[float | None]]:
    """Monotony and strain of the `window` days ending on each day; None before a full window.

    Running sums keep this linear in the number of days. They are recomputed from the window
    every `window` days so rounding cannot pile up over years, and a window whose variance is 0
    up to rounding (a week of rest) is computed exactly: None, never a huge or negative number.
    With `since`, of the days from loads[since] on (the running sums still start on day 0, so
    the values are the same).
    """
    mono: list[float | None] = [None] * max(len(loads) - since, 0)
    stra: list[float | None] = [None] * max(len(loads) - since, 0)
    total = squares = 0.0
    for i, x in enumerate(loads):
        total += x
        squares += x * x
        if i >= window:
            old = loads[i - window]
            total -= old
            squares -= old * old
        if i < window - 1:
            continue
        if i < since:  # only the running sums, recomputed as below
            if i % window == 0:
                week = loads[i - window + 1 : i + 1]
                total, squares = sum(week), sum(v * v for v in week)
            continue
        week = loads[i - window + 1 : i + 1]
        if i % window == 0:
            total, squares = sum(week), sum(v * v for v in week)
        mu = total / window
        variance = squares / window - mu * mu
        at = i - since
        if variance <= 1e-6 * max(1.0, mu * mu):  # 0 up to rounding: compute it exactly
            mono[at], stra[at] = monotony(week), strain(week)
        else:
            mono[at] = week_monotony = mu / math.sqrt(variance)
            stra[at] = mu * window * week_monotony
    return mono, stra


# --- which sessions count -------------------------------------------------------------------------

# A session counts in every measure, total, streak and report when it was done (not planned) and
# is not in the trash. store/queries.py writes this rule once in SQL for the queries.
COUNTED_STATUS = SessionStatus.DONE


def is_counted(status: SessionStatus | str, deleted_at: datetime | None) -> bool:
    """Whether a session counts: done, and not in the trash."""
    return deleted_at is None and SessionStatus(status) == COUNTED_STATUS


# --- ratios and averages --------------------------------------------------------------------------


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator ÷ denominator, or None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


# An intention met in part counts half (DESIGN.md, Intentions met); store/queries.py writes the
# same rule in SQL from this weight.
PARTLY_WEIGHT = 0.5


def intention_rate(achieved: int, partly: int, rated: int) -> float | None:
    """(achieved + ½·partly) ÷ rated; intentions left 'not rated' are not in `rated`."""
    return ratio(achieved + PARTLY_WEIGHT * partly, rated)


def accuracy(clean_reps: float | None, done_reps: float | None) -> float | None:
    """Clean reps ÷ done reps, over the blocks that counted both (DESIGN.md, Accuracy)."""
    if clean_reps is None:
        return None
    return ratio(clean_reps, done_reps)


def completion(
    done_reps: float | None,
    planned_reps: float | None,
    duration_s: float | None,
    planned_s: float | None,
) -> float | None:
    """Done ÷ planned: repetitions when reps were planned, else time. Not capped at 1."""
    if planned_reps:
        return ratio(done_reps or 0, planned_reps)
    if planned_s:
        return ratio(duration_s or 0, planned_s)
    return None


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None if empty."""
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return float(s[mid]) if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation coefficient r; None with fewer than 3 pairs or a constant side."""
    if len(xs) != len(ys):
        raise ValueError(f"pearson needs pairs: got {len(xs)} x values and {len(ys)} y values")
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


# --- stop-points ----------------------------------------------------------------------------------


def position_in_plan(
    rep_index: float | None,
    planned_reps: float | None,
    elapsed_s: float | None,
    planned_s: float | None,
) -> float | None:
    """Where a stop falls in the plan: rep ÷ planned reps, else elapsed ÷ planned time."""
    if rep_index is not None and planned_reps:
        return rep_index / planned_reps
    if elapsed_s is not None and planned_s:
        return elapsed_s / planned_s
    return None


def position_bin(fraction: float) -> int:
    """The index into POSITION_BIN_LABELS; the rounding keeps 0.7 (7 of 10) in the 70-80 % bin."""
    if fraction < 0:
        raise ValueError(f"a position in the plan cannot be negative ({fraction})")
    return min(math.floor(round(fraction * 10, 9)), POSITION_BIN_COUNT - 1)


def position_histogram(fractions: Iterable[float]) -> list[int]:
    """Counts per fixed bin of POSITION_BIN_LABELS."""
    counts = [0] * POSITION_BIN_COUNT
    for f in fractions:
        counts[position_bin(f)] += 1
    return counts


# --- consistency ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive days with at least one done session.

    `current` counts back from `today`, or from yesterday when today has nothing yet (the day is
    not over, so the streak is still alive). `longest` is the longest run among the days given.
    """

    current: int
    current_start: date | None
    longest: int
    longest_start: date | None
    longest_end: date | None


def longest_streak(days: Iterable[date]) -> tuple[int, date | None, date | None]:
    """(length, first day, last day) of the longest run of consecutive days; the earliest on ties."""
    longest, longest_start, longest_end = 0, None, None
    run, run_start, previous = 0, None, None
    for d in sorted(set(days)):
        if previous is not None and (d - previous).days == 1:
            run += 1
        else:
            run, run_start = 1, d
        if run > longest:
            longest, longest_start, longest_end = run, run_start, d
        previous = d
    return longest, longest_start, longest_end


def current_streak(days: Iterable[date], today: date) -> tuple[int, date | None]:
    """(length, first day) of the run ending today, or yesterday if today has nothing yet."""
    present = set(days)
    anchor = today if today in present else today - timedelta(days=1)
    length, first = 0, None
    while anchor in present:
        length += 1
        first = anchor
        anchor -= timedelta(days=1)
    return length, first


def streaks(
    days: Iterable[date], today: date, longest_days: Iterable[date] | None = None
) -> Streaks:
    """Current streak of `days` as of `today`; longest among `longest_days` (default: `days`).

    Pass the range's days as `longest_days` to get the longest run inside a range while the
    current streak still looks back over the whole journal.
    """
    days = list(days)
    current, current_start = current_streak(days, today)
    longest, longest_start, longest_end = longest_streak(
        days if longest_days is None else longest_days
    )
    return Streaks(current, current_start, longest, longest_start, longest_end)


# --- calendar -------------------------------------------------------------------------------------


def check_week_start(week_start: int) -> int:
    if isinstance(week_start, bool) or not isinstance(week_start, int) or not 0 <= week_start <= 6:
        raise ValueError(
            f"the week starts on a day from 0 (Monday) to 6 (Sunday), not {week_start!r}"
        )
    return week_start


def week_start_of(day: date, week_start: int = 0) -> date:
    """The first day of the week holding `day`; week_start 0 = Monday .. 6 = Sunday."""
    check_week_start(week_start)
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def period_start(day: date, period: Period, week_start: int = 0) -> date:
    if period == "day":
        return day
    if period == "week":
        return week_start_of(day, week_start)
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"a period is 'day', 'week' or 'month', not {period!r}")


def next_period(start: date, period: Period) -> date:
    if period == "day":
        return start + timedelta(days=1)
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    raise ValueError(f"a period is 'day', 'week' or 'month', not {period!r}")


def period_starts(start: date, end: date, period: Period, week_start: int = 0) -> list[date]:
    """The first day of every period that overlaps [start, end], in order; empty if end < start.

    The first and last periods may be partial: measures count only the days inside the range.
    """
    out: list[date] = []
    if end < start:
        return out
    p = period_start(start, period, week_start)
    if period in ("day", "week"):
        return _dates(p, end, 1 if period == "day" else 7)
    while p <= end:
        out.append(p)
        p = next_period(p, period)
    return out


def days_in(start: date, end: date) -> list[date]:
    """Every day from start to end inclusive."""
    return _dates(start, end, 1)


def _dates(first: date, last: date, step: int) -> list[date]:
    """first, first + step days, … up to last, as `date`s: numpy's days made into dates in C,
    1.6x quicker than `date.fromordinal` one by one (thirty years are 11,000 days a switch).
    numpy imported here: start-up reads this module and needs no numpy."""
    import numpy as np

    return np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1, step).tolist()
