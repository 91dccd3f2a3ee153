"""The comparison of an experiment's two sides: numbers checked by hand and by a second method
(the exact bootstrap distribution of a tiny sample, enumerated), and words that never overclaim."""

from __future__ import annotations

import itertools
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadence.domain.experiments import (
    ExperimentArm,
    ExperimentDesign,
    ExperimentMeasure,
    Side,
    Verdict,
    baseline_window,
    bootstrap_interval,
    compare,
    format_value,
    meanwhile,
    next_arm,
    seed_for,
    summary_words,
)


def test_too_few_sessions_say_so_with_both_counts():
    c = compare("accuracy", [0.7, 0.8, 0.75], [0.9, 0.85, 0.9, 0.95], seed=1)
    assert c.verdict == Verdict.TOO_FEW
    assert c.words == "too few sessions to tell (3 vs 4)"
    assert c.low is None and c.high is None
    # the means are still given, by hand: 2.25 / 3 and 3.6 / 4
    assert c.mean_usual == pytest.approx(0.75)
    assert c.mean_change == pytest.approx(0.9)
    assert c.difference == pytest.approx(0.15)


def test_a_clear_difference_reads_better_or_worse_by_the_measures_direction():
    usual = [0.60, 0.62, 0.58, 0.61, 0.59, 0.60]
    change = [0.80, 0.82, 0.78, 0.81, 0.79, 0.80]
    up = compare("accuracy", usual, change, seed=7)
    assert up.verdict == Verdict.BETTER and up.words == "clearly better on accuracy"
    assert up.difference == pytest.approx(0.20)
    assert 0.17 < up.low < 0.20 < up.high < 0.23
    # more stop-points per hour is worse
    down = compare("stops_per_hour", usual, change, seed=7)
    assert down.verdict == Verdict.WORSE
    assert down.words == "clearly worse on stop-points per hour"


def test_an_overlapping_difference_is_called_chance():
    usual = [3, 4, 2, 5, 3, 4]
    change = [4, 3, 5, 2, 4, 3]
    c = compare("focus", usual, change, seed=3)
    assert c.verdict == Verdict.CANT_TELL
    assert c.words == "can't tell: a difference this size often happens by chance here"
    assert c.low < 0 < c.high


def test_same_values_and_seed_give_the_same_interval_and_another_seed_nearly_so():
    a, b = [1.0, 2.0, 4.0, 3.0, 5.0], [2.0, 6.0, 5.0, 4.0, 7.0]
    assert bootstrap_interval(a, b, 11) == bootstrap_interval(a, b, 11)
    lo1, hi1 = bootstrap_interval(a, b, 11)
    lo2, hi2 = bootstrap_interval(a, b, 12)
    assert (lo1, hi1) != (lo2, hi2)
    assert abs(lo1 - lo2) < 0.25 and abs(hi1 - hi2) < 0.25


def _exact_quantiles(a: list[float], b: list[float]) -> tuple[float, float]:
    """The 5th and 95th percentiles of mean(b*) − mean(a*) over every equally likely resample."""
    means_a = [np.mean(r) for r in itertools.product(a, repeat=len(a))]
    means_b = [np.mean(r) for r in itertools.product(b, repeat=len(b))]
    diffs = np.subtract.outer(np.array(means_b), np.array(means_a)).ravel()
    return float(np.percentile(diffs, 5)), float(np.percentile(diffs, 95))


def test_the_seeded_interval_agrees_with_the_exact_bootstrap_distribution():
    # 4 values a side: 4^4 × 4^4 = 65,536 equally likely pairs of resamples, enumerated
    a, b = [1.0, 2.0, 2.0, 5.0], [3.0, 4.0, 6.0, 7.0]
    exact = _exact_quantiles(a, b)
    lo, hi = bootstrap_interval(a, b, seed_for("hand", 1), resamples=20_000)
    assert lo == pytest.approx(exact[0], abs=0.13)
    assert hi == pytest.approx(exact[1], abs=0.13)
    # by hand: the extremes are mean(b*) − mean(a*) from 3 − 5 = −2 to 7 − 1 = 6
    assert -2 <= lo < hi <= 6


@settings(max_examples=60, deadline=None)
@given(
    a=st.lists(st.floats(-100, 100), min_size=1, max_size=12),
    b=st.lists(st.floats(-100, 100), min_size=1, max_size=12),
    shift=st.floats(-50, 50),
)
def test_shifting_the_change_side_shifts_the_interval_by_the_same_amount(a, b, shift):
    lo, hi = bootstrap_interval(a, b, 5, resamples=300)
    lo2, hi2 = bootstrap_interval(a, [x + shift for x in b], 5, resamples=300)
    assert lo <= hi
    assert lo2 == pytest.approx(lo + shift, abs=1e-6)
    assert hi2 == pytest.approx(hi + shift, abs=1e-6)


def test_summary_words_name_each_measure_once():
    good = compare("accuracy", [0.5] * 5 + [0.52], [0.8] * 5 + [0.82], seed=1)
    flat = compare("focus", [3, 4, 3, 4, 3], [4, 3, 4, 3, 3], seed=1)
    few = compare("clean_tempo", [100, 102], [104, 105, 106], seed=1)
    assert summary_words([good, flat, few]) == (
        "Clearly better on accuracy; can't tell on focus; "
        "too few sessions to tell on clean tempo (2 vs 3)"
    )


