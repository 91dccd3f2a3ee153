"""Today's sessions: several a day are normal (scales in the morning, a run at noon)."""

from __future__ import annotations

from datetime import UTC, date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QWidget

from cadence.domain.enums import Discipline, label
from cadence.domain.palette import discipline_colour
from cadence.domain.units import format_distance, format_duration
from cadence.services.preferences import load_preferences
from cadence.services.today import SessionLine, sessions_on
from cadence.ui.today.widgets import Card, hint


def dot(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class TodaySessionsCard(Card):
    """`open_requested(session_id)` when a session is activated (double-click or Enter)."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Today's sessions"), parent)
        self.list = QListWidget()
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setIconSize(QSize(12, 12))
        self.list.setSpacing(3)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget { background: transparent; }")
        self.list.itemActivated.connect(
            lambda item: self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.empty = hint(self.tr("Nothing yet today. Some is better than none."))
        self.body.addWidget(self.list)
        self.body.addWidget(self.empty)

    def reload(self, day: date | None = None) -> list[SessionLine]:
        lines = sessions_on(day or date.today())
        units = load_preferences().units
        self.list.clear()
        for line in lines:
            item = QListWidgetItem(
                dot(discipline_colour(line.discipline)), self.describe(line, units)
            )
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            item.setToolTip(self.tr("Double-click or press Enter to open"))
            self.list.addItem(item)
        self.list.setVisible(bool(lines))
        self.empty.setVisible(not lines)
        rows = sum(self.list.sizeHintForRow(i) + 2 * self.list.spacing() for i in range(len(lines)))
        self.list.setFixedHeight(rows + 4)
        return lines

    def describe(self, line: SessionLine, units: str) -> str:
        start = line.started_at.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
        parts = [start, line.title or self.tr(label(line.kind)), format_duration(line.duration_s)]
        if line.discipline == Discipline.RUNNING and line.distance_m:
            parts.append(format_distance(line.distance_m, units, 1))
        if line.done_reps:
            reps = self.tr("{0} reps").format(line.done_reps)
            if line.clean_reps is not None:
                reps += self.tr(" ({0} clean)").format(line.clean_reps)
            parts.append(reps)
        text = " · ".join(parts)
        if line.intention:
            text += f"\n→ {line.intention}"
        return text
