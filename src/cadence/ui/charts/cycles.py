"""The backdrop of a chart in two items: behind the data, the horizontal grid lines and the
training phases (light bands over the plot's height); above it, the phases' names and the goal
events (a dashed line, its name in a box). Two items per chart (not a region and a label per
phase, nor pyqtgraph's grid, which costs ~15 ms per axis to paint) keep a redraw cheap on ten
years of cycles."""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TypeVar, cast

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen, QTransform

from cadence.domain.enums import PhaseName, label
from cadence.domain.palette import discipline_colour
from cadence.services.stats.lazy import CycleMarks, EventMark, PhaseMark
from cadence.ui.charts.axes import DAY_S, ChartTheme, colour, stamp, tr

# Soft hues under the data, never louder than the series drawn on them.
PHASE_COLOURS: dict[str, str] = {
    PhaseName.BASE.value: "#94A3B8",
    PhaseName.BUILD.value: "#F59E0B",
    PhaseName.PEAK.value: "#E11D48",
    PhaseName.TAPER.value: "#0EA5E9",
    PhaseName.RECOVERY.value: "#22C55E",
    # music's phases take the hues of their running counterparts
    PhaseName.LEARNING.value: "#94A3B8",
    PhaseName.POLISHING.value: "#F59E0B",
    PhaseName.RUN_THROUGHS.value: "#E11D48",
    PhaseName.PERFORMANCE.value: "#0EA5E9",
    PhaseName.REST.value: "#22C55E",
}
PHASE_ALPHA = 34  # of 255
_PAD = 3.0  # pixels around a name
M = TypeVar("M", PhaseMark, EventMark)


@dataclass(frozen=True)
class Band:
    left: float  # axis position (timestamp) of the first day
    right: float  # of the day after the last
    colour: QColor
    name: str
    tip: str


@dataclass(frozen=True)
class EventLine:
    x: float
    colour: QColor
    name: str


# The shapes of the last marks drawn: every chart of a view shows the same marks.
_last: tuple[CycleMarks | None, list[Band], list[EventLine]] = (None, [], [])
# Each mark's shape by the mark (`id`, the mark kept beside it): the journal's marks are read
# once while it is unchanged, so another range shows the same marks, already shaped.
_shaped: dict[int, tuple[object, Band | EventLine]] = {}
_SHAPED_MAX = 8192  # marks kept shaped (thirty years hold a few hundred)


def _shapes(marks: CycleMarks | None) -> tuple[list[Band], list[EventLine]]:
    global _last
    if marks is None:
        return [], []
    if _last[0] is marks:
        return _last[1], _last[2]
    if len(_shaped) > _SHAPED_MAX:
        _shaped.clear()
    bands = [cast(Band, _shape(phase, _band)) for phase in marks.phases]
    events = [cast(EventLine, _shape(event, _event_line)) for event in marks.events]
    _last = (marks, bands, events)
    return bands, events


def _shape(mark: M, make: Callable[[M], Band | EventLine]) -> Band | EventLine:
    kept = _shaped.get(id(mark))
    if kept is not None and kept[0] is mark:
        return kept[1]
    shape = make(mark)
    _shaped[id(mark)] = (mark, shape)
    return shape


def _band(phase: PhaseMark) -> Band:
    hue = PHASE_COLOURS.get(phase.name, PHASE_COLOURS[PhaseName.BASE.value])
    name = tr(label(phase.name))
    return Band(
        stamp(phase.start),
        stamp(phase.end + timedelta(days=1)),
        colour(hue, PHASE_ALPHA),
        name,
        f"{phase.cycle}: {name}",
    )


def _event_line(event: EventMark) -> EventLine:
    return EventLine(
        stamp(event.day) + DAY_S / 2, QColor(discipline_colour(event.discipline)), event.name
    )


# Text widths by font and text: the names of phases and events are measured on every paint of
# every chart, and Qt's measuring is slow (tens of µs a name).
_widths: dict[tuple[str, str], float] = {}


