"""The measures' arithmetic, against values worked out by hand (the sums are in the comments)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadence.domain import measures as m

# k = 1 − e^(−1/τ): e^(−1/7) = 0.8668779, e^(−1/42) = 0.9764717
K7 = 0.1331221002498184
K42 = 0.023528313347756735


def test_session_load_is_rpe_times_minutes() -> None:
    assert m.session_load(7, 50) == 350  # 7 × 50


def test_ewma_constant_follows_goldencheetah() -> None:
    assert m.ewma_constant(7) == pytest.approx(K7)
    assert m.ewma_constant(42) == pytest.approx(K42)
    # Runalyze's 2/(N+1) = 2/43 = 0.04651 is 1.98 times GoldenCheetah's weight for 42 days.
    assert (2 / 43) / m.ewma_constant(42) == pytest.approx(1.9768, abs=1e-4)
    with pytest.raises(ValueError, match="positive"):
        m.ewma_constant(0)


def test_ewma_decays_on_rest_days() -> None:
    # 100 on day 1, then rest: y1 = 0.13312 × 100 = 13.3122; y2 = 13.3122 × 0.86688 = 11.5401;
    # y3 = 11.5401 × 0.86688 = 10.0039.
    assert m.ewma([100, 0, 0], 7) == pytest.approx([13.31221, 11.54008, 10.00385], abs=1e-4)
    assert m.ewma([], 7) == []


def test_training_balance_form_is_yesterdays_fitness_minus_fatigue() -> None:
    tb = m.training_balance([100, 0, 0])
    # fitness: 100 × 0.0235283 = 2.35283, then × 0.9764717: 2.29747, 2.24342
    assert tb.fitness == pytest.approx([2.35283, 2.29747, 2.24341], abs=1e-4)
    assert tb.fatigue == pytest.approx([13.31221, 11.54008, 10.00385], abs=1e-4)
    # form: 0 on the first day; then 2.35283 − 13.31221 = −10.95938; 2.29747 − 11.54008 = −9.24261
    assert tb.form == pytest.approx([0.0, -10.95938, -9.24261], abs=1e-4)


def test_training_balance_of_no_days() -> None:
    tb = m.training_balance([])
    assert (tb.fitness, tb.fatigue, tb.form) == ([], [], [])


def test_rolling_mean_waits_for_a_full_window() -> None:
    assert m.rolling_mean([1, 2, 3, 4], 2) == [None, 1.5, 2.5, 3.5]


def test_acute_chronic_ratio() -> None:
    loads = [10.0] * 21 + [40.0] * 7
    ratio = m.acute_chronic_ratio(loads)
    assert ratio[:27] == [None] * 27  # fewer than 28 days of history
    # acute: 7 × 40 / 7 = 40; chronic: (21 × 10 + 7 × 40) / 28 = 490 / 28 = 17.5; 40 / 17.5
    assert ratio[27] == pytest.approx(40 / 17.5)
    assert m.acute_chronic_ratio([0.0] * 30)[29] is None  # chronic mean 0: undefined


def test_monotony_and_strain() -> None:
    week = [100, 0, 100, 0, 100, 0, 100]
    # mean 400/7 = 57.143; deviations +42.857 (×4) and −57.143 (×3);
    # variance (4 × 1836.73 + 3 × 3265.31) / 7 = 2448.98; SD 49.487; 57.143 / 49.487 = 1.1547
    assert m.monotony(week) == pytest.approx(1.154700, abs=1e-6)
    assert m.strain(week) == pytest.approx(400 * 1.154700, abs=1e-3)  # 461.88


def test_monotony_is_none_when_the_sd_is_zero() -> None:
    assert m.monotony([50] * 7) is None
    assert m.monotony([0] * 7) is None  # a week of rest
    assert m.strain([50] * 7) is None
    assert m.monotony([]) is None


def test_rolling_monotony_needs_seven_days() -> None:
    loads = [0, 0, 0, 0, 0, 0, 350, 120]
    mono, stra = m.rolling_monotony_strain(loads)
    assert mono[:6] == [None] * 6
    # days 1-7: mean 50, SD sqrt((6 × 50² + 300²) / 7) = sqrt(15000) = 122.474; 50 / 122.474
    assert mono[6] == pytest.approx(1 / math.sqrt(6))
    assert stra[6] == pytest.approx(350 / math.sqrt(6))  # 142.89
    # days 2-8: [0,0,0,0,0,350,120], mean 470/7 = 67.143; squares 5 × 4508.16 + 80008.2 + 2793.9
    # = 105342.9; / 7 = 15049.0; SD 122.675; 67.143 / 122.675 = 0.54733
    assert mono[7] == pytest.approx(0.54733, abs=1e-5)


def test_ratios() -> None:
    assert m.ratio(1, 4) == 0.25
    assert m.ratio(1, 0) is None
    assert m.ratio(None, 4) is None
    assert m.intention_rate(2, 1, 4) == 0.625  # (2 + 0.5) / 4
    assert m.intention_rate(0, 0, 0) is None


def test_completion_uses_reps_else_time() -> None:
    assert m.completion(8, 10, 1800, 2400) == 0.8  # reps win: 8 / 10
    assert m.completion(None, None, 1800, 2400) == 0.75  # time: 30 / 40 min
    assert m.completion(None, 0, 1800, 2400) == 0.75  # zero planned reps is no plan
    assert m.completion(12, 10, None, None) == 1.2  # more than planned is not capped
    assert m.completion(None, None, 1800, None) is None


def test_mean_and_median() -> None:
    assert m.median([3, 1, 2]) == 2
    assert m.median([4, 1, 3, 2]) == 2.5
    assert m.median([]) is None
    assert m.mean([1, 2, 6]) == 3
    assert m.mean([]) is None


def test_pearson() -> None:
    assert m.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert m.pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # dx = (−5, −5, 5, 5), dy = (0.5, 1.5, −0.5, −1.5): Σdxdy = −20, Σdx² = 100, Σdy² = 5
    # r = −20 / sqrt(500) = −0.894427
    assert m.pearson([0, 0, 10, 10], [3, 4, 2, 1]) == pytest.approx(-0.894427, abs=1e-6)
    assert m.pearson([1, 2], [1, 2]) is None  # two points always line up
    assert m.pearson([1, 1, 1], [1, 2, 3]) is None  # a constant side
    with pytest.raises(ValueError, match="pairs"):
        m.pearson([1, 2, 3], [1, 2])


def test_position_in_plan() -> None:
    assert m.position_in_plan(8, 10, 600, 1200) == 0.8  # reps first
    assert m.position_in_plan(None, 10, 600, 1200) == 0.5  # else time
    assert m.position_in_plan(3, 0, None, None) is None


def test_position_histogram_fixed_bins() -> None:
    counts = m.position_histogram([0, 0.05, 0.7, 0.8, 0.99, 1.0, 1.2])
    assert counts == [2, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2]
    assert len(m.POSITION_BIN_LABELS) == m.POSITION_BIN_COUNT == 11
    assert m.POSITION_BIN_LABELS[7] == "70-80%"
    with pytest.raises(ValueError, match="negative"):
        m.position_bin(-0.1)


@given(st.integers(min_value=1, max_value=200), st.data())
def test_a_stop_at_rep_k_of_n_lands_in_the_exact_bin(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=3 * n))
    # Integer arithmetic is the truth: 7 of 10 is 70 %, never 69.999 %.
    assert m.position_bin(k / n) == min(10 * k // n, 10)


def test_streaks() -> None:
    days = [date(2026, 3, d) for d in (1, 2, 3, 5, 6, 8)] + [date(2026, 3, 2)]
    s = m.streaks(days, today=date(2026, 3, 9))
    # Today (9th) has nothing yet but the 8th had: the streak of 1 is still alive.
    assert (s.current, s.current_start) == (1, date(2026, 3, 8))
    assert (s.longest, s.longest_start, s.longest_end) == (3, date(2026, 3, 1), date(2026, 3, 3))
    assert m.streaks(days, today=date(2026, 3, 6)).current == 2  # 5th and 6th
    assert m.streaks(days, today=date(2026, 3, 10)).current == 0  # the 9th was missed
    empty = m.streaks([], today=date(2026, 3, 9))
    assert (empty.current, empty.longest, empty.longest_start) == (0, 0, None)


def test_longest_streak_can_be_limited_to_a_range() -> None:
    days = [date(2026, 3, d) for d in (1, 2, 3, 4)]
    s = m.streaks(days, today=date(2026, 3, 5), longest_days=days[2:])
    assert (s.current, s.longest) == (4, 2)


def test_week_start_of_monday_and_sunday_weeks() -> None:
    wednesday, sunday = date(2026, 3, 4), date(2026, 3, 1)
    assert m.week_start_of(wednesday, 0) == date(2026, 3, 2)  # Monday
    assert m.week_start_of(wednesday, 6) == date(2026, 3, 1)  # Sunday
    assert m.week_start_of(sunday, 0) == date(2026, 2, 23)  # last day of a Monday week
    assert m.week_start_of(sunday, 6) == sunday  # first day of a Sunday week
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6 \\(Sunday\\)"):
        m.week_start_of(sunday, 7)
    with pytest.raises(ValueError):
        m.check_week_start(True)


def test_period_starts() -> None:
    assert m.period_starts(date(2025, 12, 15), date(2026, 2, 3), "month") == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    # Sunday 1 March to Monday 9 March, Monday weeks: three partial or whole weeks.
    assert m.period_starts(date(2026, 3, 1), date(2026, 3, 9), "week", 0) == [
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 9),
    ]
    assert m.period_starts(date(2026, 3, 2), date(2026, 3, 2), "day") == [date(2026, 3, 2)]
    assert m.period_starts(date(2026, 3, 2), date(2026, 3, 1), "day") == []
    with pytest.raises(ValueError, match="period"):
        m.period_starts(date(2026, 3, 2), date(2026, 3, 9), "year")  # type: ignore[arg-type]
    assert m.days_in(date(2026, 2, 27), date(2026, 3, 1)) == [
        date(2026, 2, 27),
        date(2026, 2, 28),
        date(2026, 3, 1),
    ]


@given(
    st.lists(
        st.one_of(st.just(0.0), st.floats(min_value=0, max_value=1000, allow_nan=False)),
        min_size=7,
        max_size=40,
    )
)
def test_rolling_monotony_equals_the_weekly_definition(loads: list[float]) -> None:
    mono, stra = m.rolling_monotony_strain(loads)
    for i in range(6, len(loads)):
        week = loads[i - 6 : i + 1]
        expected_mono, expected_strain = m.monotony(week), m.strain(week)
        if expected_mono is None:
            assert mono[i] is None
        else:
            assert mono[i] == pytest.approx(expected_mono, rel=1e-6)
            assert stra[i] == pytest.approx(expected_strain, rel=1e-6)


def test_rolling_monotony_of_a_rest_week_after_years_of_training() -> None:
    # Years of uneven loads leave rounding in running sums; a week of rest must still be None.
    loads = [(i * 37.3) % 411.7 for i in range(3650)] + [0.0] * 7 + [25.0] * 7
    mono, stra = m.rolling_monotony_strain(loads)
    assert mono[3650 + 6] is None  # 7 days of 0
    assert stra[3650 + 6] is None
    assert mono[-1] is None  # 7 days of 25: SD 0


def test_days_and_weeks_of_thirty_years_step_one_day_or_a_week_through_leap_years() -> None:
    start, end = date(1996, 12, 2), date(2026, 12, 3)  # 1997 .. 2026 hold seven 29 Februaries
    days = m.days_in(start, end)
    assert days[0] == start and days[-1] == end and len(days) == (end - start).days + 1
    assert all(b - a == timedelta(days=1) for a, b in pairwise(days))
    assert date(2024, 2, 29) in days
    assert m.period_starts(start, end, "day") == days
    weeks = m.period_starts(start, end, "week", 0)
    assert weeks[0] == date(1996, 12, 2) and weeks[-1] == date(2026, 11, 30)
    assert all(b - a == timedelta(days=7) for a, b in pairwise(weeks))


@given(
    st.lists(
        st.one_of(st.just(0.0), st.floats(0, 2000, allow_nan=False), st.integers(0, 900)),
        max_size=60,
    ),
    st.integers(0, 70),
)
def test_the_curves_from_a_day_on_are_the_tail_of_the_whole_curves(
    loads: list[float], since: int
) -> None:
    """With `since`, the load curves are those of every day from `since` on, equal to the bit
    (the days before only warm them up): a report of a week need not hold thirty years."""
    since = min(since, len(loads))
    whole = m.training_balance(loads)
    tail = m.training_balance(loads, since=since)
    assert tail.fitness == whole.fitness[since:]
    assert tail.fatigue == whole.fatigue[since:]
    assert tail.form == whole.form[since:]
    assert m.ewma(loads, 42, 3.5, since) == m.ewma(loads, 42, 3.5)[since:]
    assert m.rolling_mean(loads, 7, since) == m.rolling_mean(loads, 7)[since:]
    assert m.acute_chronic_ratio(loads, since=since) == m.acute_chronic_ratio(loads)[since:]
    mono, stra = m.rolling_monotony_strain(loads)
    assert m.rolling_monotony_strain(loads, since=since) == (mono[since:], stra[since:])


@given(
    st.dates(min_value=date(1, 1, 8)),
    st.integers(-3, 800),
    st.sampled_from(["day", "week"]),
    st.integers(0, 6),
)
def test_the_days_and_weeks_of_a_range_are_every_date_from_its_first(
    start: date, length: int, period: m.Period, week_start: int
) -> None:
    """`days_in` and the day and week starts (made by numpy) are `date`s, each the one before
    plus a day or a week, to the last day of the range, also at the calendar's two ends."""
    end = date.fromordinal(min(max(start.toordinal() + length, 1), date.max.toordinal()))
    days = m.days_in(start, end)
    assert days == [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
    assert all(type(day) is date for day in days)
    assert m.period_starts(start, end, "day") == days
    first = m.period_start(start, period, week_start)
    step = 1 if period == "day" else 7
    expected = [date.fromordinal(n) for n in range(first.toordinal(), end.toordinal() + 1, step)]
    assert m.period_starts(start, end, period, week_start) == (expected if start <= end else [])
