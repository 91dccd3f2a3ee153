"""Training load: daily session load (RPE × minutes) with fitness, fatigue and form; the
acute:chronic ratio; Foster's weekly monotony and strain. Trends to read, not risk verdicts."""

from __future__ import annotations

from datetime import date

from cadence.services.stats_types import LoadSeries, WeeklyLoad
from cadence.ui.charts.axes import DAY_S, WEEK_S, colour, stamps, tr, values
from cadence.ui.charts.bars import stacked_bars
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import day_label, number_text, range_label, week_label
from cadence.ui.charts.lines import line, reference
from cadence.ui.charts.volume import week_centres


def _mix(hue: str, background: str, share: float) -> str:
    """`hue` lightened (or darkened) toward the background by `share`: a second shade of it."""
    a, b = colour(hue), colour(background)
    mixed = [
        round(x + (y - x) * share) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)
    ]
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def _nothing(chart: Chart, start: date, end: date) -> None:
    chart.show_message(
        tr("No sessions with an effort rating (RPE) between {range}").format(
            range=range_label(start, end)
        )
    )


def draw_load(
    chart: Chart,
    load: LoadSeries,
    hue: str,
    start: date,
    end: date,
    week_start: int = 0,
    who: str = "",
) -> None:
    """Daily load as faint bars; fitness (42-day), fatigue (7-day) and form as lines."""
    form_hue = chart.theme.faint(0.7).name()
    fatigue_hue = _mix(hue, chart.theme.background.name(), 0.45)
    chart.reset(
        "load",
        tr("Session load (RPE × min)") + (f": {who}" if who else ""),
        [
            (f"{hue} ━", tr("Fitness (42 d)")),
            (f"{fatigue_hue} ─", tr("Fatigue (7 d)")),
            (f"{form_hue} ─", tr("Form")),
        ],
    )
    chart.set_span(start, end, week_start)
    if not any(load.load) and not any(load.fitness):
        _nothing(chart, start, end)
        return
    xs = stamps(load.days, offset_days=0.5)
    stacked_bars(chart, xs, [("daily", load.load, colour(hue, 80))], DAY_S)
    # solid lines told apart by weight and shade: dashes over thousands of days paint slowly
    line(chart, "fitness", xs, values(load.fitness), hue, width=2.5)
    line(chart, "fatigue", xs, values(load.fatigue), fatigue_hue, width=1.3)
    line(chart, "form", xs, values(load.form), form_hue, width=1.3)
    chart.read_out(
        xs,
        lambda i: "\n".join(
            [
                day_label(load.days[i]),
                tr("Load: {v}").format(v=number_text(load.load[i], 0)),
                tr("Fitness: {v}").format(v=number_text(load.fitness[i])),
                tr("Fatigue: {v}").format(v=number_text(load.fatigue[i])),
                tr("Form: {v}").format(v=number_text(load.form[i])),
            ]
        ),
        tolerance=DAY_S / 2,
    )


def draw_acute_chronic(
    chart: Chart,
    load: LoadSeries,
    hue: str,
    start: date,
    end: date,
    week_start: int = 0,
    who: str = "",
) -> None:
    chart.reset(
        "acute_chronic",
        tr("Acute:chronic load ratio (7 d ÷ 28 d)"),
        [(hue, who)] if who else [],
    )
    chart.set_span(start, end, week_start)
    ratio = values(load.acute_chronic)
    if not (ratio == ratio).any():  # all NaN
        chart.show_message(tr("The ratio needs 28 days of rated sessions before a day"))
        return
    xs = stamps(load.days, offset_days=0.5)
    line(chart, "acute_chronic", xs, ratio, hue)
    reference(chart, "equal", 1.0, chart.theme.faint(0.5).name(), tr("7 d = 28 d"))
    chart.read_out(
        xs,
        lambda i: (
            f"{day_label(load.days[i])}\n"
            + tr("Ratio: {v}").format(v=number_text(load.acute_chronic[i], 2))
        ),
        tolerance=DAY_S / 2,
    )


def _weekly_line(
    chart: Chart,
    weekly: WeeklyLoad,
    series: list[float | None],
    hue: str,
    kind: str,
    title: str,
    digits: int,
    start: date,
    end: date,
    week_start: int,
    who: str,
) -> None:
    chart.reset(kind, title, [(hue, who)] if who else [])
    chart.set_span(start, end, week_start)
    ys = values(series)
    if not (ys == ys).any():
        chart.show_message(
            tr(
                "Needs whole weeks with rated sessions on different loads; none between {range}"
            ).format(range=range_label(start, end))
        )
        return
    xs = week_centres(weekly.weeks)
    line(chart, kind, xs, ys, hue, symbols=len(xs) <= 60)
    chart.read_out(
        xs,
        lambda i: (
            f"{week_label(weekly.weeks[i])}\n{title}: {number_text(series[i], digits)}"
            + "\n"
            + tr("Week's load: {v}").format(v=number_text(weekly.load[i], 0))
        ),
        tolerance=WEEK_S / 2,
    )


def draw_monotony(
    chart: Chart,
    weekly: WeeklyLoad,
    hue: str,
    start: date,
    end: date,
    week_start: int = 0,
    who: str = "",
) -> None:
    _weekly_line(
        chart,
        weekly,
        weekly.monotony,
        hue,
        "monotony",
        tr("Monotony (weekly)"),
        2,
        start,
        end,
        week_start,
        who,
    )


def draw_strain(
    chart: Chart,
    weekly: WeeklyLoad,
    hue: str,
    start: date,
    end: date,
    week_start: int = 0,
    who: str = "",
) -> None:
    _weekly_line(
        chart,
        weekly,
        weekly.strain,
        hue,
        "strain",
        tr("Strain (weekly load × monotony)"),
        0,
        start,
        end,
        week_start,
        who,
    )
