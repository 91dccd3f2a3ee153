"""Time axes: dates as Unix timestamps, calendar ticks, the chart theme, an axis that prints
percentages, and the title row with its legend. (Cycles and events on the axis: cycles.py.)

Dates are local calendar dates; they go on the axis as UTC midnight timestamps and the date axis
reads them back in UTC (utcOffset=0), so a date never slides by a day across time zones or DST.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray  # pyqtgraph's own arrays of lines
from PySide6.QtCore import QCoreApplication, QDate, QLineF, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication

DAY_S = 86_400
WEEK_S = 7 * DAY_S
_EPOCH = date(1970, 1, 1)


def tr(text: str) -> str:
    return QCoreApplication.translate("charts", text)


def stamp(day: date) -> float:
    """The axis position of a date: its UTC midnight as a Unix timestamp."""
    return float((day - _EPOCH).days * DAY_S)


def stamps(days: Sequence[date], offset_days: float = 0.0) -> np.ndarray:
    """`stamp(d) + offset_days * DAY_S` for each date, in one numpy step (ten years of days)."""
    numbers = np.fromiter(map(date.toordinal, days), dtype=np.int64, count=len(days))
    return ((numbers - _EPOCH.toordinal()) * DAY_S).astype(float) + offset_days * DAY_S


def day_stamps(days: Sequence[date], offset_days: float = 0.0) -> np.ndarray:
    """`stamps` of a daily series' days (every day from the first to the last, `days_in`),
    counted on from the first day instead of read one by one. Dates whose first and last are
    not len - 1 days apart (weeks, a gap) are read one by one, as `stamps` does."""
    if not days or (days[-1] - days[0]).days != len(days) - 1:
        return stamps(days, offset_days)
    first = days[0].toordinal()
    numbers = np.arange(first, first + len(days), dtype=np.int64)
    return ((numbers - _EPOCH.toordinal()) * DAY_S).astype(float) + offset_days * DAY_S


def day_at(position: float) -> date:
    """The date whose day holds this axis position."""
    return _EPOCH + timedelta(days=math.floor(position / DAY_S))


def values(series: Sequence[float | None] | np.ndarray) -> np.ndarray:
    """A measure's series as floats, None (nothing to measure) as NaN, which lines skip (a new
    array, also when given one: the charts' data are their own)."""
    return np.array(series, dtype=float)  # numpy reads None as NaN (no loop in Python)


@dataclass(frozen=True)
class ChartTheme:
    background: QColor
    foreground: QColor

    def faint(self, alpha: float) -> QColor:
        """The foreground mixed into the background (alpha 0..1): grids, empty cells."""
        bg, fg = self.background, self.foreground
        mix = QColor()
        mix.setRgbF(
            bg.redF() + (fg.redF() - bg.redF()) * alpha,
            bg.greenF() + (fg.greenF() - bg.greenF()) * alpha,
            bg.blueF() + (fg.blueF() - bg.blueF()) * alpha,
        )
        return mix


def system_theme() -> ChartTheme:
    """The system's light or dark scheme: charts sit on the same base as text fields."""
    palette = QApplication.palette()
    return ChartTheme(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    )


def print_theme() -> ChartTheme:
    """Black on white, for images that go on paper."""
    return ChartTheme(QColor("#FFFFFF"), QColor("#1F2937"))


def colour(hex_colour: str, alpha: int = 255) -> QColor:
    c = QColor(hex_colour)
    c.setAlpha(alpha)
    return c


# Tick steps from fine to coarse: (unit, count). The first step whose labels have room is used.
_STEPS = (
    ("day", 1),
    ("week", 1),
    ("week", 2),
    ("month", 1),
    ("month", 3),
    ("year", 1),
    ("year", 2),
    ("year", 5),
)
_LABEL_PX = 64  # room a tick label needs


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def calendar_ticks(first: date, last: date, unit: str, count: int, week_start: int) -> list[date]:
    """Dates of the ticks between first and last: day, week, month or year starts."""
    if unit == "day":
        day, step = first, timedelta(days=count)
    elif unit == "week":
        day = first + timedelta(days=(week_start - first.weekday()) % 7)
        step = timedelta(weeks=count)
    else:
        months = 12 * count if unit == "year" else count
        if unit == "year":  # years divisible by the count: 2020, 2025 …
            day = date(first.year - first.year % count, 1, 1)
        else:  # quarters start in January, April, July, October
            day = _add_months(date(first.year, first.month, 1), -((first.month - 1) % count))
        ticks = []
        while day <= last:
            if day >= first:
                ticks.append(day)
            day = _add_months(day, months)
        return ticks
    ticks = []
    while day <= last:
        ticks.append(day)
        day += step
    return ticks