def test_arms_and_windows():
    start = date(2026, 3, 2)
    assert baseline_window(start, date(2026, 3, 15)) == (date(2026, 2, 16), date(2026, 3, 1))
    assert next_arm(ExperimentDesign.ALTERNATE_DAYS, start, start, 9) == ExperimentArm.CHANGE
    assert next_arm(ExperimentDesign.ALTERNATE_DAYS, start, date(2026, 3, 3), 0) == (
        ExperimentArm.USUAL
    )
    assert next_arm(ExperimentDesign.ALTERNATE_SESSIONS, start, start, 3) == ExperimentArm.USUAL
    assert next_arm(ExperimentDesign.BEFORE_AFTER, start, start, 3) == ExperimentArm.CHANGE


def test_meanwhile_names_a_new_phase_less_sleep_and_more_pain():
    before = Side(phases=("base",), sleep_h=(8, 7.5, 8, 7.5), pain_stops=0, sessions=6)
    during = Side(phases=("base", "build"), sleep_h=(6.5, 7, 6.5), pain_stops=2, sessions=6)
    assert meanwhile(before, during, ("before", "during")) == [
        "a new cycle phase (build) on the during side",
        "less sleep in the day entries (6.7 h vs 7.8 h)",
        "more pain stop-points (2 vs 0)",
    ]
    assert meanwhile(before, before, ("before", "during")) == []


def test_meanwhile_names_a_resting_heart_rate_five_beats_apart():
    calm = Side(resting_hr=(50, 52, 51))
    up = Side(resting_hr=(56, 57, 56, 57))  # 56.5 vs 51: 5.5 beats higher
    names = ("B (as usual)", "A (the change)")
    assert meanwhile(calm, up, names) == [
        "a higher resting heart rate in the day entries (56 vs 51 bpm)"
    ]
    assert meanwhile(up, calm, names) == [
        "a lower resting heart rate in the day entries (51 vs 56 bpm)"
    ]
    assert meanwhile(calm, Side(resting_hr=(55, 55, 55)), names) == []  # 4 beats: not named
    assert meanwhile(calm, Side(resting_hr=(60, 60)), names) == []  # two entries say too little


def test_values_in_their_units():
    assert format_value(ExperimentMeasure.ACCURACY, 0.823) == "82 %"
    assert format_value(ExperimentMeasure.ACCURACY, 0.065, signed=True) == "+6 points"
    assert format_value(ExperimentMeasure.PACE, 5.5) == "5:30 /km"
    assert format_value(ExperimentMeasure.CLEAN_TEMPO, -2.25, signed=True) == "−2.2 BPM"
    assert format_value(ExperimentMeasure.FOCUS, -0.04, signed=True) == "0.0"
    assert format_value(ExperimentMeasure.ACCURACY, 0.004, signed=True) == "0 points"


def _interval_drawn_at_once(usual, change, seed, resamples):
    """The interval as it was first written: each side's resamples drawn as one array."""
    a, b = np.asarray(usual, dtype=float), np.asarray(change, dtype=float)
    rng = np.random.default_rng(seed)
    means_a = a[rng.integers(0, len(a), size=(resamples, len(a)))].mean(axis=1)
    means_b = b[rng.integers(0, len(b), size=(resamples, len(b)))].mean(axis=1)
    tail = (1 - 0.90) / 2 * 100  # 4.999…: the percentiles as the code asks for them
    lo, hi = np.percentile(means_b - means_a, [tail, 100 - tail])
    return float(lo), float(hi)


@pytest.mark.parametrize("resamples", [1, 255, 256, 257, 513, 4000])
def test_resamples_drawn_in_chunks_give_the_interval_drawn_at_once_to_the_bit(resamples):
    values = np.random.default_rng(99).normal(50, 20, size=300)
    for seed in range(12):
        for n_a, n_b in ((1, 1), (1, 7), (5, 5), (13, 40), (120, 3), (300, 250)):
            usual = values[:n_a].tolist()
            change = values[-n_b:].tolist()
            got = bootstrap_interval(usual, change, seed_for("chunks", seed), resamples)
            want = _interval_drawn_at_once(usual, change, seed_for("chunks", seed), resamples)
            assert got == want, (seed, n_a, n_b)  # equal floats, not approximately


def test_the_resamples_are_drawn_a_chunk_at_a_time(monkeypatch):
    import cadence.domain.experiments as experiments

    made = np.random.default_rng
    rows: list[int] = []

    class Counting:
        def __init__(self, seed):
            self.rng = made(seed)

        def integers(self, low, high, size):
            rows.append(size[0])
            return self.rng.integers(low, high, size=size)

    monkeypatch.setattr(np.random, "default_rng", Counting)
    bootstrap_interval([1.0, 2.0, 3.0] * 20, [2.0, 4.0] * 30, 3)
    assert max(rows) == experiments.RESAMPLE_CHUNK
    assert sum(rows) == 2 * experiments.RESAMPLES