def text_width(metrics: QFontMetricsF, font_key: str, text: str) -> float:
    key = (font_key, text)
    width = _widths.get(key)
    if width is None:
        if len(_widths) > _SHAPED_MAX:
            _widths.clear()
        width = _widths[key] = metrics.horizontalAdvance(text)
    return width


# What is worked out once for a list of marks and kept while the list is shown (every chart of a
# view shows the same list, and a range switch the same marks): the bands' edges, the names'
# widths in a font. By the list (`id`, the list kept beside it).
_per_list: dict[int, tuple[list, dict[object, object]]] = {}
_PER_LIST_MAX = 16
T = TypeVar("T")


def _kept(marks: list, what: object, make: Callable[[], T]) -> T:
    kept = _per_list.get(id(marks))
    if kept is None or kept[0] is not marks:
        if len(_per_list) >= _PER_LIST_MAX:
            _per_list.clear()
        kept = _per_list[id(marks)] = (marks, {})
    if what not in kept[1]:
        kept[1][what] = make()
    return cast(T, kept[1][what])


def band_edges(bands: list[Band]) -> np.ndarray:
    """The bands' (left, right) on the axis, one row a band."""
    return _kept(bands, "edges", lambda: np.array([(b.left, b.right) for b in bands], float))


def name_widths(bands: list[Band], metrics: QFontMetricsF, font_key: str) -> np.ndarray:
    """The width of each band's name in the font `font_key` (of `metrics`)."""
    return _kept(
        bands,
        ("widths", font_key),
        lambda: np.array([text_width(metrics, font_key, b.name) for b in bands], float),
    )


def event_stamps(events: list[EventLine]) -> np.ndarray:
    """The events' x on the axis."""
    return _kept(events, "x", lambda: np.array([event.x for event in events], float))


def event_pens(events: list[EventLine]) -> list[tuple[QPen, QPen]]:
    """Each event's pens: its dashed line's and its name box's (one of each a colour)."""

    def make() -> list[tuple[QPen, QPen]]:
        by_colour: dict[int, tuple[QPen, QPen]] = {}
        for event in events:
            if event.colour.rgba() not in by_colour:
                dashed = QPen(event.colour, 1.5, Qt.PenStyle.DashLine)
                by_colour[event.colour.rgba()] = (dashed, QPen(event.colour, 1))
        return [by_colour[event.colour.rgba()] for event in events]

    return _kept(events, "pens", make)


# The band rows last made by any chart (newest first): the charts of a Trends tab are linked,
# so they paint the same bands at the same scale and width, and make the row once.
_shared_rows: list[tuple[tuple, QImage]] = []
_SHARED_ROWS = 4


