"""The quicker ways the Trends tabs pick a range (issue 19): each equals, to the bit, the plain
way it replaced, written out here. The cycle marks read once while the journal is unchanged, the
stop insight from columns, each week's load and whole-week monotony, sorted days made unique,
ratios per period."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadence.domain.enums import Discipline, PhaseName
from cadence.domain.seasons import CycleData, PhasePlan
from cadence.services.season import seasons
from cadence.services.stats import quality, stops
from cadence.services.stats.facts import Facts, quotients, sorted_unique
from cadence.services.stats.journal import journal_facts
from cadence.services.stats.lazy import CycleMarks, EventMark, LazyStats, PhaseMark, cycle_marks
from cadence.services.stats.types import PassageTempo
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Cycle, CyclePhase, Event

END = date(2026, 3, 1)  # the day the shared `demo_file` (conftest.py) ends
RANGES = [
    (date(2024, 2, 26), END),
    (date(2025, 12, 1), date(2026, 2, 22)),
    (date(2025, 6, 4), date(2025, 6, 4)),
    (date(2023, 1, 2), date(2024, 4, 7)),
    (date(2026, 2, 3), date(2026, 4, 26)),
]


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_file.read_bytes())  # some tests write
    open_journal(path)
    try:
        yield path
    finally:
        close_journal()


def queried_marks(start: date, end: date, discipline: str | None) -> CycleMarks:
    """The marks as one query per range found them."""
    phases = (
        CyclePhase.select(
            Cycle.name,
            CyclePhase.name,
            CyclePhase.start_date,
            CyclePhase.end_date,
            Cycle.discipline,
        )
        .join(Cycle)
        .where((CyclePhase.start_date <= end) & (CyclePhase.end_date >= start))
        .order_by(CyclePhase.start_date, CyclePhase.id)
    )
    events = (
        Event.select(Event.name, Event.kind, Event.date, Event.discipline)
        .where(Event.date.between(start, end) & Event.deleted_at.is_null())
        .order_by(Event.date, Event.id)
    )
    if discipline:
        phases = phases.where(Cycle.discipline.is_null() | (Cycle.discipline == discipline))
        events = events.where(Event.discipline.is_null() | (Event.discipline == discipline))
    craft = lambda value: Discipline(value) if value else None  # noqa: E731
    return CycleMarks(
        [PhaseMark(c, n, a, b, craft(d)) for c, n, a, b, d in phases.tuples()],
        [EventMark(n, k, day, craft(d)) for n, k, day, d in events.tuples()],
    )


@pytest.mark.parametrize("discipline", [None, "music", "running"])
def test_the_kept_cycle_marks_equal_a_query_per_range(demo: Path, discipline: str | None) -> None:
    assert Cycle.select().count() and Event.select().count()  # the demo has both
    for start, end in RANGES:
        assert cycle_marks(start, end, discipline) == queried_marks(start, end, discipline)


def test_a_cycle_saved_after_the_marks_were_read_is_marked(demo: Path) -> None:
    day = date(2026, 6, 1)
    assert cycle_marks(day, day + timedelta(days=30)).phases == []
    plan = PhasePlan(PhaseName.BUILD, day, day + timedelta(days=13))
    seasons.save_cycle(CycleData("Summer block", day, day + timedelta(days=13), phases=[plan]))
    marks = cycle_marks(day, day + timedelta(days=30), "running")
    assert [(p.cycle, p.start) for p in marks.phases] == [("Summer block", day)]
    assert marks == queried_marks(day, day + timedelta(days=30), "running")


@pytest.mark.parametrize("week_start", [0, 3, 6])
@pytest.mark.parametrize(("start", "end"), RANGES)
def test_each_weeks_load_is_the_sum_of_its_days(
    demo: Path, start: date, end: date, week_start: int
) -> None:
    for discipline in (None, "music", "running"):
        stats = LazyStats(start, end, discipline, week_start, END, journal=journal_facts())
        load, weekly = stats.load, stats.weekly_load
        totals, monos, strains = [], [], []
        for week in weekly.weeks:  # the loop it replaced
            first = (max(week, start) - start).days
            last = (min(week + timedelta(days=6), end) - start).days
            totals.append(sum(load.load[first : last + 1]))
            whole = last - first == 6
            monos.append(load.monotony[last] if whole else None)
            strains.append(load.strain[last] if whole else None)
        assert (weekly.load, weekly.monotony, weekly.strain) == (totals, monos, strains)


def insight_by_loop(picked: list) -> tuple | None:
    """The insight's group, as the loop over every stop found it."""
    groups: dict[tuple, list] = {}
    for stop in picked:
        if stop.action != "stopped" or stop.basis is None:
            continue
        g = groups.setdefault((stop.discipline, stop.kind, stop.basis), [0, 0.0, 0.0, 0.0, {}])
        g[0] += 1
        g[1] += stop.fraction or 0.0
        g[2] += stop.at or 0.0
        g[3] += stop.planned or 0.0
        g[4][stop.reason] = g[4].get(stop.reason, 0) + 1
    if not groups:
        return None
    key = min(groups, key=lambda k: (-groups[k][0], k))
    n, fraction, at, planned, reasons = groups[key]
    if n < stops.INSIGHT_MIN_STOPS:
        return None
    top = min(reasons.items(), key=lambda item: (-item[1], item[0]))
    return (key, n, fraction / n, at / n, planned / n, top)


