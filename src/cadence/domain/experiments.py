"""Experiments: one change tried on purpose, compared with the usual way (docs/experiments.md).

Pure: the design's words, which arm a day or a session is in, and the comparison of two groups of
sessions with a seeded bootstrap interval and plain words that never claim more than the numbers
hold. A comparison, not a cause: what else changed meanwhile is named beside it.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# Fewer sessions than this on either side and the comparison says "too few sessions to tell".
MIN_SESSIONS = 5
# Bootstrap resamples and the interval's coverage (90 %: the 5th to the 95th percentile).
RESAMPLES = 4000
INTERVAL = 0.90
# Resamples drawn at once: a side's draws are made and averaged this many rows at a time, so a
# side of n sessions holds 16 x n bytes for each of 256 rows (its indices and values), not of
# 4000. The Generator draws the indices one after another: chunks give the same stream.
RESAMPLE_CHUNK = 256


class ExperimentDesign(StrEnum):
    BEFORE_AFTER = "before_after"  # a baseline of the same length before the start
    ALTERNATE_DAYS = "alternate_days"  # A on the start day, B the next, and so on
    ALTERNATE_SESSIONS = "alternate_sessions"  # A, B, A, B ... session by session


class ExperimentScope(StrEnum):
    ALL = "all"  # every session of the craft
    KIND = "kind"  # one kind (easy runs, practice)
    PASSAGE = "passage"  # sessions that worked on one passage
    WORKOUT = "workout"  # sessions of one title ("12 x 200 m")


class ExperimentArm(StrEnum):
    CHANGE = "change"  # with the change: "during", or A
    USUAL = "usual"  # the usual way: B (the baseline of a before/after design is found by date)


class ExperimentConclusion(StrEnum):
    KEEP = "keep"
    DROP = "drop"


class Verdict(StrEnum):
    TOO_FEW = "too_few"
    CANT_TELL = "cant_tell"
    BETTER = "better"
    WORSE = "worse"


@dataclass(frozen=True)
class MeasureInfo:
    label: str  # "accuracy"
    unit: str  # how values are shown: "%", "BPM", "/h", "", "min/km"
    higher_is_better: bool
    crafts: tuple[str, ...]  # the Discipline values it means something for


class ExperimentMeasure(StrEnum):
    ACCURACY = "accuracy"
    FOCUS = "focus"
    INTENTIONS = "intentions"
    CLEAN_TEMPO = "clean_tempo"
    STOPS_PER_HOUR = "stops_per_hour"
    FORM_STOPS_PER_HOUR = "form_stops_per_hour"
    PAIN_STOPS_PER_HOUR = "pain_stops_per_hour"
    FATIGUE_STOPS_PER_HOUR = "fatigue_stops_per_hour"
    RPE = "rpe"
    PACE = "pace"
    PACE_AT_EFFORT = "pace_at_effort"  # metres per heartbeat: the pace for the effort it cost
    NEXT_DAY_SORENESS = "next_day_soreness"
    NEXT_DAY_FOCUS = "next_day_focus"
    SLIPS = "slips"  # slips per session (domain/slips.py)
    SLIPS_LET_GO = "slips_let_go"  # of a session's answered slips, the share let go
    SLIPS_RECOVERED = "slips_recovered"  # the session recovered from its slips: 1, else 0


_BOTH = ("music", "running")
MEASURES: dict[ExperimentMeasure, MeasureInfo] = {
    ExperimentMeasure.ACCURACY: MeasureInfo("accuracy", "%", True, ("music",)),
    ExperimentMeasure.FOCUS: MeasureInfo("focus", "", True, _BOTH),
    ExperimentMeasure.INTENTIONS: MeasureInfo("intentions met", "%", True, _BOTH),
    ExperimentMeasure.CLEAN_TEMPO: MeasureInfo("clean tempo", "BPM", True, ("music",)),
    ExperimentMeasure.STOPS_PER_HOUR: MeasureInfo("stop-points per hour", "/h", False, _BOTH),
    ExperimentMeasure.FORM_STOPS_PER_HOUR: MeasureInfo("form stops per hour", "/h", False, _BOTH),
    ExperimentMeasure.PAIN_STOPS_PER_HOUR: MeasureInfo("pain stops per hour", "/h", False, _BOTH),
    ExperimentMeasure.FATIGUE_STOPS_PER_HOUR: MeasureInfo(
        "tired stops per hour", "/h", False, _BOTH
    ),
    ExperimentMeasure.RPE: MeasureInfo("RPE for the same work", "", False, _BOTH),
    ExperimentMeasure.PACE: MeasureInfo("pace", "min/km", False, ("running",)),
    ExperimentMeasure.PACE_AT_EFFORT: MeasureInfo(
        "pace at an effort", "m/beat", True, ("running",)
    ),
    ExperimentMeasure.NEXT_DAY_SORENESS: MeasureInfo("next-day soreness", "", False, _BOTH),
    ExperimentMeasure.NEXT_DAY_FOCUS: MeasureInfo("next-day focus", "", True, _BOTH),
    ExperimentMeasure.SLIPS: MeasureInfo("slips per session", "", False, _BOTH),
    ExperimentMeasure.SLIPS_LET_GO: MeasureInfo("slips let go", "%", True, _BOTH),
    ExperimentMeasure.SLIPS_RECOVERED: MeasureInfo("recovered after a slip", "%", True, _BOTH),
}

DESIGN_WORDS: dict[ExperimentDesign, str] = {
    ExperimentDesign.BEFORE_AFTER: "before / after",
    ExperimentDesign.ALTERNATE_DAYS: "alternating by day",
    ExperimentDesign.ALTERNATE_SESSIONS: "alternating by session",
}


def side_names(design: ExperimentDesign | str) -> tuple[str, str]:
    """What the two sides of the comparison are called: (usual, change)."""
    if design == ExperimentDesign.BEFORE_AFTER:
        return "before", "during"
    return "B (as usual)", "A (the change)"


# --- arms and windows -----------------------------------------------------------------------------


def last_day(end_date: date, ended_on: date | None) -> date:
    """The experiment's last day: the day it was ended early, or its planned end."""
    return min(ended_on, end_date) if ended_on is not None else end_date


