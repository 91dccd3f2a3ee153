"""One focus target through its cycle, in the measure it is seen by: the 1-5 ratings given after
sessions and in the weekly reviews, the session's own focus rating, or the share of intentions
serving it met each week. Drawn on the Seasons view and, in print colours, in the cycle report."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from cadence.domain.enums import FocusGauge
from cadence.domain.palette import BOTH, discipline_colour
from cadence.services.focus_progress import FocusTimeline
from cadence.ui.charts.axes import WEEK_S, colour, stamps, tr
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.lines import line

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


def draw_focus_target(
    chart: Chart, timeline: FocusTimeline, week_start: int = 0, today: date | None = None
) -> None:
    """Draw `timeline` on `chart` (made with time_axis=True, percent=False)."""
    today = today or date.today()
    focus = timeline.focus
    hue = discipline_colour(focus.discipline) if focus.discipline else BOTH
    start, end = _span(timeline, today)
    sessions = timeline.sessions
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
    chart.reset(
        "focus_target",
        tr("{title}: intentions serving it met, per week (%)").format(title=focus.title),
        [(hue, tr("met"))],
    )
    chart.set_span(start, end, week_start)
    chart.set_y_range(0, 100)
    if not weeks:
        chart.show_message(tr("No rated intention has served it yet"))
        return
    xs = stamps([w for w, _, _ in weeks]) + WEEK_S / 2
    line(chart, "met", xs, np.asarray([r * 100 for _, r, _ in weeks], float), hue, symbols=True)