_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


def tick_step(px_per_day: float) -> tuple[str, int]:
    """The finest calendar step whose labels have room at this many pixels per day."""
    for unit, count in _STEPS:
        if _UNIT_DAYS[unit] * count * px_per_day >= _LABEL_PX:
            return unit, count
    return _STEPS[-1]


class QuickPens:
    """pyqtgraph's `pen()` and `tickPen()` of an axis: the same fresh copies of the pens set,
    without `mkPen` reading its arguments each time (an axis asks for a pen per tick it draws,
    ~60 on a Load switch)."""

    _pen: QPen | None
    _tickPen: QPen | None

    def pen(self) -> QPen:  # pyqtgraph's name
        kept = self._pen
        return QPen(kept) if isinstance(kept, QPen) else super().pen()  # pyright: ignore

    def tickPen(self) -> QPen:  # pyqtgraph's name
        kept = self._tickPen
        if kept is None:
            return self.pen()
        return QPen(kept) if isinstance(kept, QPen) else super().tickPen()  # pyright: ignore


_ALIGN_LEFT_AXIS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_BOTTOM_AXIS = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
_TEXT_BOX = QRectF(0, 0, 100, 100)
# Text sizes of tick labels, per (font, device resolution): {string: (width, height * 0.8)}
_text_sizes: dict[tuple[str, int, int], dict[str, tuple[float, float]]] = {}
_TEXT_SIZES_KEPT = 2_000  # strings a font keeps; beyond, its sizes are measured afresh


def _text_sizes_for(p: QPainter) -> dict[str, tuple[float, float]]:
    device = p.device()
    key = (p.font().key(), device.logicalDpiX(), device.logicalDpiY())
    sizes = _text_sizes.get(key)
    if sizes is None or len(sizes) > _TEXT_SIZES_KEPT:
        sizes = _text_sizes[key] = {}
    return sizes