class CycleBands(pg.GraphicsObject):
    """All phases and events of a chart, and the grid at the left axis' major ticks; sits behind
    the data."""

    def __init__(self, theme: ChartTheme, grid_axis: pg.AxisItem | None = None) -> None:
        super().__init__()
        self.theme = theme
        self.grid_axis = grid_axis
        self.show_names = True  # off where the data covers the plot (the heat map)
        self.labels: CycleLabels | None = None  # the names, drawn above the data
        self.bands: list[Band] = []
        self.events: list[EventLine] = []
        self._row: tuple[tuple, QImage] | None = None  # the band row last painted, and its key
        self.setZValue(-50)

    def phase_at(self, x: float) -> str:
        """'Spring recital: Build' for the band under x, or ''."""
        return next((b.tip for b in self.bands if b.left <= x < b.right), "")

    def set_marks(self, marks: CycleMarks | None) -> None:
        self.bands, self.events = _shapes(marks)
        self.prepareGeometryChange()
        self.update()
        if self.labels is not None:
            self.labels.update()

    # --- QGraphicsItem -------------------------------------------------------------------------

    def dataBounds(self, axis, frac=1.0, orthoRange=None):  # pyqtgraph's name
        return None  # never widens the range the data asks for

    def boundingRect(self) -> QRectF:
        rect = self.viewRect()
        return QRectF() if rect is None else rect

    def viewRangeChanged(self) -> None:  # pyqtgraph's name
        self.prepareGeometryChange()
        self.update()

    def paint(self, painter: QPainter, *args) -> None:
        view = self.viewRect()
        if view is None:
            return
        painter.save()
        to_pixels, top, bottom, x_min, x_max = _in_pixels(painter, view)
        # One row of pixels holding every band, stretched over the plot's height: one call
        # instead of one fill per band (ten years hold ~100 phases; fills are clipped slowly).
        left, width = math.floor(x_min), math.ceil(x_max) - math.floor(x_min)
        if self.bands and width > 0:
            image = self._band_row(to_pixels, left, width)
            painter.drawImage(QRectF(left, top, width, bottom - top), image)
        self._paint_grid(painter, to_pixels, view, x_min, x_max)
        painter.restore()

    def _band_row(self, to_pixels: QTransform, left: int, width: int) -> QImage:
        """The row of band colours from pixel `left`, `width` wide, kept while the bands and the
        view's x scale stay. Qt composes each band "over" those before (overlapping cycles both
        show): one fill a band, where a numpy blend a band took ~20 µs (300 phases in 30 years)."""
        key = (self.bands, to_pixels.m11(), to_pixels.m21(), to_pixels.dx(), left, width)
        for kept in (self._row, *_shared_rows):  # this chart's last, or its neighbours' rows
            if kept is not None and kept[0][0] is key[0] and kept[0][1:] == key[1:]:
                self._row = kept
                return kept[1]
        image = QImage(width, 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        edges = band_edges(self.bands)
        pixels = np.round(to_pixels.m11() * edges + to_pixels.dx()).astype(int) - left
        starts, ends = np.maximum(pixels[:, 0], 0), np.minimum(pixels[:, 1], width)
        row = QPainter(image)
        for i in np.nonzero(ends > starts)[0].tolist():
            row.fillRect(int(starts[i]), 0, int(ends[i] - starts[i]), 1, self.bands[i].colour)
        row.end()
        self._row = (key, image)
        _shared_rows.insert(0, self._row)  # the charts of a tab share one x scale and width
        del _shared_rows[_SHARED_ROWS:]
        return image

    def _paint_grid(self, painter, to_pixels, view, x_min, x_max) -> None:
        """Faint lines across the plot at the left axis' labelled ticks."""
        if self.grid_axis is None:
            return
        low, high = sorted((view.top(), view.bottom()))
        height = abs(to_pixels.map(QPointF(0, high)).y() - to_pixels.map(QPointF(0, low)).y())
        levels = self.grid_axis.tickValues(low, high, height) if height > 0 else []
        if not levels:
            return
        painter.setPen(QPen(self.theme.faint(0.12), 1))
        for y in levels[0][1]:
            py = round(to_pixels.map(QPointF(0, y)).y()) + 0.5
            painter.drawLine(QPointF(x_min, py), QPointF(x_max, py))


def _in_pixels(painter: QPainter, view: QRectF):
    """Switch the painter to pixels (the view's scale must not stretch text or dashes); returns
    the view-to-pixel transform and the plot's top, bottom, left and right in pixels."""
    to_pixels = painter.transform()
    painter.resetTransform()
    top_left = to_pixels.map(QPointF(view.left(), view.bottom()))
    bottom_right = to_pixels.map(QPointF(view.right(), view.top()))
    top = min(top_left.y(), bottom_right.y())
    bottom = max(top_left.y(), bottom_right.y())
    x_min = min(top_left.x(), bottom_right.x())
    x_max = max(top_left.x(), bottom_right.x())
    return to_pixels, top, bottom, x_min, x_max


class CycleLabels(pg.GraphicsObject):
    """The names of the phases and the events' lines and names of a CycleBands, drawn above the
    data (on a veil, so a tall bar never hides a name)."""

    def __init__(self, bands: CycleBands) -> None:
        super().__init__()
        # held weakly: the bands hold these labels, and a cycle would leave a dropped chart to
        # Python's cyclic collector (docs/architecture.md, "Charts' lifetime")
        self._source = weakref.ref(bands)
        self.theme = bands.theme
        self.setZValue(40)

    @property
    def source(self) -> CycleBands:
        bands = self._source()
        assert bands is not None  # (a chart holds its bands as long as their labels)
        return bands

    def dataBounds(self, axis, frac=1.0, orthoRange=None):  # pyqtgraph's name
        return None

    def boundingRect(self) -> QRectF:
        rect = self.viewRect()
        return QRectF() if rect is None else rect

    def viewRangeChanged(self) -> None:  # pyqtgraph's name
        self.prepareGeometryChange()
        self.update()

    def paint(self, painter: QPainter, *args) -> None:
        view = self.viewRect()
        if view is None or self._source() is None or not (self.source.bands or self.source.events):
            return
        painter.save()
        to_pixels, top, bottom, x_min, x_max = _in_pixels(painter, view)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        font = painter.font()
        metrics = QFontMetricsF(font)
        measure = partial(text_width, metrics, font.key())
        if self.source.show_names:
            self._paint_band_names(painter, to_pixels, metrics, top, x_min, x_max, font.key())
        self._paint_events(painter, to_pixels, metrics, top, bottom, x_min, x_max, measure)
        painter.restore()

    def _paint_band_names(
        self, painter, to_pixels, metrics, top, x_min, x_max, font_key=None
    ) -> None:
        """Each phase's name at its band's start, where it fits in its band and clears the name
        before. Thirty years hold ~300 phases and the names of few fit: which fit is worked out
        for all bands at once, with their edges and names' widths kept while the bands are
        shown (`font_key`: the font's, for the widths; without it they are measured now)."""
        painter.setPen(self.theme.faint(0.65))
        bands = self.source.bands
        if not bands:
            return
        veil = colour(self.theme.background.name(), 150)
        if font_key is None:
            widths = np.array([metrics.horizontalAdvance(band.name) for band in bands], float)
        else:
            widths = name_widths(bands, metrics, font_key)
        pixels = to_pixels.m11() * band_edges(bands) + to_pixels.dx()
        xs = np.maximum(pixels[:, 0], x_min) + _PAD
        boxes = widths + 2 * _PAD
        # a name only where it fits in its band (those taken here) and clears the one before
        fits = np.nonzero(~(xs + boxes > np.minimum(pixels[:, 1], x_max)))[0]
        last_right = -1e9
        height = metrics.height() + _PAD
        for i, x, width in zip(fits.tolist(), xs[fits].tolist(), boxes[fits].tolist(), strict=True):
            if x < last_right:
                continue
            box = QRectF(x, top + _PAD, width, height)
            painter.fillRect(box, veil)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, bands[i].name)
            last_right = x + width

    def _paint_events(
        self, painter, to_pixels, metrics, top, bottom, x_min, x_max, measure=None
    ) -> None:
        measure = measure or metrics.horizontalAdvance
        fill = colour(self.theme.background.name(), 225)
        events = self.source.events
        if not events:
            return
        last_right = -1e9
        height = metrics.height() + _PAD
        # the lines' x in pixels at once, those in view taken at once, and one dashed pen a
        # colour (thirty years: ~60 events a chart in view, most of them crowded out of a name)
        xs = to_pixels.m11() * event_stamps(events) + to_pixels.dx()
        shown = np.nonzero((xs >= x_min) & (xs <= x_max))[0]
        pens = event_pens(events)
        current = None  # the painter's pen, set again only when another
        for i, x in zip(shown.tolist(), xs[shown].tolist(), strict=True):
            dashed, outline = pens[i]
            if dashed is not current:
                painter.setPen(dashed)
                current = dashed
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            # Years of events crowd the axis: a name only where it clears the one before (the
            # line still marks the day). Its box ends at the line or starts there, so a line
            # short of the last name's end (and gap) has no room, whatever the name's width.
            if x < last_right + _PAD:
                continue
            event = events[i]
            width = measure(event.name) + 2 * _PAD
            left = x - width if x - width >= x_min else x  # keep the box inside the plot
            if left < last_right + _PAD:
                continue
            last_right = left + width
            box = QRectF(left, top + height + 3 * _PAD, width, height)
            painter.fillRect(box, fill)
            painter.setPen(outline)
            current = outline
            painter.drawRect(box)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, event.name)
