"""The calendar heat map: a column per week, a row per weekday, each day coloured by the minutes
practised (in the discipline's colour; "both" in the neutral one). Days outside the range stay
blank; days inside without a session are a faint grey, so a gap reads as a gap.

The steps are a sequential scale: from the background through the hue and past it toward the
text colour, evenly spaced, so neighbouring steps differ clearly in lightness (and read in grey);
the legend shows every step, "no practice" first."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor

from cadence.domain.measures import check_week_start, week_start_of
from cadence.domain.palette import BOTH, discipline_colour
from cadence.services.stats.lazy import Measures
from cadence.services.stats.types import ALL
from cadence.ui.charts.axes import DAY_S, WEEK_S, ChartTheme, colour, stamp, tr
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import day_label, key_name, minutes_text, range_label

# Minutes that step up the colour: under 20, 20–45, 45–90, 90 and more.
LEVELS = (20.0, 45.0, 90.0)
# Where each step lies on the scale: 0 the background, 1 the hue, 2 the text colour.
LEVEL_SHADE = (0.38, 0.68, 1.0, 1.42)
NO_PRACTICE = 0.07  # the faint grey of a day without a session (share of the text colour)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def calendar_grid(
    days: list[date], minutes: list[float], week_start: int = 0
) -> tuple[list[date], np.ndarray]:
    """(first day of each week column, grid[week, weekday] of minutes; NaN outside the days)."""
    if not days:
        return [], np.empty((0, 7))
    first = week_start_of(days[0], week_start)
    columns = (days[-1] - first).days // 7 + 1
    grid = np.full((columns, 7), np.nan)
    offset = (days[0] - first).days
    flat = grid.reshape(-1)
    flat[offset : offset + len(minutes)] = minutes
    weeks = [first + timedelta(weeks=i) for i in range(columns)]
    return weeks, grid


def week_stamps(days: list[date], week_start: int = 0) -> np.ndarray:
    """`stamp(week_start_of(day, week_start))` for each day, in one numpy step (thirty years are
    11,000 days, redrawn on every switch)."""
    check_week_start(week_start)
    ordinals = np.fromiter(map(date.toordinal, days), dtype=np.int64, count=len(days))
    weekdays = (ordinals + 6) % 7  # date.weekday(): Monday 0 (date(1, 1, 1) was a Monday)
    firsts = ordinals - (weekdays - week_start) % 7
    return ((firsts - _EPOCH_ORDINAL) * DAY_S).astype(float)


def _rgba(grid: np.ndarray, hue: str, theme: ChartTheme) -> np.ndarray:
    """Opaque cell colours (blank outside the range, faint for 0, then four steps of the hue
    mixed into the background), so shaded phases under the map never tint a day."""
    out = np.zeros((*grid.shape, 4), dtype=np.uint8)
    inside = ~np.isnan(grid)
    minutes = np.nan_to_num(grid)
    zero = inside & (minutes <= 0)
    out[zero] = _rgb(theme.faint(NO_PRACTICE))
    level = np.digitize(minutes, LEVELS)
    for step, shade in enumerate(LEVEL_SHADE):
        out[inside & ~zero & (level == step)] = _rgb(QColor(level_colour(hue, shade, theme)))
    return out


def level_colour(hue: str, shade: float, theme: ChartTheme) -> str:
    """The colour at `shade` on the scale background (0) → hue (1) → text colour (2)."""
    if shade <= 1:
        return _blend(hue, shade, theme.background)
    c = colour(hue)
    fg = theme.foreground
    share = shade - 1
    return QColor(
        round(c.red() + (fg.red() - c.red()) * share),
        round(c.green() + (fg.green() - c.green()) * share),
        round(c.blue() + (fg.blue() - c.blue()) * share),
    ).name()


def heatmap_legend(hue: str, theme: ChartTheme) -> list[tuple[str, str]]:
    """(colour, words) of every step, the day without practice first."""
    steps = (tr("under 20 min"), tr("20–45"), tr("45–90"), tr("90+ min"))
    return [(theme.faint(NO_PRACTICE).name(), tr("no practice"))] + [
        (level_colour(hue, shade, theme), text)
        for shade, text in zip(LEVEL_SHADE, steps, strict=True)
    ]


def _rgb(c: QColor) -> tuple[int, int, int, int]:
    return (c.red(), c.green(), c.blue(), 255)


def _blend(hue: str, alpha: float, background: QColor) -> str:
    """The colour a cell of this alpha shows on the background (for the legend's marks)."""
    c = colour(hue)
    mixed = QColor(
        round(background.red() + (c.red() - background.red()) * alpha),
        round(background.green() + (c.green() - background.green()) * alpha),
        round(background.blue() + (c.blue() - background.blue()) * alpha),
    )
    return mixed.name()


def draw_heatmap(chart: Chart, report: Measures) -> None:
    """Days practised in the range, with the chosen disciplines' minutes on each."""
    keys = [d.value for d in report.disciplines]
    hue = discipline_colour(keys[0]) if len(keys) == 1 else BOTH
    legend = heatmap_legend(hue, chart.theme)
    who = key_name(keys[0] if len(keys) == 1 else ALL)
    chart.reset("heatmap", tr("Days practised: {who}").format(who=who), legend)
    chart.set_span(report.start, report.end, report.week_start)
    chart.bands.show_names = False  # the cells cover the plot; the readout names the phase
    days, minutes = report.daily.starts, report.daily.minutes[ALL]
    weeks, grid = calendar_grid(days, minutes, report.week_start)
    chart.data.update(weeks=weeks, grid=grid)
    # Rows from the top: the week's first day .. its last (y = 6 - row, the axis points up).
    names = [_WEEKDAYS[(report.week_start + i) % 7] for i in range(7)]
    chart.plot_item.getAxis("left").setTicks(
        [[(6 - i + 0.5, tr(n)) for i, n in enumerate(names)], []]
    )
    chart.set_y_range(0, 7)
    if not any(minutes):
        chart.show_message(
            tr("No sessions between {range}").format(range=range_label(report.start, report.end))
        )
        return
    image = chart.image_item("heatmap")
    # RGBA as it is: no level scaling of the colours
    image.setImage(_rgba(grid[:, ::-1], hue, chart.theme), autoLevels=False, levels=(0, 255))
    image.setRect(QRectF(stamp(weeks[0]), 0, len(weeks) * WEEK_S, 7))
    x0 = stamp(weeks[0])

    def locate(point: QPointF) -> int | None:
        column = int((point.x() - x0) // WEEK_S)
        row = 6 - int(np.floor(point.y()))
        if not (0 <= column < len(weeks) and 0 <= row < 7):
            return None
        day = weeks[column] + timedelta(days=row)
        i = (day - days[0]).days
        return i if 0 <= i < len(days) else None

    xs = week_stamps(days, report.week_start)
    chart.read_out(xs, lambda i: f"{day_label(days[i])}\n{minutes_text(minutes[i])}", locate=locate)
