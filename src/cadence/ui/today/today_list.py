"""Today's sessions: several a day are normal (scales in the morning, a run at noon). Each line
wraps rather than scrolls sideways, and its "Open" button takes Tab and Enter like any other."""

from __future__ import annotations

from datetime import UTC, date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cadence.domain.enums import Discipline, label
from cadence.domain.units import Units, format_distance, format_duration
from cadence.services.records.preferences import load_preferences
from cadence.services.today import SessionLine, sessions_on
from cadence.ui.plurals import plural
from cadence.ui.widgets.common import Card, Chip, hint


class SessionRow(QWidget):
    def __init__(self, text: str, discipline: Discipline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(text)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setFlat(True)
        self.open_button.setToolTip(self.tr("Open this session in the editor"))
        chip = Chip(discipline)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(8)
        layout.addWidget(chip, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        chip.setContentsMargins(0, 4, 0, 0)


class TodaySessionsCard(Card):
    """`open_requested(session_id)` when a session's Open button is pressed."""

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Today's sessions"), parent)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.rows: list[SessionRow] = []
        self.empty = hint(self.tr("Nothing yet today. Some is better than none."))
        self.body.addLayout(self.rows_box)
        self.body.addWidget(self.empty)

    def reload(self, day: date | None = None) -> list[SessionLine]:
        lines = sessions_on(day or date.today())
        units = load_preferences().units
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for line in lines:
            row = SessionRow(self.describe(line, units), line.discipline, self)
            row.open_button.clicked.connect(
                lambda _=False, session_id=line.id: self.open_requested.emit(session_id)
            )
            self.rows_box.addWidget(row)
            self.rows.append(row)
        self.empty.setVisible(not lines)
        return lines

    def describe(self, line: SessionLine, units: Units) -> str:
        start = line.started_at.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
        parts = [start, line.title or self.tr(label(line.kind)), format_duration(line.duration_s)]
        if line.discipline == Discipline.RUNNING and line.distance_m:
            parts.append(format_distance(line.distance_m, units, 1))
        if line.done_reps:
            reps = plural(
                line.done_reps,
                self.tr("%n rep", "", line.done_reps),
                self.tr("%n reps", "", line.done_reps),
            )
            if line.clean_reps is not None:
                reps += self.tr(" ({0} clean)").format(line.clean_reps)
            parts.append(reps)
        text = " · ".join(parts)
        if line.intention:
            text += f"\n→ {line.intention}"
        return text
