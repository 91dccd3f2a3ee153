"""How much: minutes, sessions and distance per week (stacked by discipline), days practised."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np

from cadence.domain.enums import Discipline
from cadence.domain.palette import BOTH, discipline_colour
from cadence.domain.units import METRES_PER_MILE, Units
from cadence.services.stats.lazy import Measures
from cadence.services.stats.types import ALL
from cadence.ui.charts.axes import WEEK_S, stamps, tr
from cadence.ui.charts.bars import stacked_bars
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import key_name, minutes_text, range_label, week_label

# the last weeks asked for and their centres: a tab's charts stand on one list of weeks (the
# range's axis), and each asked for its 1,565 centres again on a switch to thirty years
_last_centres: tuple[Sequence[date], int, np.ndarray] | None = None


def week_centres(weeks: Sequence[date]) -> np.ndarray:
    """Bars stand in the middle of their week. Read-only: the charts of a tab share it."""
    global _last_centres
    last = _last_centres
    if last is not None and last[0] is weeks and last[1] == len(weeks):
        return last[2]
    centres = stamps(weeks, offset_days=3.5)
    centres.flags.writeable = False
    _last_centres = (weeks, len(weeks), centres)
    return centres


def days_in_range(week: date, start: date, end: date) -> int:
    """How many of the week's 7 days lie inside [start, end]."""
    first, last = max(week, start), min(week + timedelta(days=6), end)
    return max(0, (last - first).days + 1)


def partial_weeks(weeks: Sequence[date], start: date, end: date) -> np.ndarray:
    """Which weeks lie only partly inside the range: of consecutive weeks, only the first and
    the last can (thirty years are 1,565 weeks: the others are not asked)."""
    partial = np.zeros(len(weeks), dtype=bool)
    for i in {0, len(weeks) - 1} if len(weeks) else ():
        partial[i] = days_in_range(weeks[i], start, end) < 7
    return partial


def week_heading(week: date, start: date, end: date) -> str:
    """A week's first line in a readout; a partial week says so and how much of it counts."""
    text = week_label(week)
    days = days_in_range(week, start, end)
    if days < 7:
        text += "\n" + tr("Partial week: {n} of 7 days in the range").format(n=days)
    return text


def _weekly_stack(
    chart: Chart,
    report: Measures,
    keys: Sequence[str],
    per_key: dict[str, list[float]],
    kind: str,
    title: str,
    fmt,
    nothing: str,
    weeks: Sequence[date] | None = None,
) -> None:
    """Weekly bars of `per_key`, stacked; on `weeks` (default: the weekly volume's, which a
    measure with its own week axis passes, so the volume is not worked out for it)."""
    weeks = report.weekly.starts if weeks is None else weeks
    chart.reset(kind, title, [(discipline_colour(k), key_name(k)) for k in keys])
    chart.set_span(report.start, report.end, report.week_start)
    if not any(any(per_key[k]) for k in keys):
        chart.show_message(nothing.format(range=range_label(report.start, report.end)))
        return
    xs = week_centres(weeks)
    partial = partial_weeks(weeks, report.start, report.end)
    layers = [(k, per_key[k], discipline_colour(k)) for k in keys]
    stacked_bars(chart, xs, layers, WEEK_S, partial)

    def describe(i: int) -> str:
        lines = [week_heading(weeks[i], report.start, report.end)]
        lines += [f"{key_name(k)}: {fmt(per_key[k][i])}" for k in keys]
        if len(keys) > 1:
            lines.append(tr("Together: {v}").format(v=fmt(sum(per_key[k][i] for k in keys))))
        return "\n".join(lines)

    chart.read_out(xs, describe, tolerance=WEEK_S / 2)


def draw_minutes(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    _weekly_stack(
        chart,
        report,
        keys,
        report.weekly.minutes,
        "minutes_per_week",
        tr("Minutes per week"),
        minutes_text,
        tr("No sessions between {range}"),
    )


def draw_sessions(chart: Chart, report: Measures, keys: Sequence[str]) -> None:
    per_key = {k: [float(v) for v in report.weekly.sessions[k]] for k in keys}
    _weekly_stack(
        chart,
        report,
        keys,
        per_key,
        "sessions_per_week",
        tr("Sessions per week"),
        lambda v: f"{v:.0f}",
        tr("No sessions between {range}"),
    )


def draw_distance(chart: Chart, report: Measures, units: Units = Units.KM) -> None:
    """Running distance per week, in km or miles (the journal's preference)."""
    running = Discipline.RUNNING.value
    title = tr("Distance per week ({units})").format(units=units)
    if running not in report.weekly.distance_km:
        chart.reset("distance_per_week", title)
        chart.set_span(report.start, report.end, report.week_start)
        chart.show_message(tr("Distance is a running measure: choose Running or Both"))
        return
    per_km = 1000.0 / METRES_PER_MILE if units == "mi" else 1.0
    distance = {running: [km * per_km for km in report.weekly.distance_km[running]]}
    _weekly_stack(
        chart,
        report,
        [running],
        distance,
        "distance_per_week",
        title,
        lambda v: f"{v:.1f} {units}",
        tr("No runs with a distance between {range}"),
    )


def draw_days_practised(chart: Chart, report: Measures) -> None:
    """Days with at least one session, per week (of the chosen disciplines together)."""
    days = report.consistency.days_practised[ALL]
    weeks = report.consistency.weeks
    single = report.disciplines[0].value if len(report.disciplines) == 1 else None
    hue = discipline_colour(single) if single else BOTH
    name = key_name(single or ALL)
    chart.reset("days_practised", tr("Days practised per week"), [(hue, name)])
    chart.set_span(report.start, report.end, report.week_start)
    if not any(days):
        chart.show_message(
            tr("No sessions between {range}").format(range=range_label(report.start, report.end))
        )
        return
    xs = week_centres(weeks)
    partial = partial_weeks(weeks, report.start, report.end)
    stacked_bars(chart, xs, [(ALL, [float(d) for d in days], hue)], WEEK_S, partial)
    chart.set_y_range(0, 7)
    chart.read_out(
        xs,
        lambda i: (
            f"{week_heading(weeks[i], report.start, report.end)}\n"
            + tr("{n} of 7 days").format(n=days[i])
        ),
        tolerance=WEEK_S / 2,
    )
