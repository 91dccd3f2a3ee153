"""The season on one line of time, drawn with QPainter: months along the top, goal events as
diamonds (the larger, the higher their priority), each training cycle as a lane of coloured phases,
and today. Clicking an item picks it; a double-click opens it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cadence.domain.enums import EventPriority, label
from cadence.domain.palette import discipline_colour
from cadence.domain.seasons import CycleData, EventData
from cadence.ui.charts.cycles import PHASE_COLOURS

AXIS_H = 24.0
EVENT_ROW_H = 24.0
LANE_H = 46.0
PAD_X = 14.0
DIAMOND: dict[EventPriority | None, float] = {
    EventPriority.A: 9.0,
    EventPriority.B: 7.0,
    EventPriority.C: 5.0,
}


@dataclass(frozen=True)
class Hit:
    rect: QRectF
    kind: str  # "event" or "cycle"
    item_id: int


def _lanes(cycles: list[CycleData]) -> list[int]:
    """A lane per cycle; cycles that do not overlap share one."""
    ends: list[date] = []
    lanes = []
    for cycle in cycles:
        for lane, end in enumerate(ends):
            if cycle.start > end:
                ends[lane] = cycle.end
                lanes.append(lane)
                break
        else:
            ends.append(cycle.end)
            lanes.append(len(ends) - 1)
    return lanes


class SeasonTimeline(QWidget):
    picked = Signal(str, int)  # kind, id
    activated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SeasonTimeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.first = date.today() - timedelta(days=60)
        self.last = date.today() + timedelta(days=300)
        self.today = date.today()
        self.events: list[EventData] = []
        self.cycles: list[CycleData] = []
        self.lanes: list[int] = []
        self.event_rows: list[int] = []
        self.selected: tuple[str, int] | None = None
        self.hits: list[Hit] = []

    def set_season(
        self,
        first: date,
        last: date,
        events: list[EventData],
        cycles: list[CycleData],
        today: date,
    ) -> None:
        self.first, self.last, self.today = first, max(last, first + timedelta(days=7)), today
        self.events, self.cycles = events, cycles
        self.lanes = _lanes(cycles)
        self.event_rows = self._event_rows()
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def select(self, kind: str | None, item_id: int | None) -> None:
        self.selected = (kind, item_id) if kind and item_id is not None else None
        self.update()

    # --- geometry --------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        lanes = (max(self.lanes) + 1) if self.lanes else 1
        rows = (max(self.event_rows) + 1) if self.event_rows else 1
        return QSize(600, int(AXIS_H + rows * EVENT_ROW_H + 8 + lanes * LANE_H + 22))

    def x_of(self, day: date) -> float:
        """The x of a day's left edge, held inside the plot for days outside the range."""
        span = max(1, (self.last - self.first).days + 1)
        width = self.width() - 2 * PAD_X
        x = PAD_X + width * (day - self.first).days / span
        return min(max(x, PAD_X), self.width() - PAD_X)

    def _event_rows(self) -> list[int]:
        """Rows for the events' labels, so that neighbours do not write over each other."""
        metrics = QFontMetricsF(self.font())
        row_ends: list[float] = []
        rows = []
        for event in self.events:
            x = self.x_of(event.day)
            width = metrics.horizontalAdvance(self._event_text(event)) + 24
            for row, end in enumerate(row_ends):
                if x > end:
                    row_ends[row] = x + width
                    rows.append(row)
                    break
            else:
                row_ends.append(x + width)
                rows.append(len(row_ends) - 1)
        return rows

    @staticmethod
    def _event_text(event: EventData) -> str:
        prefix = f"{event.priority} · " if event.priority else ""
        return prefix + event.name

    def resizeEvent(self, event) -> None:
        self.event_rows = self._event_rows()
        self.setFixedHeight(self.sizeHint().height())
        super().resizeEvent(event)

    # --- painting --------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        faint = QColor(text)
        faint.setAlpha(60)
        self.hits = []
        rows = (max(self.event_rows) + 1) if self.event_rows else 1
        lanes_top = AXIS_H + rows * EVENT_ROW_H + 8
        bottom = self.height() - 4.0
        self._paint_months(painter, text, faint, bottom)
        self._paint_cycles(painter, text, lanes_top)
        self._paint_events(painter, text, bottom)
        if self.first <= self.today <= self.last:
            x = self.x_of(self.today)
            painter.setPen(QPen(QColor("#D55E00"), 1.5))
            painter.drawLine(QPointF(x, AXIS_H - 4), QPointF(x, bottom))
            today = self.tr("Today")
            width = QFontMetricsF(self.font()).horizontalAdvance(today)
            left = x + 4 if x + 4 + width < self.width() else x - 4 - width
            painter.drawText(QPointF(left, bottom - 4), today)
        painter.end()

    def _paint_months(self, painter: QPainter, text: QColor, faint: QColor, bottom: float) -> None:
        month = date(self.first.year, self.first.month, 1)
        metrics = QFontMetricsF(self.font())
        last_label_end = -1.0
        while month <= self.last:
            x = self.x_of(max(month, self.first))
            painter.setPen(QPen(faint, 1))
            painter.drawLine(QPointF(x, AXIS_H - 2), QPointF(x, bottom))
            name = f"{month:%b}" if month.month != 1 else f"{month:%b %Y}"
            if month == date(self.first.year, self.first.month, 1):
                name = f"{month:%b %Y}"
            if x > last_label_end:
                painter.setPen(text)
                painter.drawText(QPointF(x + 3, AXIS_H - 8), name)
                last_label_end = x + metrics.horizontalAdvance(name) + 8
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)

    def _paint_cycles(self, painter: QPainter, text: QColor, top: float) -> None:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        metrics = QFontMetricsF(small)
        for cycle, lane in zip(self.cycles, self.lanes, strict=True):
            y = top + lane * LANE_H
            left, right = self.x_of(cycle.start), self.x_of(cycle.end + timedelta(days=1))
            band = QRectF(left, y + 17, max(2.0, right - left), LANE_H - 22)
            for phase in cycle.phases:
                x0 = self.x_of(phase.start)
                x1 = self.x_of(phase.end + timedelta(days=1))
                rect = QRectF(x0, band.top(), max(1.0, x1 - x0), band.height())
                colour = QColor(PHASE_COLOURS.get(str(phase.name), "#94A3B8"))
                colour.setAlpha(150)
                painter.fillRect(rect, colour)
                name = label(phase.name)
                if metrics.horizontalAdvance(name) + 6 < rect.width():
                    painter.setFont(small)
                    painter.setPen(QColor("#1F2937"))
                    painter.drawText(
                        rect.adjusted(3, 0, 0, 0),
                        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                        name,
                    )
            chosen = self.selected == ("cycle", cycle.id)
            pen = QPen(QColor(discipline_colour(cycle.discipline)), 2.5 if chosen else 1.2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(band, 3, 3)
            painter.setFont(self.font())
            painter.setPen(text)
            title = metrics.elidedText(
                cycle.name, Qt.TextElideMode.ElideRight, max(40.0, right - left + 80)
            )
            painter.drawText(QPointF(left + 1, y + 12), title)
            if cycle.id is not None:  # (a cycle not saved yet has nothing to open)
                self.hits.append(
                    Hit(QRectF(left, y, max(4.0, right - left), LANE_H), "cycle", cycle.id)
                )

    def _paint_events(self, painter: QPainter, text: QColor, bottom: float) -> None:
        metrics = QFontMetricsF(self.font())
        for event, row in zip(self.events, self.event_rows, strict=True):
            x = self.x_of(event.day) + 0.5 * (
                self.x_of(event.day + timedelta(days=1)) - self.x_of(event.day)
            )
            y = AXIS_H + row * EVENT_ROW_H + EVENT_ROW_H / 2
            colour = QColor(discipline_colour(event.discipline))
            line = QColor(colour)
            line.setAlpha(120)
            painter.setPen(QPen(line, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, y), QPointF(x, bottom))
            size = DIAMOND.get(event.priority, 6.0)
            diamond = QPainterPath()
            diamond.moveTo(x, y - size)
            diamond.lineTo(x + size, y)
            diamond.lineTo(x, y + size)
            diamond.lineTo(x - size, y)
            diamond.closeSubpath()
            chosen = self.selected == ("event", event.id)
            painter.setPen(QPen(text if chosen else colour.darker(130), 2 if chosen else 1))
            painter.setBrush(colour)
            painter.drawPath(diamond)
            name = self._event_text(event)
            font = QFont(self.font())
            font.setBold(chosen or event.priority == EventPriority.A)
            painter.setFont(font)
            painter.setPen(text)
            painter.drawText(QPointF(x + size + 4, y + metrics.ascent() / 2 - 1), name)
            painter.setFont(self.font())
            width = metrics.horizontalAdvance(name) + size + 8
            if event.id is not None:  # (an event not saved yet has nothing to open)
                self.hits.append(
                    Hit(QRectF(x - size, y - size, width + size, 2 * size), "event", event.id)
                )

    # --- mouse -----------------------------------------------------------------------------------

    def hit_at(self, point: QPointF) -> Hit | None:
        for hit in reversed(self.hits):  # events are drawn last, on top
            if hit.rect.contains(point):
                return hit
        return None

    def mousePressEvent(self, event) -> None:
        hit = self.hit_at(event.position())
        if hit is not None:
            self.picked.emit(hit.kind, hit.item_id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        hit = self.hit_at(event.position())
        if hit is not None:
            self.activated.emit(hit.kind, hit.item_id)
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event) -> None:
        hit = self.hit_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)