def baseline_window(start: date, last: date) -> tuple[date, date]:
    """A before/after design's baseline: the same number of days, ending the day before start."""
    length = (last - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def arm_of_day(start: date, day: date) -> ExperimentArm:
    """Alternating by day: the change on the start day, the usual way the next, and so on."""
    return ExperimentArm.CHANGE if (day - start).days % 2 == 0 else ExperimentArm.USUAL


def next_arm(
    design: ExperimentDesign | str, start: date, day: date, tagged_before: int
) -> ExperimentArm:
    """The arm of a session on `day`, after `tagged_before` sessions of the experiment."""
    if design == ExperimentDesign.ALTERNATE_DAYS:
        return arm_of_day(start, day)
    if design == ExperimentDesign.ALTERNATE_SESSIONS:
        return ExperimentArm.CHANGE if tagged_before % 2 == 0 else ExperimentArm.USUAL
    return ExperimentArm.CHANGE


# --- the comparison -------------------------------------------------------------------------------


def seed_for(*parts: object) -> int:
    """A seed made from names and ids, the same on every machine and run (not Python's hash)."""
    return zlib.crc32(":".join(str(p) for p in parts).encode("utf-8"))


def bootstrap_interval(
    usual: Sequence[float], change: Sequence[float], seed: int, resamples: int = RESAMPLES
) -> tuple[float, float]:
    """The 90 % percentile-bootstrap interval of mean(change) − mean(usual).

    Each side is resampled with replacement on its own, `resamples` times, from one
    numpy Generator seeded with `seed`: the same values and seed give the same interval. The
    resamples are drawn RESAMPLE_CHUNK at a time; the interval is the one drawn all at once.
    """
    import numpy as np  # here, not at the top: saving a session tags it, and start-up needs no numpy

    a = np.asarray(usual, dtype=float)
    b = np.asarray(change, dtype=float)
    if len(a) == 0 or len(b) == 0:
        raise ValueError("a bootstrap needs at least one value on each side")
    rng = np.random.default_rng(seed)

    def resampled_means(values):  # each side in turn, as if drawn as one (resamples, n) array
        means = np.empty(resamples)
        for start in range(0, resamples, RESAMPLE_CHUNK):
            rows = min(RESAMPLE_CHUNK, resamples - start)
            picks = rng.integers(0, len(values), size=(rows, len(values)))
            means[start : start + rows] = values[picks].mean(axis=1)
        return means

    means_a = resampled_means(a)
    means_b = resampled_means(b)
    tail = (1 - INTERVAL) / 2 * 100
    lo, hi = np.percentile(means_b - means_a, [tail, 100 - tail])
    return float(lo), float(hi)


@dataclass(frozen=True)
class Comparison:
    measure: str  # ExperimentMeasure value
    n_usual: int
    n_change: int
    mean_usual: float | None
    mean_change: float | None
    difference: float | None  # mean_change − mean_usual
    low: float | None  # the 90 % interval of the difference
    high: float | None
    verdict: Verdict
    words: str

    def to_json(self) -> dict:
        return {
            "measure": self.measure,
            "label": MEASURES[ExperimentMeasure(self.measure)].label,
            "n_usual": self.n_usual,
            "n_change": self.n_change,
            "mean_usual": self.mean_usual,
            "mean_change": self.mean_change,
            "difference": self.difference,
            "interval_90": None if self.low is None else [self.low, self.high],
            "verdict": self.verdict.value,
            "words": self.words,
        }


def compare(
    measure: ExperimentMeasure | str,
    usual: Sequence[float],
    change: Sequence[float],
    seed: int,
    min_sessions: int = MIN_SESSIONS,
) -> Comparison:
    """One measure, the usual way against the change, in numbers and in words."""
    measure = ExperimentMeasure(measure)
    info = MEASURES[measure]
    n_a, n_b = len(usual), len(change)
    mean_a = sum(usual) / n_a if n_a else None
    mean_b = sum(change) / n_b if n_b else None
    if n_a < min_sessions or n_b < min_sessions:
        words = f"too few sessions to tell ({n_a} vs {n_b})"
        diff = None if mean_a is None or mean_b is None else mean_b - mean_a
        return Comparison(measure.value, n_a, n_b, mean_a, mean_b, diff, None, None,
                          Verdict.TOO_FEW, words)  # fmt: skip
    assert mean_a is not None and mean_b is not None
    diff = mean_b - mean_a
    low, high = bootstrap_interval(usual, change, seed)
    if low <= 0 <= high:
        verdict = Verdict.CANT_TELL
        words = "can't tell: a difference this size often happens by chance here"
    else:
        up = low > 0
        verdict = Verdict.BETTER if up == info.higher_is_better else Verdict.WORSE
        words = f"clearly {verdict.value} on {info.label}"
    return Comparison(measure.value, n_a, n_b, mean_a, mean_b, diff, low, high, verdict, words)


def summary_words(comparisons: Sequence[Comparison]) -> str:
    """One line for all measures: 'clearly better on accuracy; can't tell on focus'."""
    parts = []
    for c in comparisons:
        label = MEASURES[ExperimentMeasure(c.measure)].label
        if c.verdict in (Verdict.BETTER, Verdict.WORSE):
            parts.append(c.words)
        elif c.verdict == Verdict.CANT_TELL:
            parts.append(f"can't tell on {label}")
        else:
            parts.append(f"too few sessions to tell on {label} ({c.n_usual} vs {c.n_change})")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else "No measures chosen."


def format_value(
    measure: ExperimentMeasure | str, value: float | None, signed: bool = False, unit: bool = True
) -> str:
    """A value (or a difference, `signed`) in the measure's unit: '82 %', '+6.5 BPM', '5:12'."""
    if value is None:
        return "-"
    info = MEASURES[ExperimentMeasure(measure)]
    shown = {"%": 100, "min/km": 60, "m/beat": 100}.get(info.unit, 10)  # the steps shown
    step = round(value * shown)  # what rounds to 0 is shown without a sign: never "−0.0"
    sign = "+" if signed and step > 0 else ("−" if signed and step < 0 else "")
    v = abs(value) if signed else value
    if info.unit == "%":
        return f"{sign}{v * 100:.0f}" + ((" points" if signed else " %") if unit else "")
    if info.unit == "min/km":
        seconds = round(v * 60)
        return f"{sign}{seconds // 60}:{seconds % 60:02d}" + ("" if signed or not unit else " /km")
    suffix = f" {info.unit}" if info.unit and unit else ""
    digits = 2 if info.unit == "m/beat" else 1
    return f"{sign}{v:.{digits}f}{suffix}"


# --- what else changed meanwhile ------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """What the days of one side of the comparison held, apart from the measures."""

    phases: tuple[str, ...] = ()  # cycle phase names that overlap its days
    sleep_h: tuple[float, ...] = ()  # sleep in its day entries
    pain_stops: int = 0  # stop-points for pain in its sessions
    sessions: int = 0
    resting_hr: tuple[float, ...] = ()  # resting heart rate in its day entries


SLEEP_GAP_H = 0.5  # a mean difference in sleep worth naming
# A resting heart rate this much higher (or lower) on average is worth naming: a rise of about
# 5 beats is the usual sign of an illness coming on or of poor recovery. Named, never diagnosed.
RESTING_HR_GAP = 5


def meanwhile(usual: Side, change: Side, names: tuple[str, str]) -> list[str]:
    """Things that also differed between the two sides, named: a comparison, not a cause."""
    out: list[str] = []
    new = [p for p in change.phases if p not in usual.phases]
    if new:
        out.append(f"a new cycle phase ({', '.join(new)}) on the {names[1]} side")
    if len(usual.sleep_h) >= 3 and len(change.sleep_h) >= 3:
        a = sum(usual.sleep_h) / len(usual.sleep_h)
        b = sum(change.sleep_h) / len(change.sleep_h)
        if abs(a - b) >= SLEEP_GAP_H:
            more = "less" if b < a else "more"
            out.append(f"{more} sleep in the day entries ({b:.1f} h vs {a:.1f} h)")
    if len(usual.resting_hr) >= 3 and len(change.resting_hr) >= 3:
        a = sum(usual.resting_hr) / len(usual.resting_hr)
        b = sum(change.resting_hr) / len(change.resting_hr)
        if abs(a - b) >= RESTING_HR_GAP:
            word = "higher" if b > a else "lower"
            out.append(f"a {word} resting heart rate in the day entries ({b:.0f} vs {a:.0f} bpm)")
    rate_a = usual.pain_stops / usual.sessions if usual.sessions else 0.0
    rate_b = change.pain_stops / change.sessions if change.sessions else 0.0
    if change.pain_stops and rate_b > rate_a:
        out.append(f"more pain stop-points ({change.pain_stops} vs {usual.pain_stops})")
    elif usual.pain_stops and rate_a > rate_b:
        out.append(f"fewer pain stop-points ({change.pain_stops} vs {usual.pain_stops})")
    return out
