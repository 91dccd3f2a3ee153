"""How well: mean focus and RPE, intention rate, completion and accuracy per week (a line per
discipline), and tempo progress of a passage (best clean BPM per session against its target)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

import numpy as np

from cadence.domain.enums import Discipline
from cadence.domain.palette import MUSIC, discipline_colour
from cadence.services.stats.lazy import Measures
from cadence.services.stats.types import PassageTempo, WeeklySeries
from cadence.ui.charts.axes import DAY_S, WEEK_S, stamps, tr, values
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import (
    day_label,
    key_name,
    number_text,
    percent_text,
    range_label,
    week_label,
)
from cadence.ui.charts.lines import line, reference
from cadence.ui.charts.volume import week_centres


def weekly_lines(
    chart: Chart,
    report: Measures,
    keys: Sequence[str],
    weeks: Sequence[date],
    per_key: dict[str, list[float | None]],
    kind: str,
    title: str,
    fmt: Callable[[float | None], str],
    nothing: str,
    y_range: tuple[float, float] | None = None,
    counts: dict[str, list[int]] | None = None,
    ys: dict[str, np.ndarray] | None = None,
) -> None:
    """A line per discipline through its weekly values; weeks without a value are gaps.
    `ys`: the values as floats (`values`), if the caller has them already."""
    chart.reset(kind, title, [(discipline_colour(k), key_name(k)) for k in keys])
    chart.set_span(report.start, report.end, report.week_start)
    if not any(v is not None for k in keys for v in per_key[k]):
        chart.show_message(nothing.format(range=range_label(report.start, report.end)))
        return
    xs = week_centres(weeks)
    for k in keys:
        y = ys[k] if ys is not None else values(per_key[k])
        line(chart, k, xs, y, discipline_colour(k), symbols=len(xs) <= 60)
    if y_range is not None:
        chart.set_y_range(*y_range)

    def describe(i: int) -> str:
        rows = [week_label(weeks[i])]
        for k in keys:
            text = f"{key_name(k)}: {fmt(per_key[k][i])}"
            if counts is not None:
                text += " " + tr("(n = {n})").format(n=counts[k][i])
            rows.append(text)
        return "\n".join(rows)

    chart.read_out(xs, describe, tolerance=WEEK_S / 2)


def draw_focus(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    weekly_lines(
        chart,
        report,
        keys,
        report.weekly.starts,
        report.weekly.focus_mean,
        "focus",
        tr("Mean focus per week (1–5)"),
        number_text,
        tr("No focus ratings between {range}"),
        (1, 5),
    )


def draw_rpe(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    weekly_lines(
        chart,
        report,
        keys,
        report.weekly.starts,
        report.weekly.rpe_mean,
        "rpe",
        tr("Mean effort (RPE) per week (0–10)"),
        number_text,
        tr("No effort ratings between {range}"),
        (0, 10),
    )


def _rate(
    chart: Chart,
    report: Measures,
    keys: Sequence[str],
    series: WeeklySeries,
    kind: str,
    title: str,
    nothing: str,
    top: float = 1.0,
    ys: dict[str, np.ndarray] | None = None,
) -> None:
    weekly_lines(
        chart,
        report,
        keys,
        series.weeks,
        series.values,
        kind,
        title,
        percent_text,
        nothing,
        (0, top),
        series.n,
        ys,
    )


def draw_intention_rate(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    _rate(
        chart,
        report,
        keys,
        report.intention_rate,
        "intention_rate",
        tr("Intentions met per week (achieved + ½ partly)"),
        tr("No rated intentions between {range}"),
    )


def draw_completion(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    ys = {k: values(report.completion.values[k]) for k in keys}
    top = completion_top(ys.values())
    _rate(
        chart,
        report,
        keys,
        report.completion,
        "completion",
        tr("Completion per week (done ÷ planned)"),
        tr("No sessions with a plan between {range}"),
        top,
        ys,
    )


def completion_top(ys: Iterable[np.ndarray]) -> float:
    """The completion chart's top: 1 (all done), or the highest week above it (more done than
    planned). NaN, a week without a plan, is passed over (numpy's fmax, without a warning)."""
    top = 1.0
    for y in ys:
        top = max(top, float(np.fmax.reduce(y, initial=1.0)))
    return top


def draw_accuracy(chart: Chart, report: Measures) -> None:
    music = Discipline.MUSIC.value
    if music not in report.accuracy.values:
        chart.reset("accuracy", tr("Accuracy per week (clean ÷ done reps)"))
        chart.set_span(report.start, report.end, report.week_start)
        chart.show_message(tr("Accuracy is a music measure: choose Music or Both"))
        return
    _rate(
        chart,
        report,
        [music],
        report.accuracy,
        "accuracy",
        tr("Accuracy per week (clean ÷ done reps)"),
        tr("No clean repetitions recorded between {range}"),
    )


TEMPO_PAUSE_DAYS = 42  # days between two sessions on a passage that break its line


def passage_name(passage: PassageTempo) -> str:
    return f"{passage.piece} — {passage.label}" if passage.piece else passage.label


def draw_tempo(
    chart: Chart, passage: PassageTempo | None, start: date, end: date, week_start: int = 0
) -> None:
    """Best clean BPM of each session on a passage, and its target as a dashed line."""
    title = tr("Tempo progress")
    if passage is not None:
        title += f": {passage_name(passage)}"
    chart.reset(
        "tempo_progress", title, [(MUSIC, tr("Best clean BPM")), (f"{MUSIC} ┅", tr("Target"))]
    )
    chart.set_span(start, end, week_start)
    if passage is None or not passage.days:
        chart.show_message(
            tr("No passage practised with a clean tempo between {range}").format(
                range=range_label(start, end)
            )
        )
        return
    xs = stamps(passage.days, offset_days=0.5)
    # A passage put aside for weeks and taken up again is two stretches of work, not a slope
    # across the pause.
    joined = np.append(np.diff(xs) <= TEMPO_PAUSE_DAYS * DAY_S, False)
    line(chart, "best_bpm", xs, values(passage.best_bpm), MUSIC, symbols=True, joined=joined)
    marks = [*passage.best_bpm]
    if passage.target_bpm is not None:
        reference(
            chart,
            "target",
            passage.target_bpm,
            MUSIC,
            tr("target {bpm:.0f} BPM").format(bpm=passage.target_bpm),
            left=True,  # the tempo climbs toward the target on the right: the left end is free
        )
        marks.append(passage.target_bpm)
    if passage.start_bpm is not None:
        marks.append(passage.start_bpm)
    low, high = min(marks), max(marks)
    pad = max(4.0, (high - low) * 0.1)
    # room above the target for the phase names
    chart.set_y_range(low - pad, high + 2.5 * pad)

    def describe(i: int) -> str:
        text = f"{day_label(passage.days[i])}\n" + tr("Best clean: {bpm:.0f} BPM").format(
            bpm=passage.best_bpm[i]
        )
        fraction = passage.fraction_of_target[i]
        if fraction is not None:
            text += " " + tr("({pct} of target)").format(pct=percent_text(fraction))
        return text

    chart.read_out(xs, describe, tolerance=max(3 * DAY_S, (end - start).days * DAY_S / 50))
