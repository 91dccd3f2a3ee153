"""Training load: Foster's session-RPE load, fitness/fatigue/form, acute:chronic, monotony, strain."""

from __future__ import annotations

from datetime import date

import numpy as np

from cadence.domain.enums import Discipline
from cadence.domain.measures import (
    acute_chronic_ratio,
    days_in,
    rolling_monotony_strain,
    training_balance,
)
from cadence.services.stats.facts import Facts
from cadence.services.stats.sql import make_scope
from cadence.services.stats.types import TOTAL_LOAD_LABEL, LoadSeries, WeeklyLoad


def load_series(start: date, end: date, discipline: Discipline | str | None = None) -> LoadSeries:
    """Daily load, fitness, fatigue, form, acute:chronic ratio, monotony and strain."""
    return load_series_from(Facts(make_scope(start, end, discipline)))


def weekly_load(
    start: date, end: date, discipline: Discipline | str | None = None, week_start: int = 0
) -> WeeklyLoad:
    """Weekly load with Foster's monotony and strain of each whole week in the range."""
    facts = Facts(make_scope(start, end, discipline, week_start))
    return weekly_load_from(facts, load_series_from(facts))


def load_series_from(facts: Facts, days: list[date] | None = None) -> LoadSeries:
    """Warmed up from the journal's first done session of the disciplines (or the range's start
    if earlier), so the averages inside the range are exact whatever the range. `days`: every
    day of the range, when another series of the same range has them made (read only)."""
    scope = facts.scope
    first, loads = facts.daily_loads
    skip = (scope.start - first).days  # the warm-up days before the range
    fitness, fatigue, form, ratio, mono, stra = facts.load_curves(first, loads, skip, _curves)
    crafts = scope.disciplines
    return LoadSeries(
        label=crafts[0].value if len(crafts) == 1 else TOTAL_LOAD_LABEL,
        days=days_in(scope.start, scope.end) if days is None else days,
        load=loads[skip:].tolist(),
        fitness=fitness,
        fatigue=fatigue,
        form=form,
        acute_chronic=ratio,
        monotony=mono,
        strain=stra,
        history_start=first,
        unrated_sessions=facts.unrated_sessions(),
    )


# The daily curves the Load charts draw, in the order `_curves` makes them.
DRAWN_CURVES = ("fitness", "fatigue", "form", "acute_chronic")


def load_arrays(facts: Facts, load: LoadSeries) -> dict[str, np.ndarray] | None:
    """The drawn curves of `load`, the facts' own series (`load_series_from(facts)`), as the
    journal's kept float64 arrays (None as NaN; the same values as its lists, read only), so
    the charts need not make them from 11,000 Python floats each. None without the journal's
    curves: the charts make them from the lists."""
    if facts.journal is None or load.history_start is None:
        return None
    since = (facts.scope.start - load.history_start).days
    arrays = facts.journal.curve_arrays(
        facts.scope.disciplines, load.history_start, since, since + len(load.days), 4
    )
    return None if arrays is None else dict(zip(DRAWN_CURVES, arrays, strict=True))


def craft_facts(facts: Facts) -> dict[str, Facts]:
    """The facts of each chosen craft alone over the same range (the facts themselves when only
    one craft is chosen), read from the same journal facts when the view has them."""
    crafts = facts.scope.disciplines
    if len(crafts) == 1:
        return {crafts[0].value: facts}
    s = facts.scope
    return {
        d.value: Facts(make_scope(s.start, s.end, d, s.week_start), facts.today, facts.journal)
        for d in crafts
    }


def load_by_craft_from(facts: Facts, load: LoadSeries | None = None) -> dict[str, LoadSeries]:
    """Each chosen craft's own load series (`load` is the scope's own, reused for one craft).

    Music and running are not one physiological quantity: fitness, fatigue and form are shown
    per craft, and their sum only as the labelled total (docs/measures.md)."""
    out: dict[str, LoadSeries] = {}
    days = None  # the crafts share the range: its 11,000 days (thirty years) made once
    for key, craft in craft_facts(facts).items():
        out[key] = load if craft is facts and load is not None else load_series_from(craft, days)
        days = out[key].days
    return out


def weekly_load_by_craft_from(facts: Facts, loads: dict[str, LoadSeries]) -> dict[str, WeeklyLoad]:
    """Each chosen craft's weekly load, monotony and strain, from its own daily series."""
    return {key: weekly_load_from(craft, loads[key]) for key, craft in craft_facts(facts).items()}


def _curves(loads: list[float], since: int = 0) -> tuple[list, ...]:
    """Fitness, fatigue, form, acute:chronic, monotony and strain of consecutive daily loads,
    of the days from loads[since] on (the days before warm them up)."""
    balance = training_balance(loads, since=since)
    mono, stra = rolling_monotony_strain(loads, since=since)
    return (
        balance.fitness,
        balance.fatigue,
        balance.form,
        acute_chronic_ratio(loads, since=since),
        mono,
        stra,
    )


def weekly_load_from(facts: Facts, load: LoadSeries) -> WeeklyLoad:
    """Sum the range's days of each week; monotony and strain only for whole weeks in range.

    A whole week's monotony and strain are those of the daily series on its last day (the same
    7 days), so the weekly and the daily charts never disagree. `load` is the facts' own
    series (`load_series_from(facts)`); its daily loads are read from the facts' array.
    """
    scope = facts.scope
    weeks = facts.axis("week").starts
    if not weeks:
        return WeeklyLoad(weeks=weeks, load=[], monotony=[], strain=[])
    # each week's first and last day in the range, as offsets from its start (thirty years are
    # 1,565 weeks, on every switch): the weeks follow each other, so they part the range's days
    lead = (scope.start - weeks[0]).days
    firsts = np.maximum(np.arange(len(weeks)) * 7 - lead, 0)
    lasts = np.minimum(np.arange(1, len(weeks) + 1) * 7 - lead, len(load.load)) - 1
    # the days as a grid of weeks × 7 (0 outside the range), added column by column: each
    # week's days one by one in order, as `sum` of the week's list did, to the last bit
    grid = np.zeros(len(weeks) * 7)
    first, loads = facts.daily_loads
    days = loads[(scope.start - first).days :]
    if len(days) != len(load.load) or load.history_start != first:
        days = np.array(load.load, dtype=float)  # not the facts' own series: its own days
    grid[lead : lead + len(days)] = days
    grid = grid.reshape(len(weeks), 7)
    week_sums = grid[:, 0].copy()
    for day in range(1, 7):
        week_sums += grid[:, day]
    totals = week_sums.tolist()
    mono, stra = load.monotony, load.strain
    monos: list[float | None] = [None] * len(weeks)
    strains: list[float | None] = [None] * len(weeks)
    ends = lasts.tolist()
    for i in np.flatnonzero(lasts - firsts == 6).tolist():
        monos[i], strains[i] = mono[ends[i]], stra[ends[i]]
    return WeeklyLoad(weeks=weeks, load=totals, monotony=monos, strain=strains)