def test_the_stop_insight_equals_the_loop_over_every_stop(demo: Path) -> None:
    every = list(journal_facts().day_rows(stops._stop_rows))
    assert len(every) > 50
    shuffled = random.Random(7)
    for size in (0, 1, 3, 10, 40, len(every)):
        for _ in range(5):
            picked = shuffled.sample(every, size)
            found = stops._insight(picked)
            expected = insight_by_loop(picked)
            if expected is None:
                assert found is None
                continue
            assert found is not None
            key, n, fraction, at, planned, top = expected
            assert (str(found.discipline), found.kind, found.basis) == key
            assert (found.n, found.mean_fraction, found.mean_at, found.mean_planned) == (
                n,
                fraction,
                at,
                planned,
            )
            assert (found.top_reason, found.top_reason_count) == top


def tempo_by_loop(facts: Facts) -> list[PassageTempo]:
    """The tempo per passage as the loop over each passage's rows made it, a day at a time."""
    rows, shift = facts.day_rows_at(quality._tempo_rows)
    start = facts.scope.start.toordinal() - shift
    passages = []
    for _, group in groupby(rows, key=itemgetter(2)):
        first, *_ = group = list(group)
        columns = list(zip(*group, strict=True))
        best, goal = list(columns[8]), first[6]
        passages.append(
            PassageTempo(
                passage_id=first[2],
                label=first[3],
                piece=first[4],
                start_bpm=first[5],
                target_bpm=goal,
                days=[date.fromordinal(day + start) for day in columns[0]],
                session_ids=list(columns[7]),
                best_bpm=best,
                fraction_of_target=[b / goal for b in best] if goal else [None] * len(best),
            )
        )
    return passages


@pytest.mark.parametrize("discipline", [None, "music", "running"])
def test_the_tempo_per_passage_equals_the_loop_over_its_rows(
    demo: Path, discipline: str | None
) -> None:
    journal = journal_facts()
    for start, end in RANGES:
        facts = LazyStats(start, end, discipline, 0, journal=journal).facts
        found = quality.tempo_progress_from(facts)
        assert found == tempo_by_loop(facts)
        assert [[type(v) for v in p.fraction_of_target] for p in found] == [
            [type(v) for v in p.fraction_of_target] for p in tempo_by_loop(facts)
        ]
    everything = LazyStats(RANGES[0][0], END, None, 0, journal=journal).facts
    assert len(quality.tempo_progress_from(everything)) > 3  # several passages, one at a time


@given(st.lists(st.integers(0, 400), max_size=60), st.integers(700_000, 740_000))
def test_the_tempo_days_are_the_dates_of_their_numbers_one_object_a_day(
    days: list[int], origin: int
) -> None:
    # the rows come passage by passage, so their days go back and forth, repeat and skip
    found = quality._dates(np.array(days, dtype=np.int64), origin)
    assert found == [date.fromordinal(origin + day) for day in days]
    made = {day: value for day, value in zip(days, found, strict=True)}
    assert all(value is made[day] for day, value in zip(days, found, strict=True))


@given(
    st.lists(
        st.floats(-1e12, 1e12, allow_nan=False)
        | st.integers(-(10**6), 10**6).map(lambda k: k + 0.5)  # halves, to even
        | st.integers(-(10**6), 10**6).map(float),
        max_size=60,
    )
)
def test_a_weeks_n_is_rounded_as_python_rounds(numbers: list[float]) -> None:
    found = quality._whole(np.array(numbers, dtype=float))
    assert found == [round(x) for x in numbers]
    assert all(type(n) is int for n in found)


@given(st.lists(st.integers(-50, 50), max_size=40))
def test_sorted_days_made_unique_as_numpy_does(days: list[int]) -> None:
    ordered = np.array(sorted(days), dtype=np.int64)
    unique = sorted_unique(ordered)
    assert unique.dtype == np.unique(ordered).dtype
    assert unique.tolist() == np.unique(ordered).tolist()


def test_ratios_per_period_are_none_where_nothing_was_counted() -> None:
    top = np.array([3.0, 0.0, 5.0, 1.0])
    bottom = np.array([2.0, 0.0, 0.0, np.nan])
    found = quotients(top, bottom)
    assert found[:3] == [1.5, None, None] and np.isnan(found[3])
    assert all(type(v) is float for v in (found[0], found[3]))