class QuickSpecs:
    """pyqtgraph's `generateDrawSpecs` of a left or bottom axis without a grid (all ours): the
    very same pens, tick lines, text rectangles, flags and strings, with less Python. A level's
    ticks are one array of lines (`TickLines`, placed in numpy and drawn in one call) where
    pyqtgraph makes two `Point`s a tick, each reading its arguments in Python, and draws them
    one by one; a label's size is measured once per font and kept (pyqtgraph asks the painter
    for every label of every paint); the axis' device transform and bounding rectangle are read
    once instead of once per point and per label. Anything else (a grid, a right or top axis,
    axes stopped at a tick) goes to pyqtgraph. Tests: `test_an_axis_draw_specs_are_pyqtgraphs_own`,
    `test_an_axis_draws_its_specs_as_pyqtgraph_does`."""

    def generateDrawSpecs(self, p: QPainter):  # pyqtgraph's name
        axis = cast(pg.AxisItem, self)
        style = _style(axis)
        orientation = axis.orientation
        if (
            axis.grid is not False
            or orientation not in ("left", "bottom")
            or style["stopAxisAtTick"] != (False, False)
        ):
            return super().generateDrawSpecs(p)  # pyright: ignore[reportAttributeAccessIssue]
        if style["tickFont"] is not None:
            p.setFont(style["tickFont"])
        self._measured_with(p)
        bounds = axis.mapRectFromParent(axis.geometry())
        left = orientation == "left"
        if left:
            span = (
                bounds.topRight() + QPointF(-1.0, -1.0),
                bounds.bottomRight() + QPointF(-1.0, 1.0),
            )
            tick_stop = bounds.right()
            tick_start, tick_dir = tick_stop, -1
        else:
            span = (
                bounds.topLeft() + QPointF(-1.0, 1.0),
                bounds.topRight() + QPointF(1.0, 1.0),
            )
            tick_stop = bounds.top()
            tick_start, tick_dir = tick_stop, 1
        transform = axis.deviceTransform_()
        if transform is None:
            return None
        first, last = transform.map(span[0]), transform.map(span[1])
        length = math.hypot(last.x() - first.x(), last.y() - first.y())
        if length == 0:
            return None

        low, high = axis.range
        if axis._tickLevels is None:
            levels = axis.tickValues(low, high, length)
            given_strings = None
        else:
            levels, given_strings = [], []
            for level in axis._tickLevels:
                levels.append((None, [v for v, _ in level]))
                given_strings.append([s for _, s in level])

        dif = high - low
        if dif == 0:
            x_scale, offset = 1, 0
        elif left:
            x_scale = -bounds.height() / dif
            offset = low * x_scale - bounds.height()
        else:
            x_scale = bounds.width() / dif
            offset = low * x_scale
        x_low, x_high = low * x_scale - offset, high * x_scale - offset
        x_min, x_max = min(x_low, x_high), max(x_low, x_high)

        positions: list[list[float | None]] = []
        tick_specs = []
        for i, (_, ticks) in enumerate(levels):
            tick_end = tick_stop + style["tickLength"] / ((i * 0.5) + 1.0) * tick_dir
            pen = _level_pen(axis, i)
            # pyqtgraph's v * x_scale - offset per tick, the same float operations in numpy
            xs = np.asarray(ticks, dtype=float) * x_scale - offset
            out = (xs < x_min) | (xs > x_max)  # off the axis (NaN is not, as in pyqtgraph)
            at: list[float | None] = xs.tolist()
            if out.any():
                at = [None if o else x for x, o in zip(at, out.tolist(), strict=True)]
                xs = xs[~out]
            if len(xs):
                tick_specs.append(TickLines.across(pen, xs, tick_start, tick_end, left))
            positions.append(at)
        axis_spec = (axis.pen(), span[0], span[1])

        text_specs: list[tuple[QRectF, Qt.AlignmentFlag, str]] = []
        if not style["showValues"]:
            return axis_spec, tick_specs, text_specs
        text_offset = style["tickTextOffset"][0 if left else 1]
        label_offset = max(0, style["tickLength"]) + text_offset
        flags = (_ALIGN_LEFT_AXIS if left else _ALIGN_BOTTOM_AXIS) | Qt.TextFlag.TextDontClip
        box = axis.boundingRect()  # the same for every label of this paint
        sizes = _text_sizes_for(p)
        widths: list[float] = []  # of every label measured so far, all levels (as pyqtgraph)
        heights: list[float] = []
        size2 = last_size2 = 0
        for i in range(min(len(levels), style["maxTextLevel"] + 1)):
            if given_strings is None:
                spacing, values = levels[i]
                scale = axis.autoSIPrefixScale * cast(float, axis.scale)  # pyqtgraph's factor
                strings = axis.tickStrings(values, scale, spacing)
            else:
                strings = given_strings[i]
            if len(strings) == 0:
                continue
            at = positions[i]
            level_sizes: list[tuple[float, float] | None] = []
            for j, s in enumerate(strings):
                if at[j] is None:
                    level_sizes.append(None)
                    continue
                size = sizes.get(s)
                if size is None:
                    br = p.boundingRect(_TEXT_BOX, Qt.AlignmentFlag.AlignCenter, s)
                    br.setHeight(br.height() * 0.8)  # pyqtgraph's: the box is a bit large
                    size = sizes[s] = (br.width(), br.height())
                level_sizes.append(size)
                widths.append(size[0])
                heights.append(size[1])
            if widths:
                # np.sum and np.max as pyqtgraph takes them, without their wrappers
                if left:
                    size1, size2 = np.add.reduce(heights), np.maximum.reduce(widths)
                else:
                    size1, size2 = np.add.reduce(widths), np.maximum.reduce(heights)
            else:
                size1 = size2 = 0
            if i > 0:  # the top level always; a finer one only if its labels have room
                fill = float(size1) / length
                if any(
                    len(text_specs) >= count and fill >= limit
                    for count, limit in style["textFillLimits"]
                ):
                    break
            last_size2 = size2
            for j, s in enumerate(strings):
                size = level_sizes[j]
                if size is None:
                    continue
                x = cast(float, at[j])
                width, height = size
                if left:
                    rect = QRectF(tick_stop - label_offset - width, x - (height / 2), width, height)
                else:
                    rect = QRectF(x - width / 2.0, tick_stop + label_offset, width, height)
                if box & rect != rect:  # pyqtgraph's test (contains() rounds)
                    continue
                text_specs.append((rect, flags, s))
        axis._updateMaxTextSize(last_size2)
        return axis_spec, tick_specs, text_specs

    def _measured_with(self, p: QPainter) -> None:
        """What the axis keeps of the painter's font (the date axis: its metrics)."""

    def drawPicture(self, p: QPainter, axisSpec, tickSpecs, textSpecs) -> None:  # pyqtgraph's
        """pyqtgraph's `drawPicture`; a level's ticks (`TickLines`) in one `drawLines` under
        its pen, where pyqtgraph sets the same pen and draws one line per tick: the same lines
        (aliased, cosmetic), to the pixel. Specs of pyqtgraph's own kind are drawn its way."""
        axis = cast(pg.AxisItem, self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        pen, a, b = axisSpec
        p.setPen(pen)
        p.drawLine(a, b)
        for spec in tickSpecs:
            if isinstance(spec, TickLines):
                p.setPen(spec.pen)
                p.drawLines(*spec.lines.drawargs())  # pyright: ignore (a pointer and a count)
            else:
                pen, a, b = spec
                p.setPen(pen)
                p.drawLine(a, b)
        font = _style(axis)["tickFont"]
        if font is not None:
            p.setFont(font)
        p.setPen(axis.textPen())
        p.setClipRect(axis.boundingRect().toAlignedRect())
        for rect, flags, text in textSpecs:
            p.drawText(rect, int(flags), text)


@dataclass(frozen=True)
class TickLines:
    """The tick lines of one level under their pen: pyqtgraph's (pen, start, end) per tick,
    kept as one array of lines (x1, y1, x2, y2) that Qt draws in one call, made without a
    Python object per tick."""

    pen: QPen
    lines: PrimitiveArray

    @classmethod
    def across(cls, pen: QPen, at: np.ndarray, start: float, end: float, left: bool) -> TickLines:
        """Ticks at the positions `at` along the axis, from `start` to `end` across it."""
        lines = PrimitiveArray(QLineF, 4)
        lines.resize(len(at))
        xy = lines.ndarray()
        if left:  # across is x, along is y
            xy[:, 0], xy[:, 1], xy[:, 2], xy[:, 3] = start, at, end, at
        else:
            xy[:, 0], xy[:, 1], xy[:, 2], xy[:, 3] = at, start, at, end
        return cls(pen, lines)

    def as_specs(self) -> list[tuple[QPen, QPointF, QPointF]]:
        """pyqtgraph's form: (pen, start, end) per tick."""
        return [
            (self.pen, QPointF(x1, y1), QPointF(x2, y2))
            for x1, y1, x2, y2 in self.lines.ndarray().tolist()
        ]


def _style(axis: pg.AxisItem) -> dict[str, Any]:
    """pyqtgraph's style options of an axis (its `style`, over QGraphicsWidget's `style()`)."""
    return cast(dict[str, Any], axis.style)


def _level_pen(axis: pg.AxisItem, i: int) -> QPen:
    """pyqtgraph's pen of tick level i (no grid): the tick pen, fainter for finer levels."""
    alpha = _style(axis)["tickAlpha"]
    if alpha is None:
        alpha = 255 / (i + 1)
    elif isinstance(alpha, float):
        alpha = min(255, max(0, round(alpha * 255)))
    elif isinstance(alpha, int):
        if alpha > 255 or alpha < 0:
            raise ValueError("lineAlpha should be [0..255]")
    else:
        raise TypeError("Line Alpha should be of type None, float or int")
    pen = axis.tickPen()
    if pen.brush().style() == Qt.BrushStyle.SolidPattern:  # only plain colours are made fainter
        pen = QPen(pen)
        color = QColor(pen.color())
        color.setAlpha(int(alpha))
        pen.setColor(color)
    return pen


class CalendarAxis(QuickPens, QuickSpecs, pg.DateAxisItem):
    """A date axis (Unix timestamps, read in UTC) with calendar ticks: week starts, months and
    years, labelled in the user's locale ("4 Sep", "Oct", "2026")."""

    def __init__(self, week_start: int = 0) -> None:
        super().__init__(orientation="bottom", utcOffset=0)
        self.week_start = week_start
        self._unit = "month"

    def _measured_with(self, p: QPainter) -> None:
        self.fontMetrics = p.fontMetrics()  # as pyqtgraph's date axis keeps it

    def tickValues(self, minVal, maxVal, size):  # pyqtgraph's name
        if size <= 0 or maxVal <= minVal:
            return []
        unit, count = tick_step(size / ((maxVal - minVal) / DAY_S))
        self._unit = unit
        ticks = calendar_ticks(day_at(minVal), day_at(maxVal), unit, count, self.week_start)
        spacing = _UNIT_DAYS[unit] * count * DAY_S
        return [(spacing, [stamp(d) for d in ticks if minVal <= stamp(d) <= maxVal])]

    def tickStrings(self, values, scale, spacing):  # pyqtgraph's name
        locale = QLocale()
        out = []
        for v in values:
            d = day_at(v)
            qd = QDate(d.year, d.month, d.day)
            if self._unit == "year":
                out.append(str(d.year))
            elif self._unit == "month":
                out.append(str(d.year) if d.month == 1 else locale.toString(qd, "MMM"))
            else:
                out.append(locale.toString(qd, "d MMM"))
        return out


def date_axis(week_start: int = 0) -> pg.DateAxisItem:
    return CalendarAxis(week_start)


class ValueAxis(QuickPens, QuickSpecs, pg.AxisItem):
    """A left axis of plain numbers; with `integers` (a count: sessions, stops, days), only whole
    numbers are ticked — never 0.5 or 2.5 stops."""

    def __init__(self, orientation: str = "left") -> None:
        super().__init__(orientation)
        self.integers = False

    def set_integers(self, integers: bool) -> None:
        if integers != self.integers:
            self.integers = integers
            self.picture = None  # pyqtgraph's cached drawing of the ticks
            self.update()

    def tickValues(self, minVal, maxVal, size):  # pyqtgraph's name
        levels = tick_levels(self, minVal, maxVal, size)
        if not self.integers:
            return levels
        return integer_ticks(levels, minVal, maxVal)


def tick_levels(axis: pg.AxisItem, low: float, high: float, size: float) -> list:
    """`pg.AxisItem.tickValues`, the same levels and values, without its `np.isclose` (three
    calls a level and ~100 µs an axis: each chart asks twice a paint, for its axis and its grid).
    A value within 1 % of a step of one in a coarser level is left out, as pyqtgraph does;
    for finite values `isclose` with rtol=0 is exactly |a - b| <= atol. Log axes and
    anything not finite go to pyqtgraph."""
    scale = cast(float, axis.scale)  # pyqtgraph's factor (over QGraphicsItem's scale())
    lo, hi = sorted((low, high))
    lo *= scale
    hi *= scale
    if axis.logMode or not (math.isfinite(lo) and math.isfinite(hi)):
        return pg.AxisItem.tickValues(axis, low, high, size)
    levels = []
    seen = np.array([])
    for spacing, offset in axis.tickSpacing(lo, hi, size):
        if not (math.isfinite(spacing) and math.isfinite(offset) and spacing > 0):
            return pg.AxisItem.tickValues(axis, low, high, size)
        start = (math.ceil((lo - offset) / spacing) * spacing) + offset
        num = int((hi - start) / spacing) + 1
        values = (np.arange(num) * spacing + start) / scale
        if not np.isfinite(values).all():
            return pg.AxisItem.tickValues(axis, low, high, size)
        if len(seen):
            near = np.abs(seen - values[:, np.newaxis]) <= spacing / scale * 0.01
            values = values[~near.any(axis=-1)]
        seen = np.concatenate([seen, values])
        levels.append((spacing / scale, values.tolist()))
    return levels


def integer_ticks(levels, low: float, high: float) -> list[tuple[float, list[float]]]:
    """pyqtgraph's tick levels with every step below 1 dropped and only whole values kept; when
    no level is left (a range of 0 to 2.5), every whole number from low to high."""
    out = []
    for spacing, ticks in levels:
        if spacing < 1:
            continue
        whole = [t for t in ticks if float(t).is_integer()]
        if whole:
            out.append((max(1.0, round(spacing)), whole))
    if out:
        return out
    low, high = min(low, high), max(low, high)
    return [(1.0, [float(v) for v in range(math.ceil(low), math.floor(high) + 1)])]


class PercentAxis(QuickPens, QuickSpecs, pg.AxisItem):
    """A left axis for fractions (0.8) that reads as percentages (80%)."""

    def tickValues(self, minVal, maxVal, size):  # pyqtgraph's name
        return tick_levels(self, minVal, maxVal, size)

    def tickStrings(self, values, scale, spacing):  # pyqtgraph names it so
        return [f"{v * 100:.0f}%" for v in values]


def legend_html(title: str, entries: Sequence[tuple[str, str]], foreground: QColor) -> str:
    """A chart's title row: the title, then a coloured mark and a name per series.

    A mark is a colour ("#7C4DFF", drawn as a square) or a colour and a line glyph ("#7C4DFF ┅").
    Spaces inside an entry do not break; the title and the row between entries may wrap on a
    narrow chart.
    """
    # titles and names may hold what people typed (a passage's label): text, never markup
    # a long title may wrap on a narrow chart rather than run past its edges
    parts = [f"<b>{html.escape(title)}</b>"]
    for mark, name in entries:
        hex_colour, _, glyph = mark.partition(" ")
        name = html.escape(name).replace(" ", "&nbsp;")
        parts.append(f"<span style='color:{hex_colour}'>{glyph or '■'}</span>&nbsp;{name}")
    text = "&nbsp;&nbsp; ".join(parts)
    return f"<span style='color:{foreground.name()}'>{text}</span>"
