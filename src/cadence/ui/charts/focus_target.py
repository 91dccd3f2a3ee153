"""One focus target through its cycle, in the measure it is seen by: the 1-5 ratings given after
sessions and in the weekly reviews, the session's own focus rating, the accuracy, a passage's best
clean tempo or the pace of the sessions that worked on it — or, for the other measures and when
those sessions hold none of it, the share of intentions serving it met each week. Drawn on the
Seasons view and, in print colours, in the cycle report."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from cadence.domain.enums import FocusGauge
from cadence.domain.palette import BOTH, discipline_colour
from cadence.domain.units import METRES_PER_MILE, Units, pace_clock
from cadence.services.season.focus_progress import FocusTimeline, MeasureSeries
from cadence.ui.charts.axes import WEEK_S, colour, stamps, tr
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.lines import line, reference

WEEKLY_COLOUR = "#555555"


def _span(timeline: FocusTimeline, today: date) -> tuple[date, date]:
    days = [s.day for s in timeline.sessions] + [w for w, _ in timeline.weekly]
    start = timeline.start or (min(days) if days else today - timedelta(weeks=12))
    end = timeline.end or max([today, *days])
    return start, max(end, start + timedelta(days=7))


def _dots(chart: Chart, name: str, days: list[date], ys: list[float], hex_colour: str) -> None:
    item = chart.scatter_item(name)
    item.setData(
        x=stamps(days),
        y=np.asarray(ys, float),
        size=9,
        pen=pg.mkPen(colour(hex_colour), width=1),
        brush=pg.mkBrush(colour(hex_colour, 170)),
    )


def _pace_ticks(low: float, high: float) -> list[list[tuple[float, str]]]:
    """Ticks of a pace axis in minutes and seconds, 5 to 60 s apart."""
    step = next((s for s in (5, 10, 15, 30, 60, 120) if (high - low) / s <= 6), 300)
    first = int(low // step + 1) * step
    return [[(float(v), pace_clock(v)) for v in range(first, int(high) + 1, step)]]


def _draw_measured(chart: Chart, title: str, series: MeasureSeries, hue: str, units: Units) -> None:
    """The target's own measure, a dot and a line through the sessions that hold it."""
    xs = stamps(series.days, offset_days=0.5)
    ys = np.asarray(series.values, float)
    if series.gauge == FocusGauge.ACCURACY:
        chart.reset(
            "focus_target",
            tr("{title}: accuracy of the sessions serving it (%)").format(title=title),
            [(hue, tr("clean ÷ done reps"))],
        )
        ys = ys * 100
        chart.set_y_range(0, 100)
    elif series.gauge == FocusGauge.TEMPO:
        chart.reset(
            "focus_target",
            tr("{title}: best clean tempo of {passage} (BPM)").format(
                title=title, passage=series.label
            ),
            [(hue, tr("best clean BPM")), (f"{hue} ┅", tr("target"))],
        )
        marks = [*series.values]
        if series.target is not None:
            reference(
                chart,
                "target",
                series.target,
                hue,
                tr("target {bpm:.0f} BPM").format(bpm=series.target),
                left=True,
            )
            marks.append(series.target)
        low, high = min(marks), max(marks)
        pad = max(4.0, (high - low) * 0.1)
        chart.set_y_range(low - pad, high + 2.5 * pad)
    else:
        per = tr("mi") if units == "mi" else tr("km")
        chart.reset(
            "focus_target",
            tr("{title}: pace of the runs serving it (min per {per}, lower is faster)").format(
                title=title, per=per
            ),
            [(hue, tr("pace"))],
        )
        if units == "mi":
            ys = ys * METRES_PER_MILE / 1000
        pad = max(10.0, (ys.max() - ys.min()) * 0.15)
        low, high = float(ys.min()) - pad, float(ys.max()) + 2 * pad
        chart.set_y_range(low, high)
        chart.plot_item.getAxis("left").setTicks(_pace_ticks(low, high))
    line(chart, "measured", xs, ys, hue, symbols=True)


def draw_focus_target(
    chart: Chart,
    timeline: FocusTimeline,
    week_start: int = 0,
    today: date | None = None,
    units: Units = Units.KM,
) -> None:
    """Draw `timeline` on `chart` (made with time_axis=True, percent=False); a pace is shown
    per km or per mile (`units`)."""
    today = today or date.today()
    focus = timeline.focus
    hue = discipline_colour(focus.discipline) if focus.discipline else BOTH
    start, end = _span(timeline, today)
    sessions = timeline.sessions
    if timeline.measured:
        _draw_measured(chart, focus.title, timeline.measured[0], hue, units)
        chart.set_span(start, end, week_start)
        return
    if focus.gauge in (FocusGauge.RATING, FocusGauge.FOCUS_RATING):
        if focus.gauge == FocusGauge.RATING:
            points = [(s.day, s.rating) for s in sessions if s.rating is not None]
            title = tr("{title}: your 1–5 rating").format(title=focus.title)
        else:
            points = [(s.day, s.focus) for s in sessions if s.focus is not None]
            title = tr("{title}: focus rating (1–5) of the sessions serving it").format(
                title=focus.title
            )
        weekly = timeline.weekly if focus.gauge == FocusGauge.RATING else []
        legend = [(hue, tr("after a session"))]
        if weekly:
            legend.append((f"{WEEKLY_COLOUR} ┅", tr("weekly review")))
        chart.reset("focus_target", title, legend)
        chart.set_span(start, end, week_start)
        chart.set_y_range(0.5, 5.5)
        if not points and not weekly:
            chart.show_message(tr("Not rated yet: rate it in a session's reflection"))
            return
        if points:
            _dots(chart, "session_ratings", [d for d, _ in points], [v for _, v in points], hue)
        if weekly:
            xs = stamps([w for w, _ in weekly]) + WEEK_S / 2
            line(
                chart,
                "weekly_ratings",
                xs,
                np.asarray([v for _, v in weekly], float),
                WEEKLY_COLOUR,
                style=Qt.PenStyle.DashLine,
                symbols=True,
            )
        return
    weeks = timeline.met_by_week(week_start)
    title = tr("{title}: intentions serving it met, per week (%)").format(title=focus.title)
    measured = (FocusGauge.ACCURACY, FocusGauge.TEMPO, FocusGauge.PACE)
    if focus.gauge is not None and focus.gauge in measured:
        missing = {
            FocusGauge.ACCURACY: tr("no clean reps counted yet"),
            FocusGauge.TEMPO: tr("no clean tempo recorded yet"),
            FocusGauge.PACE: tr("no run with a distance yet"),
        }[focus.gauge]
        title = tr("{title} ({missing})").format(title=title, missing=missing)
    chart.reset("focus_target", title, [(hue, tr("met"))])
    chart.set_span(start, end, week_start)
    chart.set_y_range(0, 100)
    if not weeks:
        chart.show_message(tr("No rated intention has served it yet"))
        return
    xs = stamps([w for w, _, _ in weeks]) + WEEK_S / 2
    line(chart, "met", xs, np.asarray([r * 100 for _, r, _ in weeks], float), hue, symbols=True)
